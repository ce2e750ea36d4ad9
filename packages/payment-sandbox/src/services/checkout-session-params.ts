import { invalidParam, parameterUnsupported } from '../api/api-error.js';
import {
  child,
  isParams,
  readArray,
  readBoolean,
  readEnum,
  readInteger,
  readObject,
  readString,
  rejectUnknownParams,
  type Params,
} from '../api/params.js';
import { readCurrency, readEmail, readExpand, readMetadata, readUrl } from '../api/params-formats.js';
import type { ShippingRateDraft } from '../objects/build-catalog-objects.js';
import { parseLineItems, type LineItemDraft } from './line-item-params.js';
import { parseShippingRateData } from './shipping-rate-params.js';

export type ShippingOptionDraft = { rateId: string; param: string } | { rate: ShippingRateDraft; param: string };

export interface SessionDraft {
  lineItems: LineItemDraft[];
  currency: string;
  successUrl: string | null;
  cancelUrl: string | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  paymentIntent: {
    metadata: Record<string, string>;
    description: string | null;
    receiptEmail: string | null;
    statementDescriptor: string | null;
    statementDescriptorSuffix: string | null;
    captureMethod: 'automatic' | 'automatic_async';
  };
  expiresAt: number;
  couponId: string | null;
  shippingOptions: ShippingOptionDraft[];
  submitType: 'auto' | 'book' | 'donate' | 'pay' | null;
  locale: string | null;
  uiMode: string;
  customerCreation: 'if_required' | null;
  billingAddressCollection: 'auto' | null;
  expand: string[];
}

const never = () => false;
const isDisabled = (value: unknown) => isParams(value) && value.enabled === 'false' && Object.keys(value).length === 1;

/** Real Stripe parameters the sandbox does not emulate; the predicate accepts the values that change nothing. */
const UNSUPPORTED_SESSION_PARAMS: Record<string, (value: unknown) => boolean> = {
  adaptive_pricing: isDisabled,
  after_expiration: never,
  allowed_payment_method_types: never,
  automatic_tax: isDisabled,
  branding_settings: never,
  consent_collection: never,
  custom_fields: never,
  custom_text: never,
  customer: never,
  customer_account: never,
  customer_update: never,
  excluded_payment_method_types: never,
  integration_identifier: never,
  invoice_creation: isDisabled,
  managed_payments: never,
  name_collection: never,
  optional_items: never,
  origin_context: never,
  payment_method_collection: (value) => value === 'always',
  payment_method_configuration: never,
  payment_method_data: never,
  payment_method_options: never,
  permissions: never,
  phone_number_collection: isDisabled,
  redirect_on_completion: never,
  return_url: never,
  saved_payment_method_options: never,
  setup_intent_data: never,
  shipping_address_collection: never,
  subscription_data: never,
  tax_id_collection: isDisabled,
  wallet_options: never,
};

const KNOWN_SESSION_PARAMS = [
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'customer_email',
  'client_reference_id',
  'metadata',
  'payment_intent_data',
  'expires_at',
  'discounts',
  'shipping_options',
  'submit_type',
  'locale',
  'ui_mode',
  'customer_creation',
  'billing_address_collection',
  'payment_method_types',
  'currency',
  'allow_promotion_codes',
  'expand',
];

const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
// Clients compute expires_at from their own clock a moment before the request lands; allow that much slack.
const EXPIRY_SLACK_SECONDS = 5;

/** Validates `checkout.sessions.create` parameters like Stripe does; throws 400s in Stripe's shape. */
export function parseSessionParams(params: Params, now: number): SessionDraft {
  rejectUnknownParams(params, '', KNOWN_SESSION_PARAMS, UNSUPPORTED_SESSION_PARAMS);
  const mode = readEnum(params, 'mode', '', ['payment', 'setup', 'subscription'], { required: true });
  if (mode !== 'payment') throw parameterUnsupported('mode', 'Only mode=payment is emulated.');
  const uiMode = readString(params, 'ui_mode', '') ?? 'hosted_page';
  if (uiMode !== 'hosted_page' && uiMode !== 'hosted')
    throw parameterUnsupported('ui_mode', 'Only the hosted page is emulated.');
  const methodTypes = readArray(params, 'payment_method_types', '');
  if (methodTypes && methodTypes.some((type) => type !== 'card')) {
    throw parameterUnsupported('payment_method_types', 'Only card payments are emulated.');
  }
  if (readBoolean(params, 'allow_promotion_codes', '') === true) {
    throw parameterUnsupported('allow_promotion_codes', 'Apply a coupon with discounts[0][coupon] instead.');
  }
  const lineItems = parseLineItems(params);
  const currency = settleCurrency(params, lineItems);
  const successUrl = readUrl(params, 'success_url', '') ?? null;
  const cancelUrl = readUrl(params, 'cancel_url', '') ?? null;
  const expiresAt = readInteger(params, 'expires_at', '') ?? now + MAX_EXPIRY_SECONDS;
  if (expiresAt < now + MIN_EXPIRY_SECONDS - EXPIRY_SLACK_SECONDS) {
    throw invalidParam(
      'expires_at',
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      'parameter_invalid_integer',
    );
  }
  if (expiresAt > now + MAX_EXPIRY_SECONDS + EXPIRY_SLACK_SECONDS) {
    throw invalidParam(
      'expires_at',
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      'parameter_invalid_integer',
    );
  }
  return {
    lineItems,
    currency,
    successUrl,
    cancelUrl,
    customerEmail: readEmail(params, 'customer_email', '') ?? null,
    clientReferenceId: readString(params, 'client_reference_id', '', { maxLength: 200 }) ?? null,
    metadata: readMetadata(params, 'metadata', '') ?? {},
    paymentIntent: parsePaymentIntentData(params),
    expiresAt,
    couponId: parseDiscounts(params),
    shippingOptions: parseShippingOptions(params),
    submitType: readEnum(params, 'submit_type', '', ['auto', 'book', 'donate', 'pay']) ?? null,
    locale: readString(params, 'locale', '') ?? null,
    uiMode,
    customerCreation: readEnum(params, 'customer_creation', '', ['if_required']) ?? null,
    billingAddressCollection: readEnum(params, 'billing_address_collection', '', ['auto']) ?? null,
    expand: readExpand(params),
  };
}

