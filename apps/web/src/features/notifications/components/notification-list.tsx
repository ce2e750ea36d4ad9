import type { z } from 'zod';
import type { ZNotificationSchema } from '@mercato/shared';
import { Link } from 'react-router';
import { cn } from '../../../lib/cn.js';
import { formatRelativeTime, internalPath } from '../lib/relative-time.js';

type TNotification = z.infer<typeof ZNotificationSchema>;

export interface NotificationListProps {
  items: readonly TNotification[];
  /** Ids that were unread when the panel opened: still marked "new" while it stays open. */
  freshIds: ReadonlySet<string>;
  now: number;
  onNavigate: () => void;
}

/** The notifications in the bell's panel, newest first; each links to what it is about. */
export function NotificationList({ items, freshIds, now, onNavigate }: NotificationListProps) {
  if (items.length === 0) return <p className="px-3 py-6 text-center text-sm text-slate-600">No notifications yet.</p>;
  return (
    <ul className="flex max-h-96 flex-col divide-y divide-slate-100 overflow-y-auto">
      {items.map((item) => {
        const path = internalPath(item.link);
        const isFresh = freshIds.has(item.id);
        const body = (
          <>
            <span className="flex items-center gap-2 font-medium text-slate-900">
              {isFresh && <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-brand-600" />}
              {isFresh && <span className="sr-only">New: </span>}
              {item.title}
            </span>
            <span className="text-slate-700">{item.body}</span>
            <time dateTime={item.createdAt} className="text-xs text-slate-600">
              {formatRelativeTime(item.createdAt, now)}
            </time>
          </>
        );
        const classes = cn('flex flex-col gap-0.5 px-3 py-2 text-sm', isFresh && 'bg-brand-50');
        return (
          <li key={item.id}>
            {path ? (
              <Link to={path} onClick={onNavigate} className={cn(classes, 'hover:bg-slate-100')}>
                {body}
              </Link>
            ) : (
              <div className={classes}>{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
