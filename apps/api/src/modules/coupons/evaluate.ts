import type { TErrorCode } from '@mercato/shared';
import { cappedDiscount, formatMoney, percentOf } from '../../lib/money.js';
import type { CouponDoc } from './model.js';

export interface CouponLine {
  categoryId: string | null;
  lineTotal: number;
}

export type CouponEvaluation =
  { ok: true; discount: number; eligibleSubtotal: number } | { ok: false; code: TErrorCode; message: string };

/**
 * Decides whether a coupon applies to a cart right now and how much it takes off. Pure: the caller supplies the
 * clock, the customer's previous uses and the coupon's remaining slots, so every rule is unit-testable.
 */
export function evaluateCoupon(
  coupon: CouponDoc | null,
  input: {
    lines: CouponLine[];
    subtotal: number;
    currency: string;
    now: Date;
    userId: string | null;
    usesByCustomer: number;
  },
): CouponEvaluation {
  if (!coupon) return fail('COUPON_INVALID', 'This code is not valid.');
  if (coupon.ownerUserId && coupon.ownerUserId.toHexString() !== input.userId)
    return fail('COUPON_INVALID', 'This code is not valid.');
  if (!coupon.active) return fail('COUPON_INACTIVE', 'This code is no longer active.');
  if (coupon.startsAt && input.now < coupon.startsAt)
    return fail('COUPON_NOT_STARTED', `This code can be used from ${coupon.startsAt.toISOString().slice(0, 10)}.`);
  if (coupon.endsAt && input.now >= coupon.endsAt) return fail('COUPON_EXPIRED', 'This code has expired.');
  if (coupon.remaining !== null && coupon.remaining <= 0)
    return fail('COUPON_EXHAUSTED', 'This code has been used up.');
  if (coupon.perCustomerLimit !== null && input.usesByCustomer >= coupon.perCustomerLimit) {
    return fail('COUPON_ALREADY_USED', 'You have already used this code.');
  }
  if (input.subtotal < coupon.minSubtotal)
    return fail(
      'COUPON_MINIMUM_NOT_MET',
      `This code needs a subtotal of at least ${formatMoney(coupon.minSubtotal, input.currency)}.`,
    );
  const restricted = new Set(coupon.categoryIds.map((id) => id.toHexString()));
  const eligibleSubtotal = input.lines
    .filter((line) => restricted.size === 0 || (line.categoryId !== null && restricted.has(line.categoryId)))
    .reduce((sum, line) => sum + line.lineTotal, 0);
  if (eligibleSubtotal === 0)
    return fail('COUPON_NOT_APPLICABLE', 'This code does not apply to anything in your cart.');
  const discount =
    coupon.type === 'percent'
      ? percentOf(eligibleSubtotal, coupon.value)
      : cappedDiscount(eligibleSubtotal, coupon.value);
  return { ok: true, discount, eligibleSubtotal };
}

function fail(code: TErrorCode, message: string): CouponEvaluation {
  return { ok: false, code, message };
}
