import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../hooks/use-session.js';
import { buildLoginPath } from '../utils/next-path.js';
import { SessionPending } from './session-pending.js';

/**
 * Layout route for pages that need a signed-in user (account, orders, checkout): signed-out visitors go to
 * `/login?next=<this page>` and come back after signing in. The API checks every request anyway.
 */
export function RequireSignedIn() {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'pending') return <SessionPending />;
  if (status === 'signedOut') return <Navigate to={buildLoginPath(location)} replace />;
  return <Outlet />;
}
