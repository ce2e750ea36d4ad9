import { cancelPendingCheckout, releaseHeld } from './cancel.js';
import type { CommerceDeps } from './deps.js';
import { applyPaidEffects, fulfilCheckoutSession } from './fulfil.js';

const BATCH = 100;
/** Stripe's own expiry runs on its clock; give it a moment before we act on ours. */
const GRACE_MS = 30_000;

/**
 * The safety net behind the webhook: releases checkouts whose payment page expired even if no webhook ever
 * arrived (asking Stripe first, so a payment that did happen is fulfilled, not cancelled), gives back what ended
 * checkouts still hold when a crash came between cancelling and releasing, and finishes the side effects of paid
 * orders that a crash interrupted. Idempotent; safe on several workers at once.
 */
export async function sweepCheckouts(
  deps: CommerceDeps,
  now = new Date(),
): Promise<{ released: number; fulfilled: number; settled: number }> {
  let released = 0;
  let fulfilled = 0;
  for (const order of await deps.orders.findExpiredPending(new Date(now.getTime() - GRACE_MS), BATCH)) {
    try {
      const sessionId = order.payment.checkoutSessionId;
      if (!sessionId) {
        if (
          (await cancelPendingCheckout(deps, order, 'Checkout was never completed', 'system'))?.status === 'cancelled'
        )
          released += 1;
        continue;
      }
      const session = await deps.stripe.checkout.sessions.retrieve(sessionId);
      if (session.status === 'open') await deps.stripe.checkout.sessions.expire(sessionId).catch(() => undefined);
      const result = await fulfilCheckoutSession(deps, sessionId);
      if (result.status === 'cancelled') released += 1;
      else if (result.status !== 'pending_payment') fulfilled += 1;
    } catch (error) {
      deps.log.warn({ err: error, orderId: order._id.toHexString() }, 'checkout sweep: order skipped, will retry');
    }
  }
  for (const order of await deps.orders.findUnreleasedUnpaid(BATCH)) {
    await releaseHeld(deps, order).then(
      () => (released += 1),
      (error: unknown) =>
        deps.log.warn({ err: error, orderId: order._id.toHexString() }, 'checkout sweep: release will retry'),
    );
  }
  let settled = 0;
  for (const order of await deps.orders.findUnsettledPaid(new Date(now.getTime() - GRACE_MS), BATCH)) {
    await applyPaidEffects(deps, order).then(
      () => (settled += 1),
      (error: unknown) =>
        deps.log.warn({ err: error, orderId: order._id.toHexString() }, 'checkout sweep: effects will retry'),
    );
  }
  return { released, fulfilled, settled };
}
