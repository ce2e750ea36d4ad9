import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

export type TBadgeTone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';

const TONES: Record<TBadgeTone, string> = {
  neutral: 'bg-slate-100 text-slate-800',
  brand: 'bg-brand-600 text-white',
  success: 'bg-green-100 text-green-800',
  warning: 'bg-amber-100 text-amber-900',
  danger: 'bg-red-100 text-red-800',
};

export interface BadgeProps {
  tone?: TBadgeTone;
  className?: string;
  children: ReactNode;
}

/** Small status label (order status, stock, counts). Colour is never the only signal: keep the text meaningful. */
export function Badge({ tone = 'neutral', className, children }: BadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap',
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
