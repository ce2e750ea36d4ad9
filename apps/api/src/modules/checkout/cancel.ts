import { releaseCoupon } from '../coupons/reservations.js';
import type { OrderDoc } from '../orders/model.js';
import type { CommerceDeps } from './deps.js';
import { holdLinesOf } from '../inventory/holds.js';

/**
 * Cancels an order that was never paid and gives back what it held (stock, coupon). Conditional on the order still
 * being pending_payment, so it happens once even if the webhook, the expiry job and the shopper race each other.
 * The caller makes sure the payment page can no longer be paid (expired session) before calling this.
 */
export async function cancelPendingCheckout(
  deps: CommerceDeps,
  order: OrderDoc,
  reason: string,
  actor: string,
  status: 'cancelled' | 'payment_failed' = 'cancelled',
): Promise<OrderDoc | null> {
  const cancelled = await deps.orders.transition(
    order._id,
    ['pending_payment'],
    status,
    { note: reason, actor },
    { $set: { 'payment.checkoutUrl': null } },
  );
  if (!cancelled) return deps.orders.findById(order._id);
  await releaseHeld(deps, cancelled);
  return deps.orders.findById(order._id);
}

/** Releases stock holds and the coupon of an order that will not be paid. Idempotent. */
export async function releaseHeld(deps: CommerceDeps, order: OrderDoc): Promise<void> {
  const lines = holdLinesOf(order);
  await deps.holds.releaseAll(lines, order._id);
  await releaseCoupon(deps.coupons, order._id);
  await deps.orders.update(
    { _id: order._id, stockState: { $ne: 'committed' } },
    { $set: { stockState: 'released', updatedAt: new Date() } },
  );
}
