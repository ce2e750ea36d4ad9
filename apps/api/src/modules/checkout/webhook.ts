import type { Collection, Db } from 'mongodb';
import { ObjectId } from 'mongodb';
import type Stripe from 'stripe';
import { AppError } from '../../lib/app-error.js';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import { cancelPendingCheckout } from './cancel.js';
import type { CommerceDeps } from './deps.js';
import { fulfilCheckoutSession } from './fulfil.js';
import { syncRefundsFromCharge } from '../orders/refunds.js';

interface StripeEventDoc {
  _id: string;
  type: string;
  createdAt: Date;
  receivedAt: Date;
  processedAt: Date | null;
  deliveries: number;
}

export const STRIPE_EVENTS = 'stripe_events';
export const stripeEventIndexes: CollectionIndexes = {
  collection: STRIPE_EVENTS,
  indexes: [{ key: { receivedAt: 1 }, name: 'receivedAt_ttl', expireAfterSeconds: 90 * 24 * 60 * 60 }],
};

/**
 * Handles one verified Stripe event. Each event id is recorded once (the `_id` is the event id); a delivery of an
 * event already processed is acknowledged and ignored. Handlers read the current state from Stripe rather than
 * the event snapshot, so events arriving late or out of order converge on the same result.
 */
export async function handleStripeEvent(
  deps: CommerceDeps,
  db: Db,
  event: Stripe.Event,
): Promise<'processed' | 'duplicate' | 'ignored'> {
  const events: Collection<StripeEventDoc> = db.collection<StripeEventDoc>(STRIPE_EVENTS);
  const recorded = await events.findOneAndUpdate(
    { _id: event.id },
    {
      $setOnInsert: {
        type: event.type,
        createdAt: new Date(event.created * 1000),
        receivedAt: new Date(),
        processedAt: null,
      },
      $inc: { deliveries: 1 },
    },
    { upsert: true, returnDocument: 'after' },
  );
  if (recorded?.processedAt) return 'duplicate';

  const outcome = await dispatch(deps, event);
  await events.updateOne({ _id: event.id }, { $set: { processedAt: new Date() } });
  return outcome;
}

async function dispatch(deps: CommerceDeps, event: Stripe.Event): Promise<'processed' | 'ignored'> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.expired':
      try {
        await fulfilCheckoutSession(deps, event.data.object.id);
      } catch (error) {
        // A paid amount that does not match is held for review by staff; retrying the event would not change it.
        if (error instanceof AppError && error.code === 'PAYMENT_MISMATCH') return 'processed';
        // Not a checkout of this shop (another integration on the account, or a session no order was ever given):
        // a retry would fail the same way for days, so it is acknowledged and left alone.
        if (isUnknownSession(error)) {
          deps.log.warn(
            { eventId: event.id, type: event.type, sessionId: event.data.object.id },
            'stripe event for a checkout session this shop does not know: ignored',
          );
          return 'ignored';
        }
        throw error;
      }
      return 'processed';
    case 'checkout.session.async_payment_failed': {
      const order = await deps.orders.findBySession(event.data.object.id);
      if (order) await cancelPendingCheckout(deps, order, 'The payment failed', 'stripe', 'payment_failed');
      return 'processed';
    }
    case 'payment_intent.payment_failed': {
      // A declined card does not end the checkout: the shopper can retry on the same page until it expires.
      const orderId = event.data.object.metadata?.orderId;
      const reason = event.data.object.last_payment_error?.code ?? 'declined';
      if (!orderId || !/^[0-9a-f]{24}$/.test(orderId)) return 'processed';
      // Only while the order still awaits payment: a late event must not tell a paid order's story backwards.
      const order = await deps.orders.findById(new ObjectId(orderId));
      if (order?.status === 'pending_payment')
        await deps.orders.note(order._id, `Payment attempt failed (${reason}); the shopper can retry`, 'stripe');
      return 'processed';
    }
    case 'charge.refunded':
      await syncRefundsFromCharge(deps, event.data.object);
      return 'processed';
    default:
      return 'ignored';
  }
}

/** No order for the session (our 404), or no such session at Stripe: permanent, unlike a network or Stripe outage. */
function isUnknownSession(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'NOT_FOUND';
  return (error as { code?: unknown }).code === 'resource_missing';
}
