import type { ObjectId } from 'mongodb';

export interface CouponDoc {
  _id: ObjectId;
  /** Upper-cased; unique. */
  code: string;
  description: string;
  type: 'percent' | 'fixed';
  /** percent: 1–100; fixed: minor units. */
  value: number;
  startsAt: Date | null;
  endsAt: Date | null;
  minSubtotal: number;
  usageLimit: number | null;
  /**
   * Slots left: usageLimit − redeemed − reserved. Decremented by a conditional update (`remaining > 0`), so N
   * simultaneous checkouts can never take more than N slots. Null when unlimited.
   */
  remaining: number | null;
  redeemedCount: number;
  reservedCount: number;
  perCustomerLimit: number | null;
  active: boolean;
  categoryIds: ObjectId[];
  source: 'admin' | 'loyalty';
  /** Personal coupons (loyalty) can only be used by their owner. */
  ownerUserId: ObjectId | null;
  sourceOrderId: ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One coupon held for one order: reserved at checkout, then redeemed (paid) or released (failed/expired). */
export interface CouponReservationDoc {
  _id: ObjectId;
  couponId: ObjectId;
  code: string;
  userId: ObjectId;
  orderId: ObjectId;
  status: 'reserved' | 'redeemed' | 'released';
  /**
   * Whether a per-customer slot was taken for it, so a release gives back exactly what was taken even if an admin
   * changed the coupon's per-customer limit in between. Absent on reservations written before it was recorded.
   */
  customerSlot?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Per-customer counter; `_id` is `<couponId>:<userId>`; counts reserved + redeemed uses. */
export interface CouponUsageDoc {
  _id: string;
  count: number;
}

export const COUPONS = 'coupons';
export const COUPON_RESERVATIONS = 'coupon_reservations';
export const COUPON_USAGE = 'coupon_usage';
