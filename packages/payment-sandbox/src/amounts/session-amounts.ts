import { allocateProportionally, percentOf } from './allocate.js';

export interface AmountLine {
  unitAmount: number;
  quantity: number;
}

export interface CouponTerms {
  amountOff: number | null;
  percentOff: number | null;
}

export interface LineAmounts {
  subtotal: number;
  discount: number;
  total: number;
}

export interface SessionAmounts {
  lines: LineAmounts[];
  subtotal: number;
  discount: number;
  shipping: number;
  total: number;
}

/**
 * Computes a Checkout Session's amounts: line subtotals, the coupon's discount on the items (never on shipping, never
 * more than the items' subtotal) spread across the lines in proportion to their subtotals, then shipping on top.
 * Invariants: Σ line.total = subtotal − discount, and total = subtotal − discount + shipping.
 */
export function computeSessionAmounts(
  lines: readonly AmountLine[],
  coupon: CouponTerms | null,
  shipping: number,
): SessionAmounts {
  const subtotals = lines.map((line) => line.unitAmount * line.quantity);
  const subtotal = subtotals.reduce((acc, value) => acc + value, 0);
  const discount = coupon ? computeDiscount(subtotal, coupon) : 0;
  const lineDiscounts = allocateProportionally(discount, subtotals);
  return {
    lines: subtotals.map((lineSubtotal, index) => {
      const lineDiscount = lineDiscounts[index] ?? 0;
      return { subtotal: lineSubtotal, discount: lineDiscount, total: lineSubtotal - lineDiscount };
    }),
    subtotal,
    discount,
    shipping,
    total: subtotal - discount + shipping,
  };
}

/** The discount a coupon gives on an items subtotal. */
export function computeDiscount(subtotal: number, coupon: CouponTerms): number {
  if (coupon.amountOff !== null) return Math.min(coupon.amountOff, subtotal);
  if (coupon.percentOff !== null) return Math.min(percentOf(subtotal, coupon.percentOff), subtotal);
  return 0;
}
