import { Link } from 'react-router';
import { Button } from '../../../../components/ui/button.js';
import { buttonClasses } from '../../../../components/ui/button-styles.js';
import { EmptyState } from '../../../../components/ui/empty-state.js';
import { ApiError } from '../../../../lib/api-error.js';

/** A failed admin read, explained: signed out or not an admin (401/403), gone (404), or a retryable failure. */
export function AdminLoadError({ error, onRetry, what }: { error: Error; onRetry: () => void; what: string }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 401 || status === 403) {
    return (
      <EmptyState
        title={status === 401 ? 'Please sign in again' : 'Admins only'}
        description={status === 401 ? 'Your session has ended.' : 'Your account is not allowed to manage the catalog.'}
        action={
          <Link to="/login" className={buttonClasses()}>
            Sign in
          </Link>
        }
      />
    );
  }
  if (status === 404)
    return <EmptyState title={`This ${what} does not exist`} description="It may have been deleted." />;
  return (
    <EmptyState
      title={`The ${what} could not be loaded`}
      description={error.message}
      action={<Button onClick={onRetry}>Try again</Button>}
    />
  );
}
