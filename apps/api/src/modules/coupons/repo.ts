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

    /** Takes one of the coupon's total slots (when limited: only while `remaining > 0`) and counts it as reserved. */
    async takeTotalSlot(coupon: Pick<CouponDoc, '_id' | 'usageLimit'>): Promise<boolean> {
      const result =
        coupon.usageLimit === null
          ? await coupons.updateOne({ _id: coupon._id }, { $inc: { reservedCount: 1 } })
          : await coupons.updateOne(
              { _id: coupon._id, remaining: { $gt: 0 } },
              { $inc: { remaining: -1, reservedCount: 1 } },
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
    async countReleased(coupon: Pick<CouponDoc, '_id' | 'usageLimit'>): Promise<void> {
      const inc = coupon.usageLimit === null ? { reservedCount: -1 } : { reservedCount: -1, remaining: 1 };
      await coupons.updateOne({ _id: coupon._id }, { $inc: inc, $set: { updatedAt: new Date() } });
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
    updateCoupon: (id: ObjectId, set: Partial<CouponDoc>) =>
      coupons.findOneAndUpdate({ _id: id }, { $set: { ...set, updatedAt: new Date() } }, { returnDocument: 'after' }),
    /**
     * Sets a new total limit. Limited → limited shifts `remaining` by the difference with one $inc (concurrent
     * reservations are not lost); to or from unlimited recomputes from the counters.
     */
    async changeUsageLimit(id: ObjectId, usageLimit: number | null) {
      const current = await coupons.findOne({ _id: id });
      if (!current) return null;
      if (usageLimit === null)
        return coupons.findOneAndUpdate(
          { _id: id },
          { $set: { usageLimit: null, remaining: null, updatedAt: new Date() } },
          { returnDocument: 'after' },
        );
      if (current.usageLimit === null) {
        const remaining = usageLimit - current.redeemedCount - current.reservedCount;
        return coupons.findOneAndUpdate(
          { _id: id },
          { $set: { usageLimit, remaining, updatedAt: new Date() } },
          { returnDocument: 'after' },
        );
      }
      return coupons.findOneAndUpdate(
        { _id: id, usageLimit: current.usageLimit },
        { $set: { usageLimit, updatedAt: new Date() }, $inc: { remaining: usageLimit - current.usageLimit } },
        { returnDocument: 'after' },
      );
    },
    listForOwner: (ownerUserId: ObjectId) => coupons.find({ ownerUserId }).sort({ createdAt: -1 }).limit(50).toArray(),
    newId: () => new ObjectId(),
  };
}

export type CouponsRepo = ReturnType<typeof createCouponsRepo>;
