import type Stripe from 'stripe';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Actor } from '../audit/repo.js';
import type { CommerceDeps } from '../checkout/deps.js';
import { applyPaidEffects } from '../checkout/fulfil.js';
import { refundedEmail } from './emails.js';
import type { OrderDoc, RefundRecord } from './model.js';
import { canTransition, isRefundable } from './status.js';
import type { ObjectId } from 'mongodb';
import { holdLinesOf } from '../inventory/holds.js';
import { openOrderContact } from './contact.js';

export interface RefundInput {
  amount?: number | undefined;
  restock: boolean;
  reason: string;
  idempotencyKey: string;
}

/**
 * Refunds all or part of an order through Stripe. The Stripe call carries an idempotency key derived from the
 * order and the caller's key, and the order update is conditional on that refund not being recorded yet, so a
 * retried request (double click, network retry) never refunds twice. Restocking puts every unit back and is only
 * possible with the refund of everything still paid.
 *
 * What may still be refunded is checked here first, but two refunds racing with different keys can both pass that
 * check: Stripe keeps the charge's refunded total itself and refuses the one that would go past what was paid, and
 * that refusal is answered like ours (422 REFUND_EXCEEDS_PAYMENT), so nothing is ever refunded twice over.
 *
 * The refund's metadata carries what the admin asked for (key, restock, reason, cancel), because Stripe's
 * `charge.refunded` webhook can be handled before Stripe's answer reaches us: whichever of the two records the
 * refund first applies all of it (status, restock, email), and the other finds it recorded.
 */
export async function refundOrder(
  deps: CommerceDeps,
  orderId: ObjectId,
  input: RefundInput,
  actor: Actor,
  options: { cancel?: boolean } = {},
): Promise<OrderDoc> {
  const order = await deps.orders.findById(orderId);
  if (!order) throw notFound('Order');
  if (order.refunds.some((refund) => refund.idempotencyKey === input.idempotencyKey)) return order;
  const paymentIntentId = order.payment.paymentIntentId;
  if (!isRefundable(order.status) || !paymentIntentId) {
    throw new AppError('INVALID_TRANSITION', `An order that is ${order.status.replace('_', ' ')} cannot be refunded.`);
  }
  // A crash between payment and the stock commit leaves units held for this order: fulfilment is finished first, so
  // a restock moves sold units back once (not a restock now and a release of the hold later) and a refund without
  // restock does not leave them held forever.
  if (order.stockState !== 'committed') await applyPaidEffects(deps, order);
  const refundable = order.payment.amountPaid - order.payment.amountRefunded;
  const amount = input.amount ?? refundable;
  if (amount <= 0 || amount > refundable) throw exceedsPayment(refundable);
  const isFull = amount === refundable;
  if (input.restock && !isFull) {
    throw new AppError('VALIDATION_FAILED', 'Restocking is only possible when refunding everything still paid.', {
      errors: [{ path: 'body.restock', message: 'requires a full refund' }],
    });
  }
  const refund = await deps.stripe.refunds
    .create(
      {
        payment_intent: paymentIntentId,
        amount,
        reason: 'requested_by_customer',
        metadata: {
          orderId: order._id.toHexString(),
          by: actor.email,
          idempotencyKey: input.idempotencyKey,
          restock: String(input.restock),
          cancel: String(options.cancel === true),
          reason: input.reason.slice(0, 500),
        },
      },
      { idempotencyKey: `refund:${order._id.toHexString()}:${input.idempotencyKey}` },
    )
    .catch(async (error: unknown) => {
      if (isOverRefund(error)) throw exceedsPayment(await refundableAtStripe(deps, order));
      deps.log.error({ err: error, orderId: order._id.toHexString() }, 'stripe refund failed');
      throw new AppError(
        'PAYMENT_PROVIDER_ERROR',
        'The refund could not be made with the payment provider; nothing changed.',
      );
    });
  await recordRefund(
    deps,
    order._id,
    {
      id: refund.id,
      amount: refund.amount,
      restocked: input.restock,
      reason: input.reason,
      idempotencyKey: input.idempotencyKey,
    },
    actor.email,
    options.cancel ? 'cancelled' : undefined,
  );
  // Recorded here or, a moment earlier, by the charge.refunded webhook: either way it is on the order now.
  const updated = await deps.orders.findById(order._id);
  await deps.audit.record({
    actor,
    action: 'order.refund',
    entity: { type: 'order', id: order._id.toHexString() },
    before: { status: order.status, amountRefunded: order.payment.amountRefunded },
    after: {
      status: updated?.status,
      amountRefunded: updated?.payment.amountRefunded,
      refundId: refund.id,
      restocked: input.restock,
    },
  });
  return updated ?? order;
}

function exceedsPayment(refundable: number): AppError {
  return new AppError('REFUND_EXCEEDS_PAYMENT', `At most ${refundable} (minor units) can still be refunded.`, {
    errors: [
      {
        path: 'body.amount',
        message: refundable > 0 ? `must be between 1 and ${refundable}` : 'nothing is left to refund',
      },
    ],
    meta: { refundable },
  });
}

