import { ObjectId, type Db } from 'mongodb';
import type { ProductDoc } from '../../apps/api/src/modules/catalog/model.js';
import { createShoppers } from './checkout-flow.js';

export const LINES_PER_CART = 3;

/**
 * Signed-in shoppers (checkout-flow's: a user, a live session and an access token signed with the API's secret, made
 * straight in the database) each with a cart of `LINES_PER_CART` in-stock products. Signing in through the API would
 * spend the run's first minute on bcrypt and the login rate limit, which are not what this benchmark measures.
 */
export async function createShoppersWithCarts(
  db: Db,
  products: ProductDoc[],
  count: number,
  jwtSecret: string,
): Promise<string[]> {
  const shoppers = await createShoppers(db, jwtSecret, count);
  const sellable = products.filter((product) => product.active && product.stock > 10);
  const now = new Date();
  await db.collection('carts').insertMany(
    shoppers.map((shopper, index) => ({
      _id: new ObjectId(),
      userId: shopper.userId,
      items: Array.from({ length: LINES_PER_CART }, (_, line) => {
        const product = sellable[(index * LINES_PER_CART + line) % sellable.length];
        if (!product) throw new Error('no product in stock to put in a cart');
        return {
          productId: product._id,
          variantId: product.variants[0]?._id,
          quantity: 1 + line,
          seenPrice: product.price,
          name: product.name,
          slug: product.slug,
          addedAt: now,
        };
      }),
      couponCode: null,
      version: 0,
      createdAt: now,
      updatedAt: now,
    })),
  );
  return shoppers.map((shopper) => shopper.token);
}