function settleCurrency(params: Params, items: LineItemDraft[]): string {
  const currency = readCurrency(params, 'currency', '') ?? items[0]?.currency ?? 'usd';
  items.forEach((item, index) => {
    if (item.currency !== currency) {
      throw invalidParam(
        `line_items[${index}][price_data][currency]`,
        `All line items must use the same currency (${currency}); line_items[${index}] uses ${item.currency}.`,
        'parameter_invalid_string',
      );
    }
  });
  return currency;
}

function parsePaymentIntentData(params: Params): SessionDraft['paymentIntent'] {
  const path = 'payment_intent_data';
  const data = readObject(params, path, '') ?? {};
  rejectUnknownParams(
    data,
    path,
    [
      'metadata',
      'description',
      'receipt_email',
      'statement_descriptor',
      'statement_descriptor_suffix',
      'capture_method',
    ],
    {
      application_fee_amount: never,
      on_behalf_of: never,
      setup_future_usage: never,
      shipping: never,
      transfer_data: never,
      transfer_group: never,
    },
  );
  return {
    metadata: readMetadata(data, 'metadata', path) ?? {},
    description: readString(data, 'description', path, { maxLength: 1000 }) ?? null,
    receiptEmail: readEmail(data, 'receipt_email', path) ?? null,
    statementDescriptor: readString(data, 'statement_descriptor', path, { maxLength: 22 }) ?? null,
    statementDescriptorSuffix: readString(data, 'statement_descriptor_suffix', path, { maxLength: 22 }) ?? null,
    captureMethod: readCaptureMethod(data, path),
  };
}

function readCaptureMethod(data: Params, path: string): 'automatic' | 'automatic_async' {
  const method = readEnum(data, 'capture_method', path, ['automatic', 'automatic_async', 'manual']);
  if (method === 'manual')
    throw parameterUnsupported(child(path, 'capture_method'), 'Separate authorization and capture is not emulated.');
  return method ?? 'automatic_async';
}

function parseDiscounts(params: Params): string | null {
  const discounts = readArray(params, 'discounts', '', { maxItems: 1 });
  if (!discounts || discounts.length === 0) return null;
  const path = 'discounts[0]';
  const discount = discounts[0];
  if (!isParams(discount)) throw invalidParam(path, 'Invalid object', 'parameter_invalid_object');
  rejectUnknownParams(discount, path, ['coupon'], { promotion_code: never });
  return readString(discount, 'coupon', path, { required: true }) as string;
}

function parseShippingOptions(params: Params): ShippingOptionDraft[] {
  const options = readArray(params, 'shipping_options', '', { maxItems: 5 }) ?? [];
  return options.map((option, index) => {
    const path = `shipping_options[${index}]`;
    if (!isParams(option)) throw invalidParam(path, 'Invalid object', 'parameter_invalid_object');
    rejectUnknownParams(option, path, ['shipping_rate', 'shipping_rate_data']);
    const rateId = readString(option, 'shipping_rate', path);
    const data = readObject(option, 'shipping_rate_data', path);
    if (rateId && data) {
      throw invalidParam(
        path,
        'You may only specify one of these parameters: shipping_rate, shipping_rate_data.',
        'parameters_exclusive',
      );
    }
    if (rateId) return { rateId, param: child(path, 'shipping_rate') };
    if (!data)
      throw invalidParam(
        path,
        'You must specify one of these parameters: shipping_rate, shipping_rate_data.',
        'parameter_missing',
      );
    return {
      rate: parseShippingRateData(data, child(path, 'shipping_rate_data')),
      param: child(path, 'shipping_rate_data'),
    };
  });
}
