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
  // A stored coupon that breaks its own rules applies to nothing, rather than failing every cart that carries it.
  if (!isWellFormed(coupon)) return fail('COUPON_NOT_APPLICABLE', 'This code cannot be used at the moment.');
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
  const eligibleSubtotal = input.lines
    .filter((line) => coversCategory(coupon, line.categoryId))
    .reduce((sum, line) => sum + line.lineTotal, 0);
  if (eligibleSubtotal === 0)
    return fail('COUPON_NOT_APPLICABLE', 'This code does not apply to anything in your cart.');
  const discount =
    coupon.type === 'percent'
      ? percentOf(eligibleSubtotal, coupon.value)
      : cappedDiscount(eligibleSubtotal, coupon.value);
  return { ok: true, discount, eligibleSubtotal };
}

/** A percentage from 1 to 100, or a fixed amount of at least one minor unit: what the money module can apply. */
function isWellFormed(coupon: Pick<CouponDoc, 'type' | 'value'>): boolean {
  if (!Number.isSafeInteger(coupon.value) || coupon.value < 1) return false;
  return coupon.type === 'fixed' || (coupon.type === 'percent' && coupon.value <= 100);
}

/** Whether a coupon covers a line: every line when it names no categories, otherwise lines in one of them. */
export function coversCategory(coupon: Pick<CouponDoc, 'categoryIds'>, categoryId: string | null): boolean {
  if (coupon.categoryIds.length === 0) return true;
  return categoryId !== null && coupon.categoryIds.some((id) => id.toHexString() === categoryId);
}

function fail(code: TErrorCode, message: string): CouponEvaluation {
  return { ok: false, code, message };
}
