import type { TSession } from '@mercato/shared';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useToast } from '../../../components/ui/toast-context.js';
import { useSessions } from '../api/list-sessions.js';
import { useRevokeSession } from '../api/revoke-session.js';
import { describeUserAgent, sortSessions } from '../utils/describe-session.js';
import { LoadError } from './load-error.js';
import { SessionItem } from './session-item.js';
import { SignOutOthersButton } from './sign-out-others-button.js';

/** Every device signed in to the account, this one first, each other one with "Sign out". */
export function SessionsList() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const toast = useToast();

  if (sessions.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-4">
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-12 w-full" />
      </div>
    );
  }
  if (sessions.isError) return <LoadError message={sessions.error.message} onRetry={() => void sessions.refetch()} />;
  if (sessions.data.length === 0) return <EmptyState as="h3" title="No signed-in devices" />;

  const handleRevoke = (session: TSession) =>
    revoke.mutate(session.id, {
      onSuccess: () => toast.show({ title: `${describeUserAgent(session.userAgent)} signed out`, tone: 'success' }),
      onError: (error) =>
        toast.show({ title: 'Could not sign that device out', description: error.message, tone: 'error' }),
    });

  const now = new Date(sessions.dataUpdatedAt);
  return (
    <div className="flex flex-col gap-2">
      <ul className="divide-y divide-slate-200" aria-label="Signed-in devices">
        {sortSessions(sessions.data).map((session) => (
          <SessionItem
            key={session.id}
            session={session}
            now={now}
            isRevoking={revoke.isPending && revoke.variables === session.id}
            onRevoke={handleRevoke}
          />
        ))}
      </ul>
      <SignOutOthersButton otherCount={sessions.data.filter((session) => !session.isCurrent).length} />
    </div>
  );
}
