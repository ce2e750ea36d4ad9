import type { TCart, TCheckoutRequest } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import { allocate } from '../../lib/money.js';
import { coversCategory } from '../coupons/evaluate.js';
import type { CouponDoc } from '../coupons/model.js';
import { reserveCoupon, releaseCoupon } from '../coupons/reservations.js';
import type { OrderDoc, OrderLineDoc } from '../orders/model.js';
import type { CommerceDeps } from './deps.js';
import { closePendingCheckout } from './close-checkout.js';
import { createCheckoutSession } from './stripe-session.js';
import { holdLinesOf } from '../inventory/holds.js';
import { openOrderContact, sealOrderAddress, sealOrderContact } from '../orders/contact.js';

export interface StartedCheckout {
  orderId: string;
  orderNumber: string;
  checkoutUrl: string;
}

/**
 * Starts a checkout as small steps, each undone if a later one fails:
 * 1. price the cart on the server and refuse it if it changed since the shopper saw it (CART_CHANGED);
 * 2. record the order (pending_payment) with a snapshot of lines, prices, discount, shipping and the encrypted address;
 * 3. hold stock for every line (all or none);
 * 4. reserve the coupon;
 * 5. create the Stripe Checkout Session (idempotency key from the order) and check its total equals the order's.
 */
