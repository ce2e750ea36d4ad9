import { NO_REQUEST, type SandboxContext } from '../context.js';
import { buildCharge, buildPaymentError } from '../objects/build-payment-objects.js';
import type { CardDetails, PaymentError, PaymentIntent } from '../objects/types.js';
import type { SessionRecord } from '../state/sandbox-state.js';
import { emitEvent } from './emit-event.js';

export interface Billing {
  email: string;
  name: string;
  country: string | null;
  postalCode: string | null;
}

export interface Attempt {
  record: SessionRecord;
  paymentIntent: PaymentIntent;
  paymentMethodId: string;
  card: CardDetails;
  billing: Billing;
  threeDSecure: boolean;
}

/** A successful charge: the PaymentIntent succeeds and the session completes (events in Stripe's usual order). */
export function settleSuccess(ctx: SandboxContext, attempt: Attempt): void {
  const { paymentIntent: pi } = attempt;
  const charge = buildCharge({ ...attempt, created: ctx.clock.nowSeconds() });
  ctx.state.charges.set(charge.id, charge);
  pi.status = 'succeeded';
  pi.amount_received = pi.amount;
  pi.latest_charge = charge.id;
  pi.payment_method = attempt.paymentMethodId;
  pi.last_payment_error = null;
  pi.next_action = null;
  emitEvent(ctx, 'charge.succeeded', charge, NO_REQUEST);
  emitEvent(ctx, 'payment_intent.succeeded', pi, NO_REQUEST);
  completeSession(ctx, attempt.record, attempt.billing, 'paid');
}

/** A declined charge: a failed Charge, the PaymentIntent back to `requires_payment_method`, the session still open. */
export function settleDecline(
  ctx: SandboxContext,
  attempt: Attempt,
  failure: { code: string; declineCode: string; message: string },
): PaymentError {
  const { paymentIntent: pi } = attempt;
  const charge = buildCharge({ ...attempt, created: ctx.clock.nowSeconds(), failure });
  ctx.state.charges.set(charge.id, charge);
  const error = buildPaymentError({
    type: 'card_error',
    code: failure.code,
    declineCode: failure.declineCode,
    message: failure.message,
    chargeId: charge.id,
    paymentMethodId: attempt.paymentMethodId,
    card: attempt.card,
  });
  failPaymentIntent(ctx, attempt.record, pi, error, charge.id);
  emitEvent(ctx, 'charge.failed', charge, NO_REQUEST);
  emitEvent(ctx, 'payment_intent.payment_failed', pi, NO_REQUEST);
  return error;
}

/** The customer failed (or refused) 3-D Secure: no charge, the PaymentIntent needs a new payment method. */
export function settleAuthenticationFailure(ctx: SandboxContext, attempt: Attempt): PaymentError {
  const error = buildPaymentError({
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    message:
      'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    paymentMethodId: attempt.paymentMethodId,
    card: attempt.card,
  });
  failPaymentIntent(
    ctx,
    attempt.record,
    attempt.paymentIntent,
    error,
    attempt.paymentIntent.latest_charge as string | null,
  );
  emitEvent(ctx, 'payment_intent.payment_failed', attempt.paymentIntent, NO_REQUEST);
  return error;
}

function failPaymentIntent(
  ctx: SandboxContext,
  record: SessionRecord,
  pi: PaymentIntent,
  error: PaymentError,
  chargeId: string | null,
): void {
  pi.status = 'requires_payment_method';
  pi.last_payment_error = error;
  pi.latest_charge = chargeId;
  pi.payment_method = null;
  pi.next_action = null;
  record.lastError = error;
  ctx.logger.info(`payment ${pi.id} failed: ${error.code}${error.decline_code ? `/${error.decline_code}` : ''}`);
}

/** Marks the session complete, records who paid, counts the coupon redemption and sends `checkout.session.completed`. */
export function completeSession(
  ctx: SandboxContext,
  record: SessionRecord,
  billing: Billing,
  paymentStatus: 'paid' | 'no_payment_required',
): void {
  const { session } = record;
  session.status = 'complete';
  session.payment_status = paymentStatus;
  session.url = null;
  session.customer_details = {
    address: {
      city: null,
      country: billing.country,
      line1: null,
      line2: null,
      postal_code: billing.postalCode,
      state: null,
    },
    business_name: null,
    email: billing.email,
    individual_name: null,
    name: billing.name,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
  record.lastError = null;
  const couponId = session.discounts[0]?.coupon;
  const coupon = couponId ? ctx.state.coupons.get(couponId) : undefined;
  if (coupon) {
    coupon.times_redeemed++;
    if (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions) coupon.valid = false;
  }
  emitEvent(ctx, 'checkout.session.completed', session, NO_REQUEST);
}
