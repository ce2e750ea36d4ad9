import { invalidRequest } from '../api/api-error.js';
import type { RequestInfo, SandboxContext } from '../context.js';
import { NO_REQUEST } from '../context.js';
import type { SessionRecord } from '../state/sandbox-state.js';
import { emitEvent } from './emit-event.js';

/**
 * Expires an open session (the `expire` endpoint, the expiry sweep, or the test control): it can no longer be paid,
 * an unfinished PaymentIntent is canceled, and `checkout.session.expired` is sent.
 */
export function expireCheckoutSession(ctx: SandboxContext, record: SessionRecord, request: RequestInfo): void {
  const { session } = record;
  if (session.status !== 'open') {
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
    );
  }
  const now = ctx.clock.nowSeconds();
  session.status = 'expired';
  session.url = null;
  for (const challenge of ctx.state.challenges.values()) {
    if (challenge.sessionId === session.id) challenge.settled = true;
  }
  const paymentIntentId = typeof session.payment_intent === 'string' ? session.payment_intent : null;
  const paymentIntent = paymentIntentId ? ctx.state.paymentIntents.get(paymentIntentId) : undefined;
  if (paymentIntent && paymentIntent.status !== 'succeeded' && paymentIntent.status !== 'canceled') {
    paymentIntent.status = 'canceled';
    paymentIntent.canceled_at = now;
    paymentIntent.cancellation_reason = 'abandoned';
    paymentIntent.next_action = null;
    emitEvent(ctx, 'payment_intent.canceled', paymentIntent, request);
  }
  emitEvent(ctx, 'checkout.session.expired', session, request);
}

/** Expires every open session whose `expires_at` has passed on the sandbox clock; returns how many. */
export function expireDueSessions(ctx: SandboxContext): number {
  const now = ctx.clock.nowSeconds();
  let count = 0;
  for (const record of ctx.state.sessions.values()) {
    if (record.session.status === 'open' && record.session.expires_at <= now) {
      expireCheckoutSession(ctx, record, NO_REQUEST);
      count++;
    }
  }
  return count;
}