/** Stripe's refusal to refund more than is left on the charge (`amount_too_large`, `charge_already_refunded`). */
function isOverRefund(error: unknown): boolean {
  const { code, param } = error as { code?: unknown; param?: unknown };
  return code === 'amount_too_large' || code === 'charge_already_refunded' || param === 'amount';
}

/** What Stripe says is left, counting refunds this order may not show yet (one racing this one). */
async function refundableAtStripe(deps: CommerceDeps, order: OrderDoc): Promise<number> {
  const refunds = await deps.stripe.refunds
    .list({ payment_intent: order.payment.paymentIntentId ?? '', limit: 100 })
    .catch(() => null);
  const latest = (await deps.orders.findById(order._id)) ?? order;
  const refunded = refunds
    ? refunds.data
        .filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled')
        .reduce((sum, refund) => sum + refund.amount, 0)
    : latest.payment.amountRefunded;
  return Math.max(0, latest.payment.amountPaid - refunded);
}

/**
 * Records a refund on the order once (keyed by the Stripe refund id) and moves the status per the transition table,
 * in one update conditional on the status and refunded total it was computed from: a refund recorded meanwhile
 * (another admin, the webhook) makes it compute again rather than be lost. Only the caller whose update won restocks
 * and emails, so neither happens twice.
 */
async function recordRefund(
  deps: CommerceDeps,
  orderId: ObjectId,
  refund: Omit<RefundRecord, 'createdAt'>,
  actor: string,
  finalStatus?: 'cancelled',
): Promise<OrderDoc | null> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const current = await deps.orders.findById(orderId);
    if (!current || current.refunds.some((known) => known.id === refund.id)) return null;
    const refunded = current.payment.amountRefunded + refund.amount;
    const byAmount = refunded >= current.payment.amountPaid ? 'refunded' : 'partially_refunded';
    // A cancel applies only while the order may still be cancelled. If it shipped meanwhile the money Stripe has
    // returned is still recorded, as a refund, and nothing is restocked: those units have left the shelf.
    const isCancel = finalStatus === 'cancelled' && canTransition(current.status, 'cancelled');
    const target = isCancel ? 'cancelled' : byAmount;
    const restocked = refund.restocked && (isCancel || finalStatus === undefined);
    if (!canTransition(current.status, target)) return null;
    const updated = await deps.orders.update(
      {
        _id: orderId,
        status: current.status,
        'payment.amountRefunded': current.payment.amountRefunded,
        'refunds.id': { $ne: refund.id },
      },
      {
        $set: { status: target, updatedAt: new Date() },
        $inc: { 'payment.amountRefunded': refund.amount },
        $push: {
          refunds: { ...refund, restocked, createdAt: new Date() },
          timeline: {
            at: new Date(),
            status: target,
            note: `${isCancel ? 'Cancelled and refunded' : 'Refunded'} ${refund.amount}${restocked ? ', restocked' : ''}${refund.reason ? `: ${refund.reason}` : ''}`,
            actor,
          },
        },
      },
    );
    if (!updated) continue;
    if (restocked) await deps.holds.restock(holdLinesOf(updated));
    await deps.mailer.send(
      refundedEmail(
        { storeName: deps.config.STORE_NAME, publicUrl: deps.config.PUBLIC_URL },
        updated,
        openOrderContact(deps.personal, updated),
        refund.id,
        refund.amount,
      ),
    );
    return updated;
  }
  // Left to the charge.refunded webhook, which records it from Stripe's list of refunds.
  deps.log.warn(
    { orderId: orderId.toHexString(), refundId: refund.id },
    'refund not recorded: the order kept changing',
  );
  return null;
}

/**
 * `charge.refunded` from Stripe: refunds made elsewhere (e.g. in the Stripe dashboard) are reflected on the order.
 * Refunds this app made are already recorded and are skipped by id.
 */
export async function syncRefundsFromCharge(deps: CommerceDeps, charge: Stripe.Charge): Promise<void> {
  const paymentIntentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  if (!paymentIntentId) return;
  const order = await deps.orders.orders.findOne({ 'payment.paymentIntentId': paymentIntentId });
  if (!order) return;
  const refunds = await deps.stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 });
  for (const refund of refunds.data) {
    const latest = await deps.orders.findById(order._id);
    if (
      !latest ||
      latest.refunds.some((known) => known.id === refund.id) ||
      refund.status === 'failed' ||
      refund.status === 'canceled'
    )
      continue;
    // A refund this app asked for says so in its metadata, and is recorded exactly as the admin asked for it.
    const asked = refund.metadata?.orderId === order._id.toHexString() ? refund.metadata : null;
    await recordRefund(
      deps,
      latest._id,
      {
        id: refund.id,
        amount: refund.amount,
        restocked: asked?.restock === 'true',
        reason: asked ? (asked.reason ?? '') : 'Refunded in Stripe',
        idempotencyKey: asked?.idempotencyKey ?? `stripe:${refund.id}`,
      },
      asked?.by ?? 'stripe',
      asked?.cancel === 'true' ? 'cancelled' : undefined,
    );
  }
}
