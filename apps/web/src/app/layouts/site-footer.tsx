import { Link } from 'react-router';

const YEAR = new Date().getFullYear();

const COLUMNS = [
  {
    title: 'Shop',
    links: [
      { to: '/search', label: 'All products' },
      { to: '/cart', label: 'Cart' },
    ],
  },
  {
    title: 'Your account',
    links: [
      { to: '/login', label: 'Sign in' },
      { to: '/signup', label: 'Create account' },
      { to: '/orders', label: 'Orders' },
    ],
  },
] as const;

/** Storefront footer: secondary navigation and the small print. */
export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 sm:grid-cols-3 sm:px-6 lg:px-8">
        <div className="flex flex-col gap-2">
          <p className="text-lg font-bold tracking-tight">Mercato</p>
          <p className="text-sm text-slate-600">Open-source e-commerce, built in TypeScript.</p>
        </div>
        {COLUMNS.map((column) => (
          <nav key={column.title} aria-label={column.title} className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold text-slate-900">{column.title}</h2>
            <ul className="flex flex-col gap-1">
              {column.links.map((link) => (
                <li key={link.to}>
                  <Link to={link.to} className="text-sm text-slate-700 hover:text-brand-700 hover:underline">
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <p className="border-t border-slate-200 py-4 text-center text-xs text-slate-600">© {YEAR} Mercato</p>
    </footer>
  );
}
