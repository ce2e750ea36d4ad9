import type { TUser } from '@mercato/shared';
import type { FastifyInstance } from 'fastify';
import { sessionCacheOf, shopperStateCacheOf } from '../../plugins/shopper-cache.js';
import type { Config } from '../../config/load-config.js';
import { createCartsRepo, type CartsRepo } from '../cart/repo.js';
import { createThrottle, type Throttle } from '../../lib/throttle.js';
import type { Mailer } from '../mail/mailer.js';
import { createConsentsRepo, type ConsentsRepo } from '../privacy/consents-repo.js';
import { createUsersRepo, type UsersRepo } from '../users/repo.js';
import { createAccessTokens, type AccessTokens } from './access-token.js';
import { createSessionsRepo, type SessionsRepo } from './sessions-repo.js';
import { createAuthTokensRepo, type AuthTokensRepo } from './tokens-repo.js';

/** Everything the auth use cases need, built once per app; plain objects, no container. */
export interface AuthDeps {
  users: UsersRepo;
  sessions: SessionsRepo;
  /** Only to drop the cached cart at logout (the cart module owns carts). */
  carts: Pick<CartsRepo, 'dropCached'>;
  tokens: AuthTokensRepo;
  consents: ConsentsRepo;
  access: AccessTokens;
  mailer: Mailer;
  throttle: Throttle;
  config: Config;
  /** Runs `task` without holding up the answer; failures are logged and shutdown waits for tasks still running. */
  runLater(task: () => Promise<void>): void;
}

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/** What a successful sign-in produces; the refresh token goes into the cookie, the rest into the body. */
export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  sessionId: string;
  user: TUser;
}

export function createAuthDeps(app: FastifyInstance): AuthDeps {
  return {
    users: createUsersRepo(app.mongo.db, app.personalData, shopperStateCacheOf(app)),
    sessions: createSessionsRepo(app.mongo.db, app.personalData, sessionCacheOf(app)),
    carts: createCartsRepo(app.mongo.db, shopperStateCacheOf(app)),
    tokens: createAuthTokensRepo(app.mongo.db),
    consents: createConsentsRepo(app.mongo.db),
    access: createAccessTokens(app.config.JWT_SECRET, app.config.ACCESS_TOKEN_TTL_SECONDS),
    mailer: app.mailer,
    throttle: createThrottle(app.redis, app.log, app.config.JWT_SECRET),
    config: app.config,
    runLater: createLaterQueue(app),
  };
}

function createLaterQueue(app: FastifyInstance): AuthDeps['runLater'] {
  const running = new Set<Promise<void>>();
  // Child-plugin onClose hooks run before the MongoDB plugin's, so a task still running can finish its writes.
  app.addHook('onClose', async () => {
    await Promise.allSettled(running);
  });
  return (task) => {
    const promise: Promise<void> = task()
      .catch((error: unknown) => app.log.error({ err: error }, 'deferred auth task failed'))
      .finally(() => running.delete(promise));
    running.add(promise);
  };
}
