import { ObjectId } from 'mongodb';
import type Stripe from 'stripe';
import { AppError, notFound } from '../../lib/app-error.js';
import { issueLoyaltyCoupon } from '../coupons/loyalty.js';
import { redeemCoupon } from '../coupons/reservations.js';
import type { OrderDoc } from '../orders/model.js';
import { cancelPendingCheckout, releaseHeld } from './cancel.js';
import type { CommerceDeps } from './deps.js';
import { confirmationEmail } from './emails.js';
import { holdLinesOf } from '../inventory/holds.js';
import { openOrderAddress, openOrderContact } from '../orders/contact.js';
import { marketingLinks } from '../privacy/consent.js';

const PAID_STATES = new Set(['paid', 'shipped', 'delivered', 'partially_refunded', 'refunded']);

/**
 * The one idempotent fulfilment step, used by the webhook, the success page and the recovery job alike. It reads
 * the session from Stripe (never trusting the caller) and brings the order in line with it: paid → order paid and
 * every payment side effect applied; expired → order cancelled and holds released; open → nothing yet.
 */
export async function fulfilCheckoutSession(deps: CommerceDeps, sessionId: string): Promise<OrderDoc> {
  const session = await deps.stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent'] });
  const order = (await deps.orders.findBySession(sessionId)) ?? (await orderFromReference(deps, session));
  if (!order) throw notFound('Order');
  // A free order (100% code, free shipping) completes without a payment: Stripe says no_payment_required.
  const isSettled = session.payment_status === 'paid' || session.payment_status === 'no_payment_required';
  if (session.status === 'complete' && isSettled) return markPaid(deps, order, session);
  if (session.status === 'expired')
    return (await cancelPendingCheckout(deps, order, 'Checkout expired without payment', 'stripe')) ?? order;
  return order;
}

async function orderFromReference(deps: CommerceDeps, session: Stripe.Checkout.Session): Promise<OrderDoc | null> {
  const reference = session.client_reference_id ?? session.metadata?.orderId;
  if (!reference || !/^[0-9a-f]{24}$/.test(reference)) return null;
  const order = await deps.orders.findById(new ObjectId(reference));
  // A reference is only trusted when it matches the session this order was created with.
  return order && (order.payment.checkoutSessionId === null || order.payment.checkoutSessionId === session.id)
    ? order
    : null;
}

async function markPaid(deps: CommerceDeps, order: OrderDoc, session: Stripe.Checkout.Session): Promise<OrderDoc> {
  if (session.amount_total !== order.total || session.currency !== order.currency.toLowerCase()) {
    // Flagged once: the webhook, the success page and the sweep may all see the same mismatch.
    const flagged = await deps.orders.update(
      { _id: order._id, needsReview: { $exists: false } },
      {
        $set: {
          needsReview: `paid ${session.amount_total} ${session.currency}, expected ${order.total} ${order.currency}`,
        },
      },
    );
    if (flagged)
      await deps.orders.note(order._id, 'Payment amount does not match the order: held for review', 'system');
    deps.log.error(
      { orderId: order._id.toHexString(), paid: session.amount_total, expected: order.total },
      'payment amount mismatch',
    );
    throw new AppError('PAYMENT_MISMATCH', 'The payment does not match the order total; the order is held for review.');
  }
  const paymentIntentId =
    typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
  const paid = await deps.orders.transition(
    order._id,
    ['pending_payment'],
    'paid',
    { note: 'Payment received', actor: 'stripe' },
    {
      $set: {
        paidAt: new Date(),
        'payment.paymentIntentId': paymentIntentId,
        'payment.amountPaid': session.amount_total ?? 0,
        'payment.checkoutUrl': null,
      },
    },
  );
  const current = paid ?? (await deps.orders.findById(order._id));
  if (!current) throw notFound('Order');
  if (PAID_STATES.has(current.status)) {
    await applyPaidEffects(deps, current);
    if (paid) deps.publish({ type: 'order.paid', orderId: current._id.toHexString() });
  } else if (current.status === 'cancelled' || current.status === 'payment_failed') {
    await refundLatePayment(deps, current, paymentIntentId);
  }
  return (await deps.orders.findById(order._id)) ?? current;
}

/**
 * Everything that follows a payment, each step idempotent so running fulfilment again (webhook retries, the
 * success page, the recovery job) finishes what a crash interrupted and never does anything twice.
 */
export async function applyPaidEffects(deps: CommerceDeps, order: OrderDoc): Promise<void> {
  const lines = holdLinesOf(order);
  if (order.stockState !== 'committed') {
    await deps.holds.commitAll(lines, order._id);
    await deps.orders.update({ _id: order._id }, { $set: { stockState: 'committed', updatedAt: new Date() } });
  }
  await redeemCoupon(deps.coupons, order._id);
  if (!order.effects.cart) {
    await deps.carts.removePurchased(order.userId, order.lines);
    await deps.orders.update({ _id: order._id }, { $set: { 'effects.cart': true } });
  }
  if (!order.effects.loyalty) {
    const contact = openOrderContact(deps.personal, order);
    await issueLoyaltyCoupon(
      {
        coupons: deps.coupons,
        mailer: deps.mailer,
        storeName: deps.config.STORE_NAME,
        publicUrl: deps.config.PUBLIC_URL,
        threshold: deps.config.LOYALTY_THRESHOLD,
      },
      {
        orderId: order._id,
        orderNumber: order.number,
        userId: order.userId,
        email: contact.email,
        name: contact.name,
        total: order.total,
        currency: order.currency,
        marketing: await marketingLinks(deps, order.userId),
      },
    );
    await deps.orders.update({ _id: order._id }, { $set: { 'effects.loyalty': true } });
  }
  if (!order.effects.email) {
    await deps.mailer.send(
      confirmationEmail(
        { storeName: deps.config.STORE_NAME, publicUrl: deps.config.PUBLIC_URL },
        order,
        openOrderContact(deps.personal, order),
        openOrderAddress(deps.personal, order),
      ),
    );
    await deps.orders.update({ _id: order._id }, { $set: { 'effects.email': true } });
  }
  if (!order.effects.notification) {
    await deps.notifications.create({
      userId: order.userId,
      type: 'order.paid',
      title: `Order ${order.number} confirmed`,
      body: 'We have received your payment and are preparing your order.',
      link: `/orders/${order._id.toHexString()}`,
      dedupeKey: `order.paid:${order._id.toHexString()}`,
    });
    await deps.orders.update({ _id: order._id }, { $set: { 'effects.notification': true } });
  }
}

/**
 * A payment that arrives for an order already cancelled (e.g. cancelled by staff while the shopper was paying)
 * cannot resurrect it — its stock may be gone — so the money goes straight back.
 */
async function refundLatePayment(deps: CommerceDeps, order: OrderDoc, paymentIntentId: string | null): Promise<void> {
  if (!paymentIntentId) return;
  await deps.stripe.refunds.create(
    {
      payment_intent: paymentIntentId,
      reason: 'requested_by_customer',
      metadata: { orderId: order._id.toHexString() },
    },
    { idempotencyKey: `late-payment-refund:${order._id.toHexString()}` },
  );
  await deps.orders.note(
    order._id,
    'Payment arrived after the order was cancelled: refunded in full automatically',
    'system',
  );
  await releaseHeld(deps, order);
}
