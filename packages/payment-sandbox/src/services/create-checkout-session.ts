import { invalidParam, resourceMissing } from '../api/api-error.js';
import type { Params } from '../api/params.js';
import type { SandboxContext } from '../context.js';
import { computeSessionAmounts } from '../amounts/session-amounts.js';
import { createId } from '../lib/ids.js';
import { formatAmount, minimumChargeAmount } from '../lib/money.js';
import {
  buildDiscount,
  buildLineItem,
  buildPrice,
  buildProduct,
  buildShippingRate,
} from '../objects/build-catalog-objects.js';
import type { CheckoutSession, Coupon, ShippingRate } from '../objects/types.js';
import type { SessionRecord } from '../state/sandbox-state.js';
import { parseSessionParams, type SessionDraft } from './checkout-session-params.js';

/** Creates an open Checkout Session from `checkout.sessions.create` parameters, with Stripe's amounts. */
export function createCheckoutSession(ctx: SandboxContext, params: Params): SessionRecord {
  const now = ctx.clock.nowSeconds();
  const draft = parseSessionParams(params, now);
  const coupon = draft.couponId ? findUsableCoupon(ctx, draft.couponId, draft.currency) : null;
  const shippingRates = resolveShippingRates(ctx, draft);
  const selectedShipping = shippingRates[0] ?? null;
  const amounts = computeSessionAmounts(
    draft.lineItems.map((item) => ({ unitAmount: item.unitAmount, quantity: item.quantity })),
    coupon ? { amountOff: coupon.amount_off, percentOff: coupon.percent_off } : null,
    selectedShipping?.fixed_amount.amount ?? 0,
  );
  const minimum = minimumChargeAmount(draft.currency);
  if (amounts.total > 0 && amounts.total < minimum) {
    throw invalidParam(
      'line_items',
      `The Checkout Session's total amount due must add up to at least ${formatAmount(minimum, draft.currency)} ${draft.currency}`,
      'amount_too_small',
    );
  }

  // Validation is over: from here on objects are created.
  for (const rate of shippingRates) ctx.state.shippingRates.set(rate.id, rate);
  const id = createId('cs_test');
  const lineItems = draft.lineItems.map((item, index) => {
    const product = buildProduct(item.product, now);
    ctx.state.products.set(product.id, product);
    const price = buildPrice({
      productId: product.id,
      currency: item.currency,
      unitAmount: item.unitAmount,
      taxBehavior: item.taxBehavior,
      created: now,
    });
    const lineAmounts = amounts.lines[index] ?? { subtotal: 0, discount: 0, total: 0 };
    return buildLineItem({
      price,
      description: item.product.name,
      quantity: item.quantity,
      metadata: item.metadata,
      amounts: lineAmounts,
    });
  });
  const session = buildSession(ctx, id, draft, now, {
    subtotal: amounts.subtotal,
    discount: amounts.discount,
    shipping: amounts.shipping,
    total: amounts.total,
    coupon,
    shippingRates,
  });
  const record: SessionRecord = {
    session,
    lineItems,
    discount: coupon ? buildDiscount(coupon, id, now) : null,
    lastError: null,
    paymentIntentData: draft.paymentIntent,
  };
  ctx.state.sessions.set(id, record);
  return record;
}

function findUsableCoupon(ctx: SandboxContext, couponId: string, currency: string): Coupon {
  const coupon = ctx.state.coupons.get(couponId);
  const param = 'discounts[0][coupon]';
  if (!coupon) throw resourceMissing('coupon', couponId, param);
  const now = ctx.clock.nowSeconds();
  const isExhausted = coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions;
  const isPastRedeemBy = coupon.redeem_by !== null && coupon.redeem_by < now;
  if (!coupon.valid || isExhausted || isPastRedeemBy) {
    throw invalidParam(param, `This coupon is no longer valid: '${couponId}'.`, 'coupon_expired');
  }
  if (coupon.amount_off !== null && coupon.currency !== currency) {
    throw invalidParam(
      param,
      `The coupon '${couponId}' is in ${coupon.currency}, but this session is in ${currency}.`,
      'parameter_invalid_string',
    );
  }
  return coupon;
}

function resolveShippingRates(ctx: SandboxContext, draft: SessionDraft): ShippingRate[] {
  const now = ctx.clock.nowSeconds();
  return draft.shippingOptions.map((option) => {
    const rate = 'rateId' in option ? ctx.state.shippingRates.get(option.rateId) : buildShippingRate(option.rate, now);
    if (!rate) throw resourceMissing('shipping_rate', 'rateId' in option ? option.rateId : '', option.param);
    if (rate.fixed_amount.currency !== draft.currency) {
      throw invalidParam(
        option.param,
        `The shipping rate currency (${rate.fixed_amount.currency}) must match the line items' currency (${draft.currency}).`,
        'parameter_invalid_string',
      );
    }
    return rate;
  });
}

function buildSession(
  ctx: SandboxContext,
  id: string,
  draft: SessionDraft,
  now: number,
  totals: {
    subtotal: number;
    discount: number;
    shipping: number;
    total: number;
    coupon: Coupon | null;
    shippingRates: ShippingRate[];
  },
): CheckoutSession {
  const selected = totals.shippingRates[0];
  return {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: totals.subtotal,
    amount_total: totals.total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: draft.billingAddressCollection,
    cancel_url: draft.cancelUrl,
    client_reference_id: draft.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency: draft.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: null,
    customer_account: null,
    customer_creation: draft.customerCreation ?? 'if_required',
    customer_details: null,
    customer_email: draft.customerEmail,
    discounts: totals.coupon ? [{ coupon: totals.coupon.id, promotion_code: null }] : [],
    expires_at: draft.expiresAt,
    invoice: null,
    invoice_creation: {
      enabled: false,
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: null,
        metadata: null,
        rendering_options: null,
      },
    },
    livemode: false,
    locale: draft.locale,
    metadata: draft.metadata,
    mode: 'payment',
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: totals.total === 0 ? 'no_payment_required' : 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: selected
      ? {
          amount_subtotal: selected.fixed_amount.amount,
          amount_tax: 0,
          amount_total: selected.fixed_amount.amount,
          shipping_rate: selected.id,
        }
      : null,
    shipping_options: totals.shippingRates.map((rate) => ({
      shipping_amount: rate.fixed_amount.amount,
      shipping_rate: rate.id,
    })),
    status: 'open',
    submit_type: draft.submitType,
    subscription: null,
    success_url: draft.successUrl,
    total_details: { amount_discount: totals.discount, amount_shipping: totals.shipping, amount_tax: 0 },
    ui_mode: draft.uiMode,
    url: `${ctx.publicUrl}/c/pay/${id}`,
    wallet_options: null,
  };
}
