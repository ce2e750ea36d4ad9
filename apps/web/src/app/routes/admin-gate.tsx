import { useLocation } from 'react-router';
import { AdminGuard } from '../../features/admin/guard/admin-guard.js';
import { useSession } from '../../features/auth/hooks/use-session.js';
import { buildLoginPath } from '../../features/auth/utils/next-path.js';

/** `/admin/*`: the admin feature's guard, fed with the auth feature's session. */
export function AdminGate() {
  const session = useSession();
  const location = useLocation();
  return (
    <AdminGuard
      status={session.status}
      isAdmin={session.isAdmin}
      loginPath={buildLoginPath(location)}
      userName={session.user?.name}
    />
  );
}
