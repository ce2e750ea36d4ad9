import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { shopperStateCacheOf } from '../../plugins/shopper-cache.js';
import { ensureIndexes } from '../../lib/mongo-indexes.js';
import { createAuditLog } from '../audit/repo.js';
import { createCategoriesRepo } from '../catalog/categories-repo.js';
import { createProductsRepo } from '../catalog/products-repo.js';
import { createAdminCoupons } from '../coupons/admin-service.js';
import { couponIndexes, createCouponsRepo } from '../coupons/repo.js';
import { couponRoutes } from '../coupons/routes.js';
import { cartIndexes, createCartsRepo } from './repo.js';
import { cartRoutes } from './routes.js';
import { createCartService, type CartService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Cart use cases; checkout prices orders through the same code the cart page shows. */
    cart: CartService;
  }
}

/** Carts and coupons: the shopper's cart, guest preview/merge, coupon rules and their admin screens. */
export const cartModule = fp(
  async (app: FastifyInstance) => {
    await ensureIndexes(app.mongo.db, [cartIndexes, ...couponIndexes]);
    const coupons = createCouponsRepo(app.mongo.db, shopperStateCacheOf(app));
    const cart = createCartService({
      carts: createCartsRepo(app.mongo.db, shopperStateCacheOf(app)),
      products: createProductsRepo(app.mongo.db),
      catalog: app.catalog,
      coupons,
      config: app.config,
    });
    app.decorate('cart', cart);
    await app.register(cartRoutes(cart));
    await app.register(
      couponRoutes(
        createAdminCoupons({
          coupons,
          categories: createCategoriesRepo(app.mongo.db),
          audit: createAuditLog(app.mongo.db),
        }),
        coupons,
      ),
    );
  },
  { name: 'cart', dependencies: ['mongo', 'auth', 'catalog'] },
);
