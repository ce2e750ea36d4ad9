import { Button } from '../../../../components/ui/button.js';
import { EmptyState } from '../../../../components/ui/empty-state.js';
import { ApiError } from '../../../../lib/api-error.js';

/** A failed admin read, explained: gone (404), not allowed (401/403), or a failure worth retrying. */
export function AdminQueryError({ error, onRetry, what }: { error: Error; onRetry: () => void; what: string }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404) return <EmptyState title={`This ${what} does not exist`} />;
  if (status === 401 || status === 403)
    return <EmptyState title="Admins only" description="Sign in with an admin account to see this." />;
  return (
    <EmptyState
      title={`The ${what} could not be loaded`}
      description={error.message}
      action={<Button onClick={onRetry}>Try again</Button>}
    />
  );
}
