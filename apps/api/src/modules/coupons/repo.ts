import { ObjectId, type Collection, type Db } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import {
  COUPON_RESERVATIONS,
  COUPON_USAGE,
  COUPONS,
  type CouponDoc,
  type CouponReservationDoc,
  type CouponUsageDoc,
} from './model.js';

export const couponIndexes: CollectionIndexes[] = [
  {
    collection: COUPONS,
    indexes: [
      { key: { code: 1 }, name: 'code_unique', unique: true },
      { key: { ownerUserId: 1, createdAt: -1 }, name: 'owner_1_createdAt_-1' },
      // One loyalty coupon per paid order, however many times fulfilment runs.
      {
        key: { sourceOrderId: 1 },
        name: 'sourceOrderId_unique',
        unique: true,
        partialFilterExpression: { sourceOrderId: { $type: 'objectId' } },
      },
    ],
  },
  {
    collection: COUPON_RESERVATIONS,
    indexes: [
      { key: { orderId: 1 }, name: 'orderId_unique', unique: true },
      { key: { couponId: 1, status: 1 }, name: 'couponId_1_status_1' },
    ],
  },
  { collection: COUPON_USAGE, indexes: [] },
];

/** The uses a limit counts: redeemed (paid) and reserved (checkouts in progress). */
const COUNTED_USES = ['$redeemedCount', '$reservedCount'];

/** Uses left under `limit` (a number or `'$usageLimit'`) once the reserved count has moved by `change`. */
const usesLeft = (limit: number | string, change = 0) => ({
  $subtract: [{ $subtract: [limit, { $add: COUNTED_USES }] }, change],
});

/**
 * `remaining` after the reserved count moves by `change`, recomputed from the stored limit and counters in the same
 * update (usageLimit − redeemed − reserved; null when unlimited), so it always agrees with them.
 */
const remainingAfter = (change: number) => ({
  $cond: [{ $eq: [{ $ifNull: ['$usageLimit', null] }, null] }, null, usesLeft('$usageLimit', change)],
});

