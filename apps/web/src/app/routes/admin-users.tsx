import { UsersPage } from '../../features/admin/users/components/users-page.js';
import { useSession } from '../../features/auth/hooks/use-session.js';

/** `/admin/users`: the admin users screen, told who is signed in (their own account cannot be changed). */
export function AdminUsersRoute() {
  const session = useSession();
  return <UsersPage currentUserId={session.user?.id} />;
}
