import type { OrderDoc } from '../orders/model.js';
import { cancelPendingCheckout } from './cancel.js';
import type { CommerceDeps } from './deps.js';
import { fulfilCheckoutSession } from './fulfil.js';

/**
 * Ends an unpaid checkout in the order cancel.ts asks for: the payment page is closed at Stripe first, so nobody can
 * pay an order that is already cancelled. A page that was paid just before is fulfilled instead. Resolves to the
 * order as it ends up: still pending_payment when the page is still open (Stripe could not close it; try again).
 */
export async function closePendingCheckout(
  deps: CommerceDeps,
  order: OrderDoc,
  reason: string,
  actor: string,
): Promise<OrderDoc> {
  const sessionId = order.payment.checkoutSessionId;
  if (sessionId) {
    // Expiring a session that is no longer open fails; its current state says why (paid, or expired already).
    const session = await deps.stripe.checkout.sessions
      .expire(sessionId)
      .catch(() => deps.stripe.checkout.sessions.retrieve(sessionId));
    if (session.status === 'complete') return fulfilCheckoutSession(deps, sessionId);
    if (session.status === 'open') return order;
  }
  return (await cancelPendingCheckout(deps, order, reason, actor)) ?? order;
}
