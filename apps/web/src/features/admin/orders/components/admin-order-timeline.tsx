import type { TAdminOrder } from '@mercato/shared';
import { describeOrderStatus } from '../../../../lib/order-status.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Every recorded transition and note, newest first (staff look for the latest event). */
export function AdminOrderTimeline({ timeline }: { timeline: TAdminOrder['timeline'] }) {
  const entries = [...timeline].reverse();
  return (
    <ol aria-label="Timeline" className="flex flex-col gap-3">
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="flex flex-col gap-0.5 border-l-2 border-brand-600 pl-3 text-sm">
          <span className="font-medium">{entry.status ? describeOrderStatus(entry.status).label : 'Note'}</span>
          {entry.note && <span className="text-slate-700">{entry.note}</span>}
          <time dateTime={entry.at} className="text-xs text-slate-600">
            {dateTime.format(new Date(entry.at))}
          </time>
        </li>
      ))}
    </ol>
  );
}
