import type { TOrder } from '@mercato/shared';
import { describeOrderStatus } from '../../../lib/order-status.js';
import { formatDateTime } from '../lib/format-date.js';

/** Everything that happened to the order, oldest first, as an ordered list with machine-readable times. */
export function OrderTimeline({ timeline }: { timeline: TOrder['timeline'] }) {
  return (
    <ol className="flex flex-col gap-4 border-l-2 border-slate-200 pl-4">
      {timeline.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="relative flex flex-col gap-0.5">
          <span aria-hidden="true" className="absolute top-1.5 -left-[1.4rem] size-2.5 rounded-full bg-brand-600" />
          <p className="font-medium text-slate-900">
            {entry.status ? describeOrderStatus(entry.status).label : 'Update'}
          </p>
          {entry.note && <p className="text-sm text-slate-700">{entry.note}</p>}
          <time dateTime={entry.at} className="text-sm text-slate-600">
            {formatDateTime(entry.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}
