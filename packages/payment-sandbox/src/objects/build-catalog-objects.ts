import { createId } from '../lib/ids.js';
import type { Coupon, Discount, LineItem, Price, Product, ShippingRate } from './types.js';

export interface ProductDraft {
  name: string;
  description: string | null;
  images: string[];
  metadata: Record<string, string>;
  taxCode: string | null;
}

/** The inline Product Stripe creates for `price_data.product_data` (inactive: it exists only for this session). */
export function buildProduct(draft: ProductDraft, created: number): Product {
  return {
    id: createId('prod'),
    object: 'product',
    active: false,
    created,
    default_price: null,
    description: draft.description,
    images: draft.images,
    livemode: false,
    marketing_features: [],
    metadata: draft.metadata,
    name: draft.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: draft.taxCode,
    type: 'service',
    unit_label: null,
    updated: created,
    url: null,
  };
}

/** The inline one-time Price behind a `price_data` line item. */
export function buildPrice(input: {
  productId: string;
  currency: string;
  unitAmount: number;
  taxBehavior: Price['tax_behavior'];
  created: number;
}): Price {
  return {
    id: createId('price'),
    object: 'price',
    active: false,
    billing_scheme: 'per_unit',
    created: input.created,
    currency: input.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: input.productId,
    recurring: null,
    tax_behavior: input.taxBehavior,
    tiers_mode: null,
    transform_quantity: null,
    type: 'one_time',
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount),
  };
}

/** A session line item with its computed amounts. */
export function buildLineItem(input: {
  price: Price;
  description: string;
  quantity: number;
  metadata: Record<string, string>;
  amounts: { subtotal: number; discount: number; total: number };
}): LineItem {
  return {
    id: createId('li'),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: input.amounts.discount,
    amount_subtotal: input.amounts.subtotal,
    amount_tax: 0,
    amount_total: input.amounts.total,
    currency: input.price.currency,
    description: input.description,
    metadata: input.metadata,
    price: input.price,
    quantity: input.quantity,
  };
}

export interface ShippingRateDraft {
  displayName: string;
  amount: number;
  currency: string;
  deliveryEstimate: ShippingRate['delivery_estimate'];
  metadata: Record<string, string>;
  taxBehavior: ShippingRate['tax_behavior'];
}

/** A fixed-amount ShippingRate. */
export function buildShippingRate(draft: ShippingRateDraft, created: number): ShippingRate {
  return {
    id: createId('shr'),
    object: 'shipping_rate',
    active: true,
    created,
    delivery_estimate: draft.deliveryEstimate,
    display_name: draft.displayName,
    fixed_amount: { amount: draft.amount, currency: draft.currency },
    livemode: false,
    metadata: draft.metadata,
    tax_behavior: draft.taxBehavior,
    tax_code: null,
    type: 'fixed_amount',
  };
}

export interface CouponDraft {
  id: string;
  amountOff: number | null;
  percentOff: number | null;
  currency: string | null;
  duration: Coupon['duration'];
  durationInMonths: number | null;
  maxRedemptions: number | null;
  redeemBy: number | null;
  name: string | null;
  metadata: Record<string, string>;
}

/** A Coupon as `coupons.create` returns it. */
export function buildCoupon(draft: CouponDraft, created: number): Coupon {
  return {
    id: draft.id,
    object: 'coupon',
    amount_off: draft.amountOff,
    created,
    currency: draft.currency,
    duration: draft.duration,
    duration_in_months: draft.durationInMonths,
    livemode: false,
    max_redemptions: draft.maxRedemptions,
    metadata: draft.metadata,
    name: draft.name,
    percent_off: draft.percentOff,
    redeem_by: draft.redeemBy,
    times_redeemed: 0,
    valid: true,
  };
}

/** The Discount object that records a coupon applied to a session (seen in expanded breakdowns). */
export function buildDiscount(coupon: Coupon, sessionId: string, start: number): Discount {
  return {
    id: createId('di'),
    object: 'discount',
    checkout_session: sessionId,
    customer: null,
    end: null,
    invoice: null,
    invoice_item: null,
    promotion_code: null,
    source: { coupon: coupon.id, type: 'coupon' },
    start,
    subscription: null,
  };
}