export async function startCheckout(
  deps: CommerceDeps,
  userId: ObjectId,
  input: TCheckoutRequest,
): Promise<StartedCheckout> {
  const cart = await deps.cart.getExact(userId);
  assertCartReady(cart, input.cartFingerprint);
  const user = await deps.users.findById(userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');

  const existing = await reusablePendingOrder(deps, userId, cart.fingerprint);
  if (existing) return existing;
  const order = await recordOrder(deps, cart, userId, user, input).catch(async (error: { code?: number }) => {
    // A second click raced us to the same cart: hand back the checkout that is being created.
    if (error.code !== 11000) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const winner = await reusablePendingOrder(deps, userId, cart.fingerprint);
    if (winner) return winner;
    throw new AppError('CONFLICT', 'A checkout for this cart is already being prepared; try again in a moment.');
  });
  if (!('_id' in order)) return order;
  const holdLines = holdLinesOf(order);
  // Each undo is registered before its step runs (undos are idempotent): a step that throws half-way (a database
  // error on the second product's hold) must still have what it did undone.
  const undo: (() => Promise<unknown>)[] = [];
  try {
    undo.push(() => deps.holds.releaseAll(holdLines, order._id));
    const held = await deps.holds.holdAll(holdLines, order._id);
    if (!held.ok) {
      const line = order.lines.find(
        (entry) =>
          entry.productId.equals(held.productId) && (!held.variantId || entry.variantId?.equals(held.variantId)),
      );
      throw new AppError(
        'INSUFFICIENT_STOCK',
        `${line?.name ?? 'A product'} just sold out or has fewer units left than in your cart.`,
        {
          meta: { productId: held.productId.toHexString(), variantId: held.variantId?.toHexString() ?? null },
        },
      );
    }

    if (order.coupon) {
      const coupon = await deps.coupons.findById(order.coupon.id);
      if (!coupon) throw new AppError('COUPON_INVALID', 'This code is no longer valid.');
      undo.push(() => releaseCoupon(deps.coupons, order._id));
      await reserveCoupon(deps.coupons, coupon, userId, order._id);
    }

    const session = await createCheckoutSession(
      deps.stripe,
      order,
      openOrderContact(deps.personal, order).email,
      deps.config,
    ).catch((error: unknown) => {
      deps.log.error({ err: error, orderId: order._id.toHexString() }, 'stripe checkout session failed');
      throw new AppError(
        'PAYMENT_PROVIDER_ERROR',
        'The payment provider is not reachable right now. Nothing was charged; please try again.',
      );
    });
    if (session.amount_total !== order.total || session.currency !== order.currency.toLowerCase() || !session.url) {
      await deps.stripe.checkout.sessions.expire(session.id).catch(() => undefined);
      deps.log.error(
        { orderId: order._id.toHexString(), amountTotal: session.amount_total, total: order.total },
        'checkout session total mismatch',
      );
      throw new AppError('PAYMENT_MISMATCH', 'The payment amount could not be confirmed; nothing was charged.');
    }
    await deps.orders.update(
      { _id: order._id },
      {
        $set: {
          'payment.checkoutSessionId': session.id,
          'payment.checkoutUrl': session.url,
          // Stripe's clock decides when the page closes; the sweep and page reuse follow it.
          expiresAt: new Date(session.expires_at * 1000),
          stockState: 'reserved',
          updatedAt: new Date(),
        },
      },
    );
    return { orderId: order._id.toHexString(), orderNumber: order.number, checkoutUrl: session.url };
  } catch (error) {
    let isUndone = true;
    for (const step of undo.reverse()) {
      await step().catch((undoError: unknown) => {
        isUndone = false;
        deps.log.error({ err: undoError }, 'checkout undo step failed');
      });
    }
    const reason = error instanceof AppError ? error.message : 'Checkout could not be started';
    // Only claim the stock is back when it is; otherwise the sweep sees an ended order still holding and releases it.
    await deps.orders.transition(
      order._id,
      ['pending_payment'],
      'cancelled',
      { note: reason, actor: 'system' },
      isUndone ? { $set: { stockState: 'released' } } : {},
    );
    throw error;
  }
}

/**
 * Refuses a cart that cannot be paid as shown. A line that sold out and a code that was used up meanwhile are named
 * for what they are (INSUFFICIENT_STOCK, COUPON_*), as the hold and coupon steps would name them, and are checked
 * before the fingerprint: both also change it, and a bare CART_CHANGED would hide why.
 */
function assertCartReady(cart: TCart, fingerprint: string): void {
  if (cart.lines.length === 0) throw new AppError('CART_EMPTY', 'Your cart is empty.');
  const short = cart.lines.find(
    (line) => line.isPurchasable && line.notices.some((notice) => notice.type === 'insufficient_stock'),
  );
  if (short)
    throw new AppError('INSUFFICIENT_STOCK', `${short.name} just sold out or has fewer units left than in your cart.`, {
      meta: { productId: short.productId, variantId: short.variantId, available: short.available },
    });
  if (cart.coupon && cart.couponProblem)
    throw new AppError(cart.couponProblem.code as 'COUPON_INVALID', cart.couponProblem.message);
  if (cart.fingerprint !== fingerprint) {
    throw new AppError(
      'CART_CHANGED',
      'Your cart changed since you last saw it (prices, stock or items). Review it and try again.',
      {
        meta: { fingerprint: cart.fingerprint },
      },
    );
  }
  if (!cart.canCheckout)
    throw new AppError('CART_CHANGED', 'Some items in your cart are unavailable. Review your cart.');
}

/**
 * The same cart checked out again while its payment page is still open gets that same page back (no second order,
 * no second stock hold). A pending order whose page is about to expire is replaced: its page is closed at Stripe
 * first (so the old URL cannot be paid once the order is cancelled), then it is cancelled and its stock comes back.
 * If the old page was paid meanwhile, that order is fulfilled and this cart is no longer what the shopper saw.
 */
async function reusablePendingOrder(
  deps: CommerceDeps,
  userId: ObjectId,
  fingerprint: string,
): Promise<StartedCheckout | null> {
  const pending = await deps.orders.orders.findOne({ userId, cartFingerprint: fingerprint, status: 'pending_payment' });
  if (!pending) return null;
  if (pending.payment.checkoutUrl && pending.expiresAt.getTime() > Date.now() + 60_000) {
    return {
      orderId: pending._id.toHexString(),
      orderNumber: pending.number,
      checkoutUrl: pending.payment.checkoutUrl,
    };
  }
  // Younger than a minute without a session: another request is still creating it (see the E11000 retry).
  if (!pending.payment.checkoutSessionId && pending.createdAt.getTime() >= Date.now() - 60_000) return null;
  const closed = await closePendingCheckout(deps, pending, 'Replaced by a new checkout', 'customer').catch(
    (error: unknown) => {
      deps.log.error({ err: error, orderId: pending._id.toHexString() }, 'closing the replaced checkout failed');
      return pending;
    },
  );
  if (closed.status === 'cancelled' || closed.status === 'payment_failed') return null;
  if (closed.status === 'pending_payment') {
    throw new AppError(
      'PAYMENT_PROVIDER_ERROR',
      'Your previous payment page could not be closed just now. Nothing was charged; please try again.',
    );
  }
  throw new AppError('CART_CHANGED', `Your earlier payment for this cart went through: see order ${closed.number}.`, {
    meta: { orderId: closed._id.toHexString() },
  });
}

async function recordOrder(
  deps: CommerceDeps,
  cart: TCart,
  userId: ObjectId,
  user: { email: string; name: string },
  input: TCheckoutRequest,
): Promise<OrderDoc> {
  const products = await deps.cart.productFacts(cart.lines.map((line) => new ObjectId(line.productId)));
  // Facts are by variant; every variant of a product shares its category.
  const categoryOf = (variantId: string) => products.get(variantId)?.categoryId ?? null;
  const coupon = cart.coupon && cart.discount > 0 ? await deps.coupons.findByCode(cart.coupon.code) : null;
  const discounts = lineDiscounts(cart, coupon, categoryOf);
  const lines: OrderLineDoc[] = cart.lines.map((line, index) => {
    const categoryId = categoryOf(line.variantId);
    return {
      productId: new ObjectId(line.productId),
      variantId: new ObjectId(line.variantId),
      variantTitle: line.variantTitle,
      sku: line.sku,
      slug: line.slug,
      name: line.name,
      imageSrc: line.image?.src ?? null,
      categoryId: categoryId ? new ObjectId(categoryId) : null,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      lineTotal: line.lineTotal,
      discount: discounts[index] ?? 0,
    };
  });
  const id = new ObjectId();
  const now = new Date();
  const order: OrderDoc = {
    _id: id,
    number: await deps.orders.nextNumber(),
    userId,
    ...sealOrderContact(deps.personal, id, { email: user.email, name: input.shippingAddress.name }),
    status: 'pending_payment',
    lines,
    currency: cart.currency,
    subtotal: cart.subtotal,
    discount: cart.discount,
    shipping: cart.shipping,
    total: cart.total,
    coupon: coupon ? { id: coupon._id, code: coupon.code } : null,
    shippingAddress: sealOrderAddress(deps.personal, id, input.shippingAddress),
    shippingCountry: input.shippingAddress.country,
    stockState: 'reserving',
    payment: { checkoutSessionId: null, checkoutUrl: null, paymentIntentId: null, amountPaid: 0, amountRefunded: 0 },
    refunds: [],
    timeline: [{ at: now, status: 'pending_payment', note: 'Checkout started', actor: 'customer' }],
    effects: {},
    cartFingerprint: cart.fingerprint,
    expiresAt: new Date(now.getTime() + deps.config.CHECKOUT_SESSION_TTL_MINUTES * 60 * 1000),
    createdAt: now,
    updatedAt: now,
    paidAt: null,
  };
  await deps.orders.insert(order);
  return order;
}

/**
 * The order discount split over the lines the coupon covers (a category-restricted code takes nothing off other
 * lines), in proportion to their totals, adding up exactly. Should the code's categories have changed since the cart
 * was priced, it is spread over every line rather than lost.
 */
function lineDiscounts(
  cart: TCart,
  coupon: Pick<CouponDoc, 'categoryIds'> | null,
  categoryOf: (variantId: string) => string | null,
): number[] {
  const totals = cart.lines.map((line) => line.lineTotal);
  if (!coupon) return allocate(cart.discount, totals);
  const covered = cart.lines.map((line) => (coversCategory(coupon, categoryOf(line.variantId)) ? line.lineTotal : 0));
  return allocate(cart.discount, covered.some((total) => total > 0) ? covered : totals);
}
