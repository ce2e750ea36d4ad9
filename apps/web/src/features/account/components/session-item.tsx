import type { TSession } from '@mercato/shared';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { describeUserAgent, formatDate, formatRelativeTime } from '../utils/describe-session.js';

interface SessionItemProps {
  session: TSession;
  /** When the list was fetched: "last active" is relative to what the server said then. */
  now: Date;
  isRevoking: boolean;
  onRevoke: (session: TSession) => void;
}

/** One signed-in device: what it is, when it was last used, and a way to sign it out (not this one). */
export function SessionItem({ session, now, isRevoking, onRevoke }: SessionItemProps) {
  const device = describeUserAgent(session.userAgent);
  const lastActive = formatRelativeTime(session.lastUsedAt, now);
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col gap-1">
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
          {device}
          {session.isCurrent && <Badge tone="success">This device</Badge>}
        </p>
        <p className="text-sm text-slate-600">
          {session.isCurrent ? 'Active now' : `Last active ${lastActive}`} · Signed in {formatDate(session.createdAt)} ·
          IP {session.ip}
        </p>
      </div>
      {!session.isCurrent && (
        <Button
          variant="secondary"
          size="sm"
          className="self-start sm:self-center"
          isLoading={isRevoking}
          aria-label={`Sign out ${device}, last active ${lastActive}`}
          onClick={() => onRevoke(session)}
        >
          Sign out
        </Button>
      )}
    </li>
  );
}
