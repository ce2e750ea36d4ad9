import type { z } from 'zod';
import type { ZPersonalCouponSchema } from '@mercato/shared';
import { formatMoney } from '../../../lib/format-money.js';

export type TPersonalCoupon = z.infer<typeof ZPersonalCouponSchema>;
export type TPersonalCouponState = 'available' | 'used' | 'expired';

/** Whether a code can still be used at `now`: used once is used (personal codes are single-use). */
export function personalCouponState(coupon: TPersonalCoupon, now: number): TPersonalCouponState {
  if (coupon.isUsed) return 'used';
  if (coupon.endsAt !== null && Date.parse(coupon.endsAt) <= now) return 'expired';
  return 'available';
}

/** "10% off" or "$5.00 off"; a fixed amount needs the shop currency (undefined while it loads). */
export function describeDiscount(coupon: TPersonalCoupon, currency: string | undefined): string {
  if (coupon.type === 'percent') return `${coupon.value}% off`;
  return currency ? `${formatMoney(coupon.value, currency)} off` : '';
}

/** Usable codes first (soonest to expire first), then used and expired ones. */
export function sortPersonalCoupons(coupons: readonly TPersonalCoupon[], now: number): TPersonalCoupon[] {
  const rank = (coupon: TPersonalCoupon) => (personalCouponState(coupon, now) === 'available' ? 0 : 1);
  const ends = (coupon: TPersonalCoupon) => (coupon.endsAt === null ? Infinity : Date.parse(coupon.endsAt));
  return [...coupons].sort((a, b) => rank(a) - rank(b) || ends(a) - ends(b) || a.code.localeCompare(b.code));
}
