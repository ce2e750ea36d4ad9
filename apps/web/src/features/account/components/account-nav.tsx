import { NavLink } from 'react-router';
import { cn } from '../../../lib/cn.js';

const LINKS = [
  { to: '/account', label: 'Your account', end: true },
  { to: '/account/privacy', label: 'Privacy and data', end: false },
] as const;

/** The account area's pages as tabs-like links; the current one is marked for screen readers (aria-current). */
export function AccountNav() {
  return (
    <nav aria-label="Account">
      <ul className="flex flex-wrap gap-1 border-b border-slate-200">
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className={({ isActive }) =>
                cn(
                  '-mb-px block border-b-2 px-3 py-2 text-sm font-medium',
                  isActive
                    ? 'border-brand-600 text-brand-700'
                    : 'border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900',
                )
              }
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
