import { createId, randomToken } from '../lib/ids.js';
import type { CardDetails, Charge, PaymentError, PaymentIntent, Refund } from './types.js';

/** A new PaymentIntent as Checkout creates it on the customer's first confirm (API ≥ 2022-08-01). */
export function buildPaymentIntent(input: {
  amount: number;
  currency: string;
  created: number;
  metadata: Record<string, string>;
  description: string | null;
  receiptEmail: string | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  captureMethod: 'automatic' | 'automatic_async';
}): PaymentIntent {
  const id = createId('pi');
  return {
    id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod,
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: input.created,
    currency: input.currency,
    customer: null,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: input.statementDescriptor,
    statement_descriptor_suffix: input.statementDescriptorSuffix,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
}

export interface ChargeInput {
  paymentIntent: PaymentIntent;
  paymentMethodId: string;
  card: CardDetails;
  billing: { email: string; name: string; country: string | null; postalCode: string | null };
  created: number;
  threeDSecure: boolean;
  /** Absent for a successful charge. */
  failure?: { code: string; declineCode: string; message: string };
}

/** A Charge for one payment attempt, succeeded or failed, with Stripe's outcome block. */
export function buildCharge(input: ChargeInput): Charge {
  const { paymentIntent: pi, card, failure } = input;
  const isSuccess = failure === undefined;
  const isBlocked = failure?.declineCode === 'fraudulent';
  const isCvcFailure = failure?.code === 'incorrect_cvc';
  return {
    id: createId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: isSuccess ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: isSuccess ? createId('txn') : null,
    billing_details: {
      address: {
        city: null,
        country: input.billing.country,
        line1: null,
        line2: null,
        postal_code: input.billing.postalCode,
        state: null,
      },
      email: input.billing.email,
      name: input.billing.name,
      phone: null,
    },
    calculated_statement_descriptor: (pi.statement_descriptor ?? 'MERCATO SANDBOX').slice(0, 22),
    captured: isSuccess,
    created: input.created,
    currency: pi.currency,
    customer: null,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: isSuccess ? 'approved_by_network' : isBlocked ? 'not_sent_to_network' : 'declined_by_network',
      reason: failure ? (isBlocked ? 'highest_risk_level' : failure.declineCode) : null,
      risk_level: isBlocked ? 'highest' : 'normal',
      risk_score: isBlocked ? 95 : 20,
      seller_message: isSuccess
        ? 'Payment complete.'
        : isBlocked
          ? 'Stripe blocked this payment as too risky.'
          : 'The bank did not return any further details with this decline.',
      type: isSuccess ? 'authorized' : isBlocked ? 'blocked' : 'issuer_declined',
    },
    paid: isSuccess,
    payment_intent: pi.id,
    payment_method: input.paymentMethodId,
    payment_method_details: {
      card: {
        ...card,
        checks: {
          address_line1_check: null,
          address_postal_code_check: null,
          cvc_check: isCvcFailure ? 'fail' : 'pass',
        },
        network: card.brand,
        three_d_secure: input.threeDSecure
          ? { authentication_flow: 'challenge', result: 'authenticated', version: '2.2.0' }
          : null,
      },
      type: 'card',
    },
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: isSuccess ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
}

/** The `last_payment_error` Stripe puts on a PaymentIntent after a failed attempt. */
export function buildPaymentError(input: {
  type: PaymentError['type'];
  code: string;
  declineCode?: string;
  message: string;
  chargeId?: string;
  paymentMethodId: string;
  card: CardDetails;
}): PaymentError {
  const error: PaymentError = {
    code: input.code,
    doc_url: `https://stripe.com/docs/error-codes/${input.code.replace(/_/g, '-')}`,
    message: input.message,
    payment_method: { id: input.paymentMethodId, object: 'payment_method', card: input.card, type: 'card' },
    type: input.type,
  };
  if (input.chargeId) error.charge = input.chargeId;
  if (input.declineCode) error.decline_code = input.declineCode;
  return error;
}

/** A card refund; in test mode they succeed at once. */
export function buildRefund(input: {
  charge: Charge;
  amount: number;
  created: number;
  reason: Refund['reason'];
  metadata: Record<string, string>;
}): Refund {
  return {
    id: createId('re'),
    object: 'refund',
    amount: input.amount,
    balance_transaction: createId('txn'),
    charge: input.charge.id,
    created: input.created,
    currency: input.charge.currency,
    destination_details: {
      card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
      type: 'card',
    },
    metadata: input.metadata,
    payment_intent:
      typeof input.charge.payment_intent === 'string'
        ? input.charge.payment_intent
        : (input.charge.payment_intent?.id ?? null),
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}
