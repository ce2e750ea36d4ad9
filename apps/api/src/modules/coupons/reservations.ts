import { AppError } from '../../lib/app-error.js';
import { ObjectId } from 'mongodb';
import type { CouponDoc, CouponReservationDoc } from './model.js';
import type { CouponsRepo } from './repo.js';

/**
 * Holds a coupon for an order at checkout. The per-customer slot and the total slot are each taken with one
 * atomic conditional update; if the second fails the first is given back. Idempotent per order.
 */
export async function reserveCoupon(
  repo: CouponsRepo,
  coupon: CouponDoc,
  userId: ObjectId,
  orderId: ObjectId,
): Promise<CouponReservationDoc> {
  const existing = await repo.findReservationByOrder(orderId);
  if (existing) return existing;
  if (coupon.perCustomerLimit !== null && !(await repo.takeCustomerSlot(coupon._id, userId, coupon.perCustomerLimit))) {
    throw new AppError('COUPON_ALREADY_USED', 'You have already used this code.', { meta: { code: coupon.code } });
  }
  if (!(await repo.takeTotalSlot(coupon._id))) {
    if (coupon.perCustomerLimit !== null) await repo.returnCustomerSlot(coupon._id, userId);
    throw new AppError('COUPON_EXHAUSTED', 'This code has just been used up.', { meta: { code: coupon.code } });
  }
  const now = new Date();
  const inserted = await repo.insertReservation({
    _id: new ObjectId(),
    couponId: coupon._id,
    code: coupon.code,
    userId,
    orderId,
    status: 'reserved',
    createdAt: now,
    updatedAt: now,
  });
  if (inserted) return inserted;
  // A concurrent call for the same order won: give our slots back and use its reservation.
  await repo.countReleased(coupon._id);
  if (coupon.perCustomerLimit !== null) await repo.returnCustomerSlot(coupon._id, userId);
  const winner = await repo.findReservationByOrder(orderId);
  if (!winner) throw new AppError('CONFLICT', 'The coupon reservation changed; try again.');
  return winner;
}

/** Payment succeeded: the reservation becomes a redemption (once, however often fulfilment runs). */
export async function redeemCoupon(repo: CouponsRepo, orderId: ObjectId): Promise<boolean> {
  const moved = await repo.transitionReservation(orderId, 'reserved', 'redeemed');
  if (!moved) return false;
  await repo.countRedeemed(moved.couponId);
  return true;
}

/** Checkout failed or expired: the slots go back, so the code is available again (once). */
export async function releaseCoupon(repo: CouponsRepo, orderId: ObjectId): Promise<boolean> {
  const moved = await repo.transitionReservation(orderId, 'reserved', 'released');
  if (!moved) return false;
  const coupon = await repo.findById(moved.couponId);
  if (coupon) {
    await repo.countReleased(coupon._id);
    if (coupon.perCustomerLimit !== null) await repo.returnCustomerSlot(coupon._id, moved.userId);
  }
  return true;
}
