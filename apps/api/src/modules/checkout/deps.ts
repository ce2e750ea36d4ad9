import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import type { Config } from '../../config/load-config.js';
import type { PersonalData } from '../../lib/personal-data.js';
import { createAuditLog, type AuditLog } from '../audit/repo.js';
import { shopperStateCacheOf } from '../../plugins/shopper-cache.js';
import { createCartsRepo, type CartsRepo } from '../cart/repo.js';
import type { CartService } from '../cart/service.js';
import { createCouponsRepo, type CouponsRepo } from '../coupons/repo.js';
import { createStockHolds, type StockHolds } from '../inventory/holds.js';
import type { Mailer } from '../mail/mailer.js';
import { createNotificationsRepo, type NotificationsRepo } from '../notifications/repo.js';
import { createOrdersRepo, type OrdersRepo } from '../orders/repo.js';
import { createUsersRepo, type UsersRepo } from '../users/repo.js';

/** Everything checkout, fulfilment and order management need; built once per app. */
export interface CommerceDeps {
  orders: OrdersRepo;
  holds: StockHolds;
  coupons: CouponsRepo;
  carts: CartsRepo;
  cart: CartService;
  users: UsersRepo;
  notifications: NotificationsRepo;
  audit: AuditLog;
  stripe: Stripe;
  /** Seals and opens the order's contact and address (lib/personal-data). */
  personal: PersonalData;
  mailer: Mailer;
  config: Config;
  log: FastifyBaseLogger;
  /** Tells live dashboards that sales changed (best effort; analytics are computed from orders). */
  publish: (event: { type: string; orderId: string }) => void;
}

/** Pub/sub channel (prefixed like keys, so shops sharing a Redis do not hear each other). */
export const salesChannel = (prefix: string) => `${prefix}events:sales`;

export function createCommerceDeps(app: FastifyInstance): CommerceDeps {
  const db = app.mongo.db;
  return {
    orders: createOrdersRepo(db),
    holds: createStockHolds(db, app.catalog.stockChanged),
    coupons: createCouponsRepo(db, shopperStateCacheOf(app)),
    carts: createCartsRepo(db, shopperStateCacheOf(app)),
    cart: app.cart,
    users: createUsersRepo(db, app.personalData, shopperStateCacheOf(app)),
    notifications: createNotificationsRepo(db),
    audit: createAuditLog(db),
    stripe: app.stripe,
    personal: app.personalData,
    mailer: app.mailer,
    config: app.config,
    log: app.log,
    publish: (event) => {
      app.redis.publish(salesChannel(app.config.REDIS_KEY_PREFIX), JSON.stringify(event)).catch(() => undefined);
    },
  };
}
