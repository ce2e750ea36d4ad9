import { ObjectId, type Collection, type Db } from 'mongodb';
import type { CacheUse } from '../../lib/cache.js';
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

/**
 * Cache tags of what carts read: which coupon a code names, each coupon (its rules and counters), and a customer's
 * per-coupon use counts. Every write below bumps the ones it changes, after MongoDB acknowledged it.
 */
export const COUPON_TAGS = {
  code: (code: string) => `coupon-code:${code}`,
  coupon: (couponId: string) => `coupon:${couponId}`,
  usesOf: (userId: string) => `coupon-uses-of:${userId}`,
} as const;
const usesEntry = (couponId: string, userId: string) => ({
  key: `coupon-uses:${couponId}:${userId}`,
  tags: [COUPON_TAGS.usesOf(userId)],
});
const codeKey = (normalisedCode: string) => `coupon-code:${normalisedCode}`;
const couponEntry = (couponId: string) => ({ key: `coupon:${couponId}`, tags: [COUPON_TAGS.coupon(couponId)] });

/**
 * The only code that touches coupon collections. Every counter change is one atomic conditional update. Reads for
 * showing a cart go through the shopper cache (`cached`); decisions that must be exact (taking a slot) never do.
 */
export function createCouponsRepo(db: Db, shopperCache: CacheUse) {
  const coupons: Collection<CouponDoc> = db.collection<CouponDoc>(COUPONS);
  const reservations: Collection<CouponReservationDoc> = db.collection<CouponReservationDoc>(COUPON_RESERVATIONS);
  const usage: Collection<CouponUsageDoc> = db.collection<CouponUsageDoc>(COUPON_USAGE);
  const { cache, ttlSeconds } = shopperCache;
  const couponChanged = (couponId: ObjectId) => cache.bump(COUPON_TAGS.coupon(couponId.toHexString()));
  const usesChanged = (userId: ObjectId) => cache.bump(COUPON_TAGS.usesOf(userId.toHexString()));

  return {
    coupons,
    /** What a cart shows: the same answers as `findByCode` and `usesBy`, from the cache (frozen documents). */
    cached: {
      async findByCode(code: string): Promise<CouponDoc | null> {
        const normalised = code.trim().toUpperCase();
        const id = await cache.getOrLoadValue(
          { key: codeKey(normalised), tags: [COUPON_TAGS.code(normalised)], ttlSeconds },
          async () => (await coupons.findOne({ code: normalised }, { projection: { _id: 1 } }))?._id ?? null,
        );
        if (!id) return null;
        const { key, tags } = couponEntry(id.toHexString());
        return cache.getOrLoadValue({ key, tags, ttlSeconds }, () => coupons.findOne({ _id: id }));
      },
      async usesBy(couponId: ObjectId, userId: ObjectId): Promise<number> {
        const { key, tags } = usesEntry(couponId.toHexString(), userId.toHexString());
        return cache.getOrLoadValue(
          { key, tags, ttlSeconds },
          async () => (await usage.findOne({ _id: usageId(couponId, userId) }))?.count ?? 0,
        );
      },
    },
    /** `cached`, answered from this process's memory only: undefined when an answer is not held there. */
    held: {
      findByCode(code: string): CouponDoc | null | undefined {
        const id = cache.held<ObjectId | null>(codeKey(code.trim().toUpperCase()));
        return id ? cache.held<CouponDoc | null>(couponEntry(id.toHexString()).key) : id;
      },
      usesBy: (couponId: ObjectId, userId: ObjectId) =>
        cache.held<number>(usesEntry(couponId.toHexString(), userId.toHexString()).key),
    },
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
          await usesChanged(userId);
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
      await usesChanged(userId);
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
      if (result.modifiedCount === 1) await couponChanged(couponId);
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
      await couponChanged(couponId);
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
      await couponChanged(couponId);
    },
    async insertCoupon(doc: CouponDoc): Promise<boolean> {
      try {
        await coupons.insertOne(doc);
        // A code looked up before it existed is cached as "no such code".
        await cache.bump(COUPON_TAGS.code(doc.code));
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
    async updateCoupon(
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
      const updated = await coupons.findOneAndUpdate(
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
      if (updated) await couponChanged(id);
      return updated;
    },
    findBySourceOrder: (orderId: ObjectId) => coupons.findOne({ sourceOrderId: orderId }),
    listForOwner: (ownerUserId: ObjectId) => coupons.find({ ownerUserId }).sort({ createdAt: -1 }).limit(50).toArray(),
    newId: () => new ObjectId(),
    /** Erasure: the person's own codes and per-customer counters go; reservations stay as the orders' accounting. */
    async deletePersonal(ownerUserId: ObjectId): Promise<number> {
      const userHex = ownerUserId.toHexString();
      const ownUses = { _id: { $regex: `:${userHex}$` } };
      const [uses, owned] = await Promise.all([
        usage.find(ownUses, { projection: { _id: 1 } }).toArray(),
        coupons.find({ ownerUserId }, { projection: { _id: 1, code: 1 } }).toArray(),
      ]);
      await usage.deleteMany(ownUses);
      const { deletedCount } = await coupons.deleteMany({ ownerUserId });
      // The cached copies go with them: the person's counters and own codes must not outlive the erasure.
      await cache.invalidate(
        [
          COUPON_TAGS.usesOf(userHex),
          ...owned.flatMap((coupon) => [COUPON_TAGS.code(coupon.code), COUPON_TAGS.coupon(coupon._id.toHexString())]),
        ],
        [
          ...uses.map((use) => usesEntry(String(use._id).split(':')[0] ?? '', userHex)),
          ...owned.map((coupon) => couponEntry(coupon._id.toHexString())),
        ],
      );
      return deletedCount;
    },
  };
}

export type CouponsRepo = ReturnType<typeof createCouponsRepo>;
