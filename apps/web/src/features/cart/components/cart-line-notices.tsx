import type { TCartLine } from '@mercato/shared';
import { cn } from '../../../lib/cn.js';
import { describeCartNotice, type TNoticeTone } from '../lib/cart-notices.js';

const TONES: Record<TNoticeTone, string> = {
  info: 'bg-slate-100 text-slate-800',
  warning: 'bg-amber-50 text-amber-900',
  danger: 'bg-red-50 text-red-800',
};

/** The notices of one cart line (price changed, low stock, unavailable, merge adjustments). */
export function CartLineNotices({ line, currency }: { line: TCartLine; currency: string }) {
  if (line.notices.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1">
      {line.notices.map((notice) => {
        const { tone, text } = describeCartNotice(notice, line, currency);
        return (
          <li key={notice.type} className={cn('rounded px-2 py-1 text-sm', TONES[tone])}>
            {text}
          </li>
        );
      })}
    </ul>
  );
}
