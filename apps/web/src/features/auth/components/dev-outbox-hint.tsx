import { Link } from 'react-router';
import { TEXT_LINK } from './auth-layout.js';

/** Development builds only (Vite drops it from production): where the emails of the local outbox can be read. */
export function DevOutboxHint() {
  if (!import.meta.env.DEV) return null;
  return (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Development: no email leaves this machine. Sign in as an admin and open the{' '}
      <Link to="/admin/outbox" className={TEXT_LINK}>
        outbox
      </Link>{' '}
      to read it.
    </p>
  );
}
