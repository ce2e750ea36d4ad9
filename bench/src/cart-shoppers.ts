import { ObjectId, type Db } from 'mongodb';
import { createAccessTokens } from '../../apps/api/src/modules/auth/access-token.js';
import type { ProductDoc } from '../../apps/api/src/modules/catalog/model.js';

export const LINES_PER_CART = 3;

/**
 * Signed-in shoppers made straight in the database, each with a live session, an access token signed with the
 * API's secret, and a cart of `LINES_PER_CART` in-stock products. Signing in through the API would spend the run's
 * first minute on bcrypt and the login rate limit, which are not what this benchmark measures (bench:auth does).
 */
export async function createShoppers(
  db: Db,
  products: ProductDoc[],
  count: number,
  jwtSecret: string,
): Promise<string[]> {
  const tokens = createAccessTokens(jwtSecret, 3_600);
  const now = new Date();
  const sellable = products.filter((product) => product.active && product.stock > 10);
  const shoppers = Array.from({ length: count }, (_, index) => ({
    index,
    userId: new ObjectId(),
    sessionId: new ObjectId(),
  }));
  await db.collection('users').insertMany(
    shoppers.map((shopper) => ({
      _id: shopper.userId,
      email: `cart-shopper-${shopper.index}@bench.example`,
      // A name written before sealing existed reads back as it is (users-repo `openLegacy`).
      name: `Cart Shopper ${shopper.index}`,
      passwordHash: '$2b$12$unusedunusedunusedunusedunusedunusedunusedunusedunuse',
      role: 'customer',
      status: 'active',
      createdAt: now,
      updatedAt: now,
      verifiedAt: now,
    })),
  );
  await db.collection('sessions').insertMany(
    shoppers.map((shopper) => ({
      _id: shopper.sessionId,
      userId: shopper.userId,
      tokenHash: `unused-${shopper.sessionId.toHexString()}`,
      usedTokenHashes: [],
      createdAt: now,
      lastUsedAt: now,
      authenticatedAt: now,
      expiresAt: new Date(now.getTime() + 24 * 3_600_000),
      device: '',
    })),
  );
  await db.collection('carts').insertMany(
    shoppers.map((shopper) => ({
      _id: new ObjectId(),
      userId: shopper.userId,
      items: Array.from({ length: LINES_PER_CART }, (_, line) => {
        const product = sellable[(shopper.index * LINES_PER_CART + line) % sellable.length];
        if (!product) throw new Error('no product in stock to put in a cart');
        return {
          productId: product._id,
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
  return Promise.all(
    shoppers.map((shopper) =>
      tokens.sign({
        userId: shopper.userId.toHexString(),
        role: 'customer',
        sessionId: shopper.sessionId.toHexString(),
      }),
    ),
  );
}
