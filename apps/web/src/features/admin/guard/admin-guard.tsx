import { Navigate, Outlet } from 'react-router';
import { Spinner } from '../../../components/ui/spinner.js';
import { AdminForbiddenPage } from './admin-forbidden-page.js';

export interface AdminGuardProps {
  /** The session as the auth feature reports it (composed in src/app, since features do not import each other). */
  status: 'pending' | 'signedIn' | 'signedOut';
  isAdmin: boolean;
  /** Where signed-out visitors go: `/login?next=<this admin page>`. */
  loginPath: string;
  userName?: string | undefined;
}

/**
 * Layout route in front of the admin area (and its lazy chunk): admins get through, signed-out visitors go to the
 * login page and come back, customers get a 403 page. Convenience only: the API checks the role on every request.
 */
export function AdminGuard({ status, isAdmin, loginPath, userName }: AdminGuardProps) {
  if (status === 'pending') {
    return (
      <main id="main" className="flex min-h-dvh items-center justify-center text-brand-700">
        <Spinner size="lg" label="Checking your access" />
      </main>
    );
  }
  if (status === 'signedOut') return <Navigate to={loginPath} replace />;
  if (!isAdmin) return <AdminForbiddenPage userName={userName} />;
  return <Outlet />;
}