const usageId = (couponId: ObjectId, userId: ObjectId) => `${couponId.toHexString()}:${userId.toHexString()}`;
const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/** The only code that touches coupon collections. Every counter change is one atomic conditional update. */
export function createCouponsRepo(db: Db) {
  const coupons: Collection<CouponDoc> = db.collection<CouponDoc>(COUPONS);
  const reservations: Collection<CouponReservationDoc> = db.collection<CouponReservationDoc>(COUPON_RESERVATIONS);
  const usage: Collection<CouponUsageDoc> = db.collection<CouponUsageDoc>(COUPON_USAGE);

  return {
    coupons,
    findByCode: (code: string) => coupons.findOne({ code: code.trim().toUpperCase() }),
    findById: (id: ObjectId) => coupons.findOne({ _id: id }),
    async usesBy(couponId: ObjectId, userId: ObjectId): Promise<number> {
      return (await usage.findOne({ _id: usageId(couponId, userId) }))?.count ?? 0;
    },

    /**
     * Takes one per-customer slot: succeeds only while the customer's count is below `limit`. The conditional
     * upsert either increments an existing counter under the limit or inserts the first one; when the counter is
     * at the limit the upsert collides on `_id` (E11000), which means "no slot".
     */
    async takeCustomerSlot(couponId: ObjectId, userId: ObjectId, limit: number): Promise<boolean> {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        try {
          await usage.updateOne(
            { _id: usageId(couponId, userId), count: { $lt: limit } },
            { $inc: { count: 1 } },
            { upsert: true },
          );
          return true;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          const current = await usage.findOne({ _id: usageId(couponId, userId) });
          if (current && current.count >= limit) return false;
        }
      }
      return false;
    },
    async returnCustomerSlot(couponId: ObjectId, userId: ObjectId): Promise<void> {
      await usage.updateOne({ _id: usageId(couponId, userId), count: { $gt: 0 } }, { $inc: { count: -1 } });
    },

    /**
     * Takes one of the coupon's total slots (when limited: only while `remaining > 0`) and counts it as reserved.
     * Decided on the stored limit in the same update, not on the caller's copy, which an admin may have changed since.
     */
    async takeTotalSlot(couponId: ObjectId): Promise<boolean> {
      const result = await coupons.updateOne(
        { _id: couponId, $or: [{ usageLimit: null }, { remaining: { $gt: 0 } }] },
        [{ $set: { reservedCount: { $add: ['$reservedCount', 1] }, remaining: remainingAfter(1) } }],
      );
      return result.modifiedCount === 1;
    },

    /** Inserts the reservation; returns null when the order already has one (unique `orderId`). */
    async insertReservation(doc: CouponReservationDoc): Promise<CouponReservationDoc | null> {
      try {
        await reservations.insertOne(doc);
        return doc;
      } catch (error) {
        if (isDuplicateKey(error)) return null;
        throw error;
      }
    },
    findReservationByOrder: (orderId: ObjectId) => reservations.findOne({ orderId }),
    /** Moves a reservation from `from` to `to` exactly once; concurrent callers see false. */
    async transitionReservation(
      orderId: ObjectId,
      from: CouponReservationDoc['status'],
      to: CouponReservationDoc['status'],
    ) {
      return reservations.findOneAndUpdate(
        { orderId, status: from },
        { $set: { status: to, updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
    },
    async countRedeemed(couponId: ObjectId): Promise<void> {
      await coupons.updateOne(
        { _id: couponId },
        { $inc: { reservedCount: -1, redeemedCount: 1 }, $set: { updatedAt: new Date() } },
      );
    },
    async countReleased(couponId: ObjectId): Promise<void> {
      await coupons.updateOne({ _id: couponId }, [
        {
          $set: {
            reservedCount: { $add: ['$reservedCount', -1] },
            remaining: remainingAfter(-1),
            updatedAt: new Date(),
          },
        },
      ]);
    },
    async insertCoupon(doc: CouponDoc): Promise<boolean> {
      try {
        await coupons.insertOne(doc);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /**
     * Applies an admin edit only while the fields its validation read are still as read (`expected`), so two edits
     * racing cannot together store what neither would have been allowed to. A new total limit goes in the same update,
     * its `remaining` computed from the counters as they are at that moment (a reservation landing meanwhile is
     * counted). Null when the coupon changed meanwhile or is gone.
     */
    updateCoupon(
      id: ObjectId,
      expected: Pick<CouponDoc, 'type' | 'value' | 'startsAt' | 'endsAt'>,
      set: Partial<CouponDoc>,
      usageLimit?: number | null,
    ) {
      // Pipeline values are expressions: $literal keeps a description like "$5 off" from being read as a field path.
      const literals = Object.fromEntries(Object.entries(set).map(([key, value]) => [key, { $literal: value }]));
      const limit =
        usageLimit === undefined
          ? {}
          : {
              usageLimit: { $literal: usageLimit },
              remaining: usageLimit === null ? { $literal: null } : usesLeft(usageLimit),
            };
      return coupons.findOneAndUpdate(
        {
          _id: id,
          type: expected.type,
          value: expected.value,
          startsAt: expected.startsAt,
          endsAt: expected.endsAt,
        },
        [{ $set: { ...literals, ...limit, updatedAt: new Date() } }],
        { returnDocument: 'after' },
      );
    },
    findBySourceOrder: (orderId: ObjectId) => coupons.findOne({ sourceOrderId: orderId }),
    listForOwner: (ownerUserId: ObjectId) => coupons.find({ ownerUserId }).sort({ createdAt: -1 }).limit(50).toArray(),
    newId: () => new ObjectId(),
    /** Erasure: the person's own codes and per-customer counters go; reservations stay as the orders' accounting. */
    async deletePersonal(ownerUserId: ObjectId): Promise<number> {
      await usage.deleteMany({ _id: { $regex: `:${ownerUserId.toHexString()}$` } });
      return (await coupons.deleteMany({ ownerUserId })).deletedCount;
    },
  };
}

export type CouponsRepo = ReturnType<typeof createCouponsRepo>;
