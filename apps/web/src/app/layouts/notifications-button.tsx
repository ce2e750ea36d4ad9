import { useSession } from '../../features/auth/hooks/use-session.js';
import { NotificationsBell } from '../../features/notifications/components/notifications-bell.js';

/** The notifications bell, for signed-in users only. */
export function NotificationsButton() {
  const { isSignedIn } = useSession();
  return isSignedIn ? <NotificationsBell /> : null;
}
