import type { ObjectId } from 'mongodb';

export interface CartItem {
  productId: ObjectId;
  /** The size or colour; absent on items stored before variants existed (see `variantIdOf`). */
  variantId?: ObjectId;
  quantity: number;
  /** The price the shopper last saw for this line; a different current price produces a notice. */
  seenPrice: number;
  /** Kept so a line whose product was deleted can still be shown (and removed). */
  name: string;
  slug: string;
  addedAt: Date;
}

export interface CartDoc {
  _id: ObjectId;
  userId: ObjectId;
  items: CartItem[];
  couponCode: string | null;
  /** Optimistic concurrency: every write requires the version it read. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const CARTS = 'carts';
