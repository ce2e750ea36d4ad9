import type { TUser } from '@mercato/shared';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/load-config.js';
import { createThrottle, type Throttle } from '../../lib/throttle.js';
import type { Mailer } from '../mail/mailer.js';
import { createUsersRepo, type UsersRepo } from '../users/repo.js';
import { createAccessTokens, type AccessTokens } from './access-token.js';
import { createSessionsRepo, type SessionsRepo } from './sessions-repo.js';
import { createAuthTokensRepo, type AuthTokensRepo } from './tokens-repo.js';

/** Everything the auth use cases need, built once per app; plain objects, no container. */
export interface AuthDeps {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: AuthTokensRepo;
  access: AccessTokens;
  mailer: Mailer;
  throttle: Throttle;
  config: Config;
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
    users: createUsersRepo(app.mongo.db),
    sessions: createSessionsRepo(app.mongo.db),
    tokens: createAuthTokensRepo(app.mongo.db),
    access: createAccessTokens(app.config.JWT_SECRET, app.config.ACCESS_TOKEN_TTL_SECONDS),
    mailer: app.mailer,
    throttle: createThrottle(app.redis, app.log),
    config: app.config,
  };
}
