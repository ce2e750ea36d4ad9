import { Link } from 'react-router';
import { useSession } from '../../features/auth/hooks/use-session.js';

const YEAR = new Date().getFullYear();

const SHOP_LINKS = [
  { to: '/search', label: 'All products' },
  { to: '/cart', label: 'Cart' },
];
const SIGNED_OUT_LINKS = [
  { to: '/login', label: 'Sign in' },
  { to: '/signup', label: 'Create account' },
  { to: '/orders', label: 'Orders' },
];
// Also while a reload restores the session: most such visitors are signed in, and both links are protected anyway.
const SIGNED_IN_LINKS = [
  { to: '/account', label: 'Your account' },
  { to: '/orders', label: 'Orders' },
  { to: '/account/privacy', label: 'Privacy and data' },
];

/** Storefront footer: secondary navigation and the small print. */
export function SiteFooter() {
  const { status } = useSession();
  const columns = [
    { title: 'Shop', links: SHOP_LINKS },
    { title: 'Your account', links: status === 'signedOut' ? SIGNED_OUT_LINKS : SIGNED_IN_LINKS },
  ];
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 sm:grid-cols-3 sm:px-6 lg:px-8">
        <div className="flex flex-col gap-2">
          <p className="text-lg font-bold tracking-tight">Mercato</p>
          <p className="text-sm text-slate-600">Open-source e-commerce, built in TypeScript.</p>
        </div>
        {columns.map((column) => (
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
