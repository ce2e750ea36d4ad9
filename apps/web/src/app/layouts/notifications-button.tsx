import { lazy, Suspense } from 'react';
import { useSession } from '../../features/auth/hooks/use-session.js';

// Signed-in shoppers only, so it loads on its own rather than with every visitor's first page.
const NotificationsBell = lazy(() =>
  import('../../features/notifications/components/notifications-bell.js').then(({ NotificationsBell }) => ({
    default: NotificationsBell,
  })),
);

/** The notifications bell, for signed-in users only. The space is kept while it loads, so the header does not move. */
export function NotificationsButton() {
  const { isSignedIn } = useSession();
  if (!isSignedIn) return null;
  return (
    <Suspense fallback={<span aria-hidden="true" className="inline-block size-10" />}>
      <NotificationsBell />
    </Suspense>
  );
}
