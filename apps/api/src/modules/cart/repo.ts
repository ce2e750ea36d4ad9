import { ObjectId, type Collection, type Db } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import { CARTS, type CartDoc } from './model.js';

export const cartIndexes: CollectionIndexes = {
  collection: CARTS,
  indexes: [{ key: { userId: 1 }, name: 'userId_unique', unique: true }],
};

/** One shopper's cart is rarely written concurrently; a burst of parallel adds still converges within this. */
const MAX_ATTEMPTS = 40;

export function createCartsRepo(db: Db) {
  const carts: Collection<CartDoc> = db.collection<CartDoc>(CARTS);

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
    find: (userId: ObjectId) => carts.findOne({ userId }),
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
        if (updated) return updated;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
      throw new AppError('CONFLICT', 'The cart is being changed elsewhere; try again.');
    },
    /**
     * After an order is paid, removes exactly the purchased products (and the coupon) from the cart; anything the
     * shopper added meanwhile stays.
     */
    async removeProducts(userId: ObjectId, productIds: ObjectId[]): Promise<void> {
      await carts.updateOne(
        { userId },
        {
          $pull: { items: { productId: { $in: productIds } } },
          $set: { couponCode: null, updatedAt: new Date() },
          $inc: { version: 1 },
        },
      );
    },
    findForUser: (userId: ObjectId) => carts.findOne({ userId }),
    async deleteForUser(userId: ObjectId): Promise<number> {
      return (await carts.deleteMany({ userId })).deletedCount;
    },
    /** Retention: carts nobody touched since `before` (MongoDB is the only server-side copy of a cart). */
    async deleteUntouchedSince(before: Date): Promise<number> {
      return (await carts.deleteMany({ updatedAt: { $lt: before } })).deletedCount;
    },
  };
}

export type CartsRepo = ReturnType<typeof createCartsRepo>;
