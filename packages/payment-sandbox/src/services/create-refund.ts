import { invalidParam, invalidRequest, resourceMissing } from '../api/api-error.js';
import { readEnum, readInteger, readString, rejectUnknownParams, type Params } from '../api/params.js';
import { readExpand, readMetadata } from '../api/params-formats.js';
import type { RequestInfo, SandboxContext } from '../context.js';
import { formatAmount } from '../lib/money.js';
import { buildRefund } from '../objects/build-payment-objects.js';
import type { Charge, Refund } from '../objects/types.js';
import { emitEvent } from './emit-event.js';

/**
 * Refunds a succeeded charge, found by `payment_intent` or `charge`, in full (no amount: whatever is left) or in part,
 * with Stripe's errors for refunding too much. Sends `refund.created` and `charge.refunded`.
 */
export function createRefund(
  ctx: SandboxContext,
  params: Params,
  request: RequestInfo,
): { refund: Refund; expand: string[] } {
  rejectUnknownParams(params, '', ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand'], {
    currency: () => false,
    customer: () => false,
    instructions_email: () => false,
    origin: () => false,
    refund_application_fee: () => false,
    reverse_transfer: () => false,
  });
  const paymentIntentId = readString(params, 'payment_intent', '');
  const chargeId = readString(params, 'charge', '');
  const amount = readInteger(params, 'amount', '', { min: 1 });
  const reason = readEnum(params, 'reason', '', ['duplicate', 'fraudulent', 'requested_by_customer']) ?? null;
  const metadata = readMetadata(params, 'metadata', '') ?? {};
  const expand = readExpand(params);
  if (!paymentIntentId && !chargeId) {
    throw invalidParam(
      'charge',
      'One of the following params should be provided for this request: payment_intent or charge.',
      'parameter_missing',
    );
  }
  const charge = chargeId ? findCharge(ctx, chargeId) : findSucceededChargeOf(ctx, paymentIntentId as string);
  if (paymentIntentId && chargeId && charge.payment_intent !== paymentIntentId) {
    throw invalidParam(
      'charge',
      `Charge ${chargeId} does not belong to PaymentIntent ${paymentIntentId}.`,
      'parameter_invalid_string',
    );
  }

  const remaining = charge.amount - charge.amount_refunded;
  if (remaining === 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  }
  const refundAmount = amount ?? remaining;
  if (refundAmount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatAmount(refundAmount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }

  const refund = buildRefund({ charge, amount: refundAmount, created: ctx.clock.nowSeconds(), reason, metadata });
  ctx.state.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += refundAmount;
  charge.refunded = charge.amount_refunded === charge.amount;
  emitEvent(ctx, 'refund.created', refund, request);
  emitEvent(ctx, 'charge.refunded', charge, request, previous);
  return { refund, expand };
}

function findCharge(ctx: SandboxContext, chargeId: string): Charge {
  const charge = ctx.state.charges.get(chargeId);
  if (!charge) throw resourceMissing('charge', chargeId, 'charge');
  if (charge.status !== 'succeeded') {
    throw invalidRequest(`Charge ${chargeId} did not succeed and cannot be refunded.`, {
      code: 'charge_not_refundable',
      param: 'charge',
    });
  }
  return charge;
}

function findSucceededChargeOf(ctx: SandboxContext, paymentIntentId: string): Charge {
  const pi = ctx.state.paymentIntents.get(paymentIntentId);
  if (!pi) throw resourceMissing('payment_intent', paymentIntentId, 'payment_intent');
  const charge = typeof pi.latest_charge === 'string' ? ctx.state.charges.get(pi.latest_charge) : undefined;
  if (pi.status !== 'succeeded' || !charge || charge.status !== 'succeeded') {
    throw invalidRequest(`This PaymentIntent (${paymentIntentId}) does not have a successful charge to refund.`, {
      code: 'charge_not_refundable',
      param: 'payment_intent',
    });
  }
  return charge;
}
