import { NavLink } from 'react-router';
import { cn } from '../../lib/cn.js';
import { ADMIN_SECTIONS } from '../admin-nav.js';
import { Logo } from './logo.js';

const LINKS = [{ path: '', label: 'Dashboard' }, ...ADMIN_SECTIONS];

function linkClasses({ isActive }: { isActive: boolean }): string {
  return cn(
    'block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap',
    isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
  );
}

/** Admin navigation: a column on wide screens, a scrollable row on phones. NavLink sets aria-current. */
export function AdminSidebar() {
  return (
    <aside className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-r md:border-b-0">
      <div className="flex h-16 items-center px-4">
        <Logo to="/admin" suffix="Admin" />
      </div>
      <nav aria-label="Admin" className="overflow-x-auto px-2 pb-2 md:pb-4">
        <ul className="flex gap-1 md:flex-col">
          {LINKS.map((link) => (
            <li key={link.path}>
              <NavLink to={link.path ? `/admin/${link.path}` : '/admin'} end={!link.path} className={linkClasses}>
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
