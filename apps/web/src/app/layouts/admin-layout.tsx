import { Link, Outlet } from 'react-router';
import { AdminSidebar } from './admin-sidebar.js';
import { ApiStatus } from './api-status.js';
import { NavigationProgress } from './navigation-progress.js';
import { MAIN_ID, SkipLink } from './skip-link.js';

/**
 * Shell of the admin area (lazy chunk). Access is enforced by the API on every admin endpoint; before this chunk
 * loads, `AdminGate` (routes/admin-gate.tsx) sends signed-out visitors to the login page and customers to a 403 page.
 */
export function AdminLayout() {
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50 md:flex-row">
      <SkipLink />
      <NavigationProgress />
      <AdminSidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-16 items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 sm:px-6">
          <ApiStatus />
          <Link to="/" className="text-sm font-medium text-brand-700 hover:underline">
            Back to the store
          </Link>
        </header>
        <main id={MAIN_ID} tabIndex={-1} className="flex-1 p-4 focus:outline-none sm:p-6 lg:p-8">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
