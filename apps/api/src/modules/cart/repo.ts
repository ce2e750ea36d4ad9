import { ObjectId, type Collection, type Db } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import type { CacheEntryRef, CacheUse } from '../../lib/cache.js';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import { variantIdOf } from '../catalog/variants.js';
import { CARTS, type CartDoc, type CartItem } from './model.js';

export const cartIndexes: CollectionIndexes = {
  collection: CARTS,
  indexes: [{ key: { userId: 1 }, name: 'userId_unique', unique: true }],
};

/** One shopper's cart is rarely written concurrently; a burst of parallel adds still converges within this. */
const MAX_ATTEMPTS = 40;

/** Deleting this many carts' cache entries per Redis call (retention deletes carts in bulk). */
const EVICT_BATCH = 500;

const cartTag = (userId: string) => `cart:${userId}`;
const cartEntry = (userId: string): CacheEntryRef => ({ key: `cart:${userId}`, tags: [cartTag(userId)] });

/**
 * The only code that touches carts. MongoDB holds the cart; the shopper cache holds a copy for reads. Every write
 * lands in MongoDB first (an acknowledged change is never lost), then deletes the cached copy and bumps its tag, so
 * the next read on any instance refills from MongoDB (see docs/decisions/0010).
 */
export function createCartsRepo(db: Db, cartCache: CacheUse) {
  const carts: Collection<CartDoc> = db.collection<CartDoc>(CARTS);
  const { cache, ttlSeconds } = cartCache;
  const changed = async (...userIds: ObjectId[]): Promise<void> => {
    for (let start = 0; start < userIds.length; start += EVICT_BATCH) {
      const hexes = userIds.slice(start, start + EVICT_BATCH).map((id) => id.toHexString());
      await cache.invalidate(hexes.map(cartTag), hexes.map(cartEntry));
    }
  };

  async function loadOrCreate(userId: ObjectId): Promise<CartDoc> {
    const now = new Date();
    const doc = await carts
      .findOneAndUpdate(
        { userId },
        {
          $setOnInsert: {
            _id: new ObjectId(),
            userId,
            items: [],
            couponCode: null,
            version: 0,
            createdAt: now,
            updatedAt: now,
          },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .catch(async (error: { code?: number }) => {
        // Two first writes raced on the unique userId: the other one created the cart.
        if (error.code === 11000) return carts.findOne({ userId });
        throw error;
      });
    if (!doc) throw new Error('cart could not be created');
    return doc;
  }

  return {
    /** The cart as cached (frozen: read it, do not change it); null when the shopper has none. */
    find(userId: ObjectId): Promise<CartDoc | null> {
      const { key, tags } = cartEntry(userId.toHexString());
      return cache.getOrLoadValue({ key, tags, ttlSeconds }, () => carts.findOne({ userId }));
    },
    /** `find` as held in this process's memory (null: no cart), or undefined when it is not held. */
    held: (userId: string) => cache.held<CartDoc | null>(cartEntry(userId).key),
    /** Drops the cached copy (the shopper logged out): the cart stays in MongoDB; the next read refills it. */
    dropCached: (userId: ObjectId): Promise<void> => changed(userId),
    /** The cart as MongoDB has it this instant (checkout, export). */
    findExact: (userId: ObjectId) => carts.findOne({ userId }),
    /**
     * Applies `change` to the user's cart with optimistic concurrency: the write only lands if nobody changed the
     * cart since it was read; otherwise it re-reads and re-applies, so concurrent adds are never lost.
     */
    async mutate(
      userId: ObjectId,
      change: (cart: CartDoc) => Pick<CartDoc, 'items' | 'couponCode'> | Promise<Pick<CartDoc, 'items' | 'couponCode'>>,
    ): Promise<CartDoc> {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const cart = await loadOrCreate(userId);
        const next = await change(cart);
        const updated = await carts.findOneAndUpdate(
          { _id: cart._id, version: cart.version },
          { $set: { items: next.items, couponCode: next.couponCode, updatedAt: new Date() }, $inc: { version: 1 } },
          { returnDocument: 'after' },
        );
        if (updated) {
          await changed(userId);
          return updated;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
      throw new AppError('CONFLICT', 'The cart is being changed elsewhere; try again.');
    },
    /**
     * After an order is paid, removes exactly the purchased variants (and the coupon) from the cart; anything the
     * shopper added meanwhile stays. Items stored before variants existed hold their product's default variant,
     * whose id is the product's (see `variantIdOf`).
     */
    async removePurchased(userId: ObjectId, lines: { productId: ObjectId; variantId?: ObjectId }[]): Promise<void> {
      const variantIds = lines.map(variantIdOf);
      await carts.updateOne(
        { userId },
        {
          $pull: {
            // A query on the items (the driver's types only know equality here; MongoDB takes any condition).
            items: {
              $or: [
                { variantId: { $in: variantIds } },
                { variantId: { $exists: false }, productId: { $in: variantIds } },
              ],
            } as Partial<CartItem>,
          },
          $set: { couponCode: null, updatedAt: new Date() },
          $inc: { version: 1 },
        },
      );
      await changed(userId);
    },
    async deleteForUser(userId: ObjectId): Promise<number> {
      const deleted = (await carts.deleteMany({ userId })).deletedCount;
      await changed(userId);
      return deleted;
    },
    /**
     * Retention: carts nobody touched since `before`, with their cached copies (MongoDB is the only durable
     * server-side copy of a cart; the cache must not outlive it).
     */
    async deleteUntouchedSince(before: Date): Promise<number> {
      const stale = await carts.find({ updatedAt: { $lt: before } }, { projection: { userId: 1 } }).toArray();
      if (stale.length === 0) return 0;
      // Only those still untouched: a cart changed since the find keeps living.
      const { deletedCount } = await carts.deleteMany({
        _id: { $in: stale.map((cart) => cart._id) },
        updatedAt: { $lt: before },
      });
      await changed(...stale.map((cart) => cart.userId));
      return deletedCount;
    },
  };
}

export type CartsRepo = ReturnType<typeof createCartsRepo>;
