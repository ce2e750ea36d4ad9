import type { TOrderStatus } from '@mercato/shared';
import type { Collection, Db, Filter, ObjectId, UpdateFilter } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import { COUNTERS, ORDERS, type OrderDoc, type TimelineEntry } from './model.js';

export const orderIndexes: CollectionIndexes = {
  collection: ORDERS,
  indexes: [
    { key: { number: 1 }, name: 'number_unique', unique: true },
    { key: { userId: 1, createdAt: -1 }, name: 'userId_1_createdAt_-1' },
    {
      key: { 'payment.checkoutSessionId': 1 },
      name: 'checkoutSession',
      unique: true,
      partialFilterExpression: { 'payment.checkoutSessionId': { $type: 'string' } },
    },
    { key: { status: 1, expiresAt: 1 }, name: 'status_1_expiresAt_1' },
    { key: { status: 1, createdAt: -1 }, name: 'status_1_createdAt_-1' },
    { key: { paidAt: 1 }, name: 'paidAt_1' },
    { key: { emailIndex: 1 }, name: 'emailIndex_1' },
    { key: { 'lines.productId': 1 }, name: 'lines_productId' },
    { key: { status: 1, anonymisedAt: 1, updatedAt: 1 }, name: 'status_anonymised_updated' },
    // One open checkout per cart state: a double click cannot create two orders holding the same stock.
    {
      key: { userId: 1, cartFingerprint: 1 },
      name: 'one_pending_per_cart',
      unique: true,
      partialFilterExpression: { status: 'pending_payment' },
    },
  ],
  // Emails are sealed now; staff search goes through `emailIndex`.
  retired: ['email_1'],
};

/** Every step of `OrderDoc.effects`; fulfilment marks each done once it has run. */
const PAID_EFFECTS = [
  'cart',
  'loyalty',
  'email',
  'notification',
] as const satisfies readonly (keyof OrderDoc['effects'])[];

interface CounterDoc {
  _id: string;
  seq: number;
}

export function createOrdersRepo(db: Db) {
  const orders: Collection<OrderDoc> = db.collection<OrderDoc>(ORDERS);
  const counters: Collection<CounterDoc> = db.collection<CounterDoc>(COUNTERS);

  return {
    orders,
    /** Short, human-friendly, unique order numbers from an atomic counter. */
    async nextNumber(): Promise<string> {
      const counter = await counters.findOneAndUpdate(
        { _id: 'orderNumber' },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      return `M-${100000 + (counter?.seq ?? 0)}`;
    },
    async insert(order: OrderDoc): Promise<void> {
      await orders.insertOne(order);
    },
    findById: (id: ObjectId) => orders.findOne({ _id: id }),
    findBySession: (sessionId: string) => orders.findOne({ 'payment.checkoutSessionId': sessionId }),
    /**
     * Moves an order from one of `from` to `to` atomically (conditional on the current status) and records it in
     * the timeline. Resolves to the updated order, or null when the order was not in an allowed status.
     */
    transition(
      id: ObjectId,
      from: TOrderStatus[],
      to: TOrderStatus,
      entry: Omit<TimelineEntry, 'status' | 'at'>,
      extra: UpdateFilter<OrderDoc> = {},
    ) {
      const now = new Date();
      return orders.findOneAndUpdate(
        { _id: id, status: { $in: from } },
        {
          ...extra,
          $set: { ...(extra.$set ?? {}), status: to, updatedAt: now },
          $push: { ...(extra.$push ?? {}), timeline: { at: now, status: to, note: entry.note, actor: entry.actor } },
        } as UpdateFilter<OrderDoc>,
        { returnDocument: 'after' },
      );
    },
    async note(id: ObjectId, note: string, actor: string): Promise<void> {
      await orders.updateOne(
        { _id: id },
        { $push: { timeline: { at: new Date(), status: null, note, actor } }, $set: { updatedAt: new Date() } },
      );
    },
    update: (filter: Filter<OrderDoc>, update: UpdateFilter<OrderDoc>) =>
      orders.findOneAndUpdate(filter, update, { returnDocument: 'after' }),
    async page(filter: Filter<OrderDoc>, page: number, pageSize: number) {
      const [items, total] = await Promise.all([
        orders
          .find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        orders.countDocuments(filter),
      ]);
      return { items, total };
    },
    /** Pending checkouts past their expiry: candidates for the abandoned-checkout job. */
    findExpiredPending: (before: Date, limit: number) =>
      orders
        .find({ status: 'pending_payment', expiresAt: { $lt: before } })
        .limit(limit)
        .toArray(),
    /**
     * Unpaid orders that ended (cancelled, payment failed) while still marked as holding stock: the process died
     * between the status change and the release that follows it. Releasing is idempotent, so no grace period.
     */
    findUnreleasedUnpaid: (limit: number) =>
      orders
        .find({ status: { $in: ['cancelled', 'payment_failed'] }, stockState: { $in: ['reserving', 'reserved'] } })
        .limit(limit)
        .toArray(),
    /**
     * Paid orders with a payment side effect still unfinished (a crash mid-fulfilment): stock not committed, or any
     * step of `effects` not marked done. The coupon redemption has no flag of its own: it runs between the stock and
     * the cart step, so an unfinished one leaves the cart step unmarked too.
     */
    findUnsettledPaid: (before: Date, limit: number) =>
      orders
        .find({
          status: { $in: ['paid', 'shipped', 'delivered'] },
          updatedAt: { $lt: before },
          $or: [
            { stockState: { $ne: 'committed' } },
            ...PAID_EFFECTS.map((effect) => ({ [`effects.${effect}`]: { $ne: true } })),
          ],
        })
        .limit(limit)
        .toArray(),
    /** Every order of one user, oldest first (data export, erasure). */
    listForUser: (userId: ObjectId) => orders.find({ userId }).sort({ createdAt: 1, _id: 1 }).toArray(),
    /** Retention: checkouts that ended unpaid before `before` and still carry the person's details. */
    findUnpaidToAnonymise: (before: Date, limit: number) =>
      orders
        .find({
          status: { $in: ['cancelled', 'payment_failed'] },
          'payment.amountPaid': 0,
          anonymisedAt: { $exists: false },
          updatedAt: { $lt: before },
        })
        .limit(limit)
        .toArray(),
  };
}

export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
