import { createHash } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { NO_REQUEST } from '../context.js';
import { findCardOutcome, type CardOutcome } from '../cards/card-outcomes.js';
import { validateCardInput, type CardInput } from '../cards/card-input.js';
import { isEmail } from '../api/params-formats.js';
import { isOfferedCountry } from '../hosted/countries.js';
import { createId, randomToken } from '../lib/ids.js';
import { buildPaymentIntent } from '../objects/build-payment-objects.js';
import type { CardDetails, PaymentError, PaymentIntent } from '../objects/types.js';
import type { SessionRecord } from '../state/sandbox-state.js';
import { emitEvent } from './emit-event.js';
import { expireDueSessions } from './expire-checkout-session.js';
import { completeSession, settleDecline, settleSuccess, type Attempt, type Billing } from './settle-payment.js';
import { selectShippingRate } from './select-shipping-rate.js';

/** The fields the hosted page posts (the same names the testing helpers fill in). */
export interface CheckoutForm {
  email: string;
  cardholderName: string;
  billingCountry: string;
  billingPostalCode: string;
  cardNumber: string;
  cardExpiry: string;
  cardCvc: string;
  shippingRate: string;
}

export interface FieldError {
  field: keyof CheckoutForm;
  code: string;
  message: string;
}

export type PayResult =
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'succeeded' }
  | { kind: 'declined'; error: PaymentError }
  | { kind: 'requires_action'; challengeUrl: string }
  | { kind: 'not_open' };

/**
 * What happens when the customer presses Pay: check the form as Stripe's page does, create the PaymentIntent on the
 * first confirm, then charge the card according to the test-card table (success, decline, or a 3-D Secure challenge).
 */
export function payCheckoutSession(ctx: SandboxContext, record: SessionRecord, form: CheckoutForm): PayResult {
  expireDueSessions(ctx);
  if (record.session.status !== 'open') return { kind: 'not_open' };
  if (form.shippingRate) selectShippingRate(ctx, record, form.shippingRate);
  const isFree = record.session.amount_total === 0;
  const errors = validateCustomer(record, form);
  const checked = isFree ? null : validateCardInput(form, new Date(ctx.clock.nowMs()));
  if (checked && checked.errors.length > 0) errors.push(...checked.errors);
  if (errors.length > 0) return { kind: 'invalid', errors };

  const billing: Billing = {
    email: record.session.customer_email ?? form.email.trim(),
    name: form.cardholderName.trim(),
    country: form.billingCountry,
    postalCode: form.billingPostalCode.trim() || null,
  };
  record.lastError = null;
  if (isFree || !checked?.card) {
    completeSession(ctx, record, billing, 'no_payment_required');
    return { kind: 'succeeded' };
  }
  const paymentIntent = ensurePaymentIntent(ctx, record);
  const { brand, funding, outcome } = findCardOutcome(checked.card.number);
  const attempt: Attempt = {
    record,
    paymentIntent,
    paymentMethodId: createId('pm'),
    card: describeCard(checked.card, brand, funding),
    billing,
    threeDSecure: false,
  };
  return applyOutcome(ctx, attempt, outcome);
}

/** Carries out a card outcome for an attempt (also used after a 3-D Secure challenge is passed). */
export function applyOutcome(ctx: SandboxContext, attempt: Attempt, outcome: CardOutcome): PayResult {
  switch (outcome.kind) {
    case 'success':
      settleSuccess(ctx, attempt);
      return { kind: 'succeeded' };
    case 'decline':
      return { kind: 'declined', error: settleDecline(ctx, attempt, outcome) };
    case 'three_d_secure':
      return { kind: 'requires_action', challengeUrl: startChallenge(ctx, attempt, outcome.then) };
  }
}

function startChallenge(ctx: SandboxContext, attempt: Attempt, then: CardOutcome): string {
  const { record, paymentIntent: pi } = attempt;
  for (const challenge of ctx.state.challenges.values()) {
    if (challenge.sessionId === record.session.id) challenge.settled = true;
  }
  const id = `tdsc_${randomToken(24)}`;
  ctx.state.challenges.set(id, {
    id,
    sessionId: record.session.id,
    paymentIntentId: pi.id,
    paymentMethodId: attempt.paymentMethodId,
    card: attempt.card,
    billing: attempt.billing,
    then,
    settled: false,
  });
  const url = `${ctx.publicUrl}/c/pay/${record.session.id}/3ds/${id}`;
  pi.status = 'requires_action';
  pi.payment_method = attempt.paymentMethodId;
  pi.last_payment_error = null;
  pi.next_action = {
    type: 'redirect_to_url',
    redirect_to_url: { return_url: `${ctx.publicUrl}/c/pay/${record.session.id}`, url },
  };
  emitEvent(ctx, 'payment_intent.requires_action', pi, NO_REQUEST);
  return url;
}

function validateCustomer(record: SessionRecord, form: CheckoutForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!record.session.customer_email) {
    const email = form.email.trim();
    if (email === '') errors.push({ field: 'email', code: 'email_missing', message: 'Enter your email address.' });
    else if (!isEmail(email))
      errors.push({ field: 'email', code: 'email_invalid', message: 'Your email address is invalid.' });
  }
  if (form.cardholderName.trim() === '') {
    errors.push({ field: 'cardholderName', code: 'name_missing', message: 'Enter the name on your card.' });
  }
  if (!isOfferedCountry(form.billingCountry)) {
    errors.push({ field: 'billingCountry', code: 'country_invalid', message: 'Choose your country or region.' });
  }
  return errors;
}

function ensurePaymentIntent(ctx: SandboxContext, record: SessionRecord): PaymentIntent {
  const existingId = typeof record.session.payment_intent === 'string' ? record.session.payment_intent : null;
  const existing = existingId ? ctx.state.paymentIntents.get(existingId) : undefined;
  if (existing) {
    existing.amount = record.session.amount_total;
    return existing;
  }
  const data = record.paymentIntentData;
  const pi = buildPaymentIntent({
    amount: record.session.amount_total,
    currency: record.session.currency,
    created: ctx.clock.nowSeconds(),
    metadata: { ...data.metadata },
    description: data.description,
    receiptEmail: data.receiptEmail,
    statementDescriptor: data.statementDescriptor,
    statementDescriptorSuffix: data.statementDescriptorSuffix,
    captureMethod: data.captureMethod,
  });
  ctx.state.paymentIntents.set(pi.id, pi);
  record.session.payment_intent = pi.id;
  emitEvent(ctx, 'payment_intent.created', pi, NO_REQUEST);
  return pi;
}

function describeCard(card: CardInput, brand: string, funding: CardDetails['funding']): CardDetails {
  return {
    brand,
    country: 'US',
    exp_month: card.expMonth,
    exp_year: card.expYear,
    fingerprint: createHash('sha256').update(card.number).digest('base64url').slice(0, 16),
    funding,
    last4: card.number.slice(-4),
  };
}
