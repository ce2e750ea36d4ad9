import { useId } from 'react';
import { Badge } from '../../../components/ui/badge.js';
import {
  describeDiscount,
  personalCouponState,
  type TPersonalCoupon,
  type TPersonalCouponState,
} from '../utils/personal-coupon.js';
import { CopyCodeButton } from './copy-code-button.js';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const BADGE: Record<TPersonalCouponState, { label: string; tone: 'success' | 'neutral' | 'warning' }> = {
  available: { label: 'Ready to use', tone: 'success' },
  used: { label: 'Used', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'warning' },
};

function validity(coupon: TPersonalCoupon, state: TPersonalCouponState): string {
  if (coupon.endsAt === null) return 'No end date';
  const end = day.format(new Date(coupon.endsAt));
  return state === 'expired' ? `Ended ${end}` : `Valid until ${end}`;
}

/** One personal code: the code itself, what it takes off, until when, and a copy button while it can be used. */
export function CouponCard({ coupon, currency, now }: { coupon: TPersonalCoupon; currency?: string; now: number }) {
  const codeId = useId();
  const state = personalCouponState(coupon, now);
  const discount = describeDiscount(coupon, currency);
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col gap-1">
        <p className="flex flex-wrap items-center gap-2">
          <span id={codeId} className="font-mono text-base font-semibold tracking-wide text-slate-900">
            {coupon.code}
          </span>
          <Badge tone={BADGE[state].tone}>{BADGE[state].label}</Badge>
        </p>
        <p className="text-sm text-slate-700">{[discount, coupon.description].filter(Boolean).join(' · ')}</p>
        <p className="text-sm text-slate-600">{validity(coupon, state)}</p>
      </div>
      {state === 'available' && (
        <div className="self-start sm:self-center">
          <CopyCodeButton code={coupon.code} codeElementId={codeId} />
        </div>
      )}
    </li>
  );
}
