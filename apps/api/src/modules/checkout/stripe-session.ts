import type Stripe from 'stripe';
import type { Config } from '../../config/load-config.js';
import { lineLabel, type OrderDoc } from '../orders/model.js';

/** Stripe refuses an `expires_at` under 30 minutes or over 24 hours from the moment it creates the session. */
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
/** Covers the request's trip to Stripe and clock skew, so a 30-minute TTL is never read as 29:59 there. */
const EXPIRY_MARGIN_SECONDS = 60;

/**
 * When the payment page closes: the configured TTL counted from now (the moment the session is created, not when the
 * order was recorded: holding stock before may take a while), plus the margin, within Stripe's bounds.
 */
export function sessionExpiresAt(config: Config, now: Date): number {
  const ttlSeconds = config.CHECKOUT_SESSION_TTL_MINUTES * 60 + EXPIRY_MARGIN_SECONDS;
  return Math.floor(now.getTime() / 1000) + Math.min(ttlSeconds, MAX_EXPIRY_SECONDS - EXPIRY_MARGIN_SECONDS);
}

/**
 * The Checkout Session for an order, built only from the order's server-side snapshot. Line items carry unit
 * prices; the order discount becomes a one-off amount-off coupon; shipping is a fixed-amount shipping rate; so
 * Stripe's amount_total equals the order total exactly (checked after creation).
 */
export function sessionParams(
  order: OrderDoc,
  customerEmail: string,
  config: Config,
  stripeCouponId: string | null,
  now: Date,
): Stripe.Checkout.SessionCreateParams {
  const currency = order.currency.toLowerCase();
  const orderRef = { orderId: order._id.toHexString(), orderNumber: order.number };
  return {
    mode: 'payment',
    line_items: order.lines.map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency,
        unit_amount: line.unitPrice,
        product_data: {
          name: lineLabel(line),
          metadata: {
            productId: line.productId.toHexString(),
            ...(line.variantId ? { variantId: line.variantId.toHexString(), sku: line.sku ?? '' } : {}),
          },
          // Stripe shows images only from public HTTPS URLs.
          ...(line.imageSrc && config.isHttps ? { images: [`${config.PUBLIC_URL}${line.imageSrc}`] } : {}),
        },
      },
    })),
    ...(stripeCouponId ? { discounts: [{ coupon: stripeCouponId }] } : {}),
    shipping_options: [
      {
        shipping_rate_data: {
          type: 'fixed_amount',
          fixed_amount: { amount: order.shipping, currency },
          display_name: order.shipping === 0 ? 'Free shipping' : 'Standard shipping',
        },
      },
    ],
    customer_email: customerEmail,
    client_reference_id: order._id.toHexString(),
    metadata: orderRef,
    payment_intent_data: { metadata: orderRef },
    expires_at: sessionExpiresAt(config, now),
    success_url: `${config.PUBLIC_URL}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${config.PUBLIC_URL}/checkout/cancelled?order=${order._id.toHexString()}`,
  };
}

/**
 * Creates the one-off coupon (if any) and the session; both with idempotency keys derived from the order. Called
 * once per order (a failed start cancels the order), so the key never meets different parameters.
 */
export async function createCheckoutSession(
  stripe: Stripe,
  order: OrderDoc,
  customerEmail: string,
  config: Config,
): Promise<Stripe.Checkout.Session> {
  const orderId = order._id.toHexString();
  const coupon =
    order.discount > 0
      ? await stripe.coupons.create(
          {
            amount_off: order.discount,
            currency: order.currency.toLowerCase(),
            duration: 'once',
            max_redemptions: 1,
            name: order.coupon?.code ?? 'Discount',
          },
          { idempotencyKey: `order-coupon:${orderId}` },
        )
      : null;
  return stripe.checkout.sessions.create(sessionParams(order, customerEmail, config, coupon?.id ?? null, new Date()), {
    idempotencyKey: `checkout-session:${orderId}`,
  });
}
