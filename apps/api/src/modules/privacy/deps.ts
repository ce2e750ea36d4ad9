import type { FastifyInstance } from 'fastify';
import { sessionCacheOf, shopperStateCacheOf } from '../../plugins/shopper-cache.js';
import type { Config } from '../../config/load-config.js';
import type { PersonalData } from '../../lib/personal-data.js';
import { createThrottle, type Throttle } from '../../lib/throttle.js';
import { createAuditLog, type AuditLog } from '../audit/repo.js';
import { createSessionsRepo, type SessionsRepo } from '../auth/sessions-repo.js';
import { createAuthTokensRepo, type AuthTokensRepo } from '../auth/tokens-repo.js';
import { createCartsRepo, type CartsRepo } from '../cart/repo.js';
import type { CommerceDeps } from '../checkout/deps.js';
import { createCouponsRepo, type CouponsRepo } from '../coupons/repo.js';
import { createMailRepo, type MailRepo } from '../mail/repo.js';
import { createNotificationsRepo, type NotificationsRepo } from '../notifications/repo.js';
import { createOrdersRepo, type OrdersRepo } from '../orders/repo.js';
import { createUsersRepo, type UsersRepo } from '../users/repo.js';
import { createConsentsRepo, type ConsentsRepo } from './consents-repo.js';

/** Everything export, erasure, consent and retention touch: every collection that holds something about a person. */
export interface PrivacyDeps {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: AuthTokensRepo;
  consents: ConsentsRepo;
  carts: CartsRepo;
  notifications: NotificationsRepo;
  coupons: CouponsRepo;
  orders: OrdersRepo;
  mail: MailRepo;
  audit: AuditLog;
  throttle: Throttle;
  personal: PersonalData;
  config: Config;
  /** Checkout's own dependencies, to close a checkout the person still has open before erasing them. */
  commerce: CommerceDeps;
}

export function createPrivacyDeps(app: FastifyInstance): PrivacyDeps {
  const db = app.mongo.db;
  return {
    users: createUsersRepo(db, app.personalData, shopperStateCacheOf(app)),
    sessions: createSessionsRepo(db, app.personalData, sessionCacheOf(app)),
    tokens: createAuthTokensRepo(db),
    consents: createConsentsRepo(db),
    carts: createCartsRepo(db, shopperStateCacheOf(app)),
    notifications: createNotificationsRepo(db),
    coupons: createCouponsRepo(db, shopperStateCacheOf(app)),
    orders: createOrdersRepo(db),
    mail: createMailRepo(db, app.personalData),
    audit: createAuditLog(db),
    throttle: createThrottle(app.redis, app.log, app.config.JWT_SECRET),
    personal: app.personalData,
    config: app.config,
    commerce: app.commerce,
  };
}
