import { cn } from '../../../../lib/cn.js';
import type { TLiveStatus } from '../lib/live-stream.js';

const LOOK: Record<TLiveStatus, { label: string; hint: string; dot: string }> = {
  connecting: { label: 'Connecting…', hint: 'Opening the live feed of sales', dot: 'bg-slate-400' },
  connected: { label: 'Live', hint: 'New paid orders update these figures as they happen', dot: 'bg-green-600' },
  reconnecting: {
    label: 'Reconnecting…',
    hint: 'The live feed dropped; figures refresh every minute until it is back',
    dot: 'bg-amber-500',
  },
  stopped: { label: 'Not live', hint: 'Figures refresh every minute', dot: 'bg-slate-400' },
};

function salesText(count: number): string {
  if (count === 0) return '';
  return count === 1 ? '1 new sale since you opened this page' : `${count} new sales since you opened this page`;
}

/**
 * A small "Live" badge for the dashboard's feed of sales (a status: losing the feed is announced politely), and a
 * polite announcement of each new sale (the figures change under the reader's eyes; screen-reader users hear why).
 */
export function LiveIndicator({ status, saleCount }: { status: TLiveStatus; saleCount: number }) {
  const look = LOOK[status];
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span
        role="status"
        title={look.hint}
        className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-2.5 py-0.5 font-medium text-slate-800"
      >
        <span
          aria-hidden="true"
          className={cn('size-2 rounded-full', look.dot, status === 'connected' && 'animate-pulse')}
        />
        {look.label}
        <span className="sr-only">: {look.hint}</span>
      </span>
      <span aria-live="polite" className="text-slate-700">
        {salesText(saleCount)}
      </span>
    </div>
  );
}
