import { AppError } from '../../lib/app-error.js';
import { ObjectId } from 'mongodb';
import type { CouponDoc, CouponReservationDoc } from './model.js';
import type { CouponsRepo } from './repo.js';

/**
 * Holds a coupon for an order at checkout. The per-customer slot and the total slot are each taken with one
 * atomic conditional update; whatever was taken is given back if a later step fails or throws. Idempotent per order.
 */
export async function reserveCoupon(
  repo: CouponsRepo,
  coupon: CouponDoc,
  userId: ObjectId,
  orderId: ObjectId,
): Promise<CouponReservationDoc> {
  const existing = await repo.findReservationByOrder(orderId);
  if (existing) return existing;
  const taken: (() => Promise<void>)[] = [];
  // Each slot goes back at most once, however the steps below end.
  const giveBack = async () => {
    for (const step of taken.splice(0).reverse()) await step();
  };
  try {
    const perCustomer = coupon.perCustomerLimit;
    const customerSlot = perCustomer !== null;
    if (perCustomer !== null) {
      if (!(await repo.takeCustomerSlot(coupon._id, userId, perCustomer)))
        throw new AppError('COUPON_ALREADY_USED', 'You have already used this code.', { meta: { code: coupon.code } });
      taken.push(() => repo.returnCustomerSlot(coupon._id, userId));
    }
    if (!(await repo.takeTotalSlot(coupon._id)))
      throw new AppError('COUPON_EXHAUSTED', 'This code has just been used up.', { meta: { code: coupon.code } });
    taken.push(() => repo.countReleased(coupon._id));
    const now = new Date();
    const inserted = await repo.insertReservation({
      _id: new ObjectId(),
      couponId: coupon._id,
      code: coupon.code,
      userId,
      orderId,
      status: 'reserved',
      customerSlot,
      createdAt: now,
      updatedAt: now,
    });
    if (inserted) return inserted;
    // A concurrent call for the same order won: give our slots back and use its reservation.
    await giveBack();
    const winner = await repo.findReservationByOrder(orderId);
    if (!winner) throw new AppError('CONFLICT', 'The coupon reservation changed; try again.');
    return winner;
  } catch (error) {
    // Nothing was recorded that a release could find, so the slots taken so far go back here or never.
    await giveBack();
    throw error;
  }
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
  await repo.countReleased(moved.couponId);
  // Older reservations did not record it: then the coupon's current per-customer limit is the best guess.
  const hadCustomerSlot =
    moved.customerSlot ?? ((await repo.findById(moved.couponId))?.perCustomerLimit ?? null) !== null;
  if (hadCustomerSlot) await repo.returnCustomerSlot(moved.couponId, moved.userId);
  return true;
}
