import type { TRole } from '@mercato/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { IncomingHttpHeaders } from 'node:http';
import { ObjectId } from 'mongodb';
import { AppError } from '../lib/app-error.js';
import { ensureIndexes } from '../lib/mongo-indexes.js';
import { createAccessTokens } from '../modules/auth/access-token.js';
import { createSessionsRepo, sessionIndexes, type SessionLiveness } from '../modules/auth/sessions-repo.js';
import { sessionCacheOf } from './shopper-cache.js';
import { authTokenIndexes } from '../modules/auth/tokens-repo.js';
import { userIndexes } from '../modules/users/repo.js';

export interface RequestAuth {
  userId: string;
  role: TRole;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate`; null on routes that do not require a signed-in user. */
    auth: RequestAuth | null;
  }
  interface FastifyInstance {
    /** onRequest hook: requires a valid access token for a live session. */
    authenticate: onRequestHookHandler;
    /** onRequest hook: requires a signed-in admin (401 without a token, 403 for other roles). */
    requireAdmin: onRequestHookHandler;
    /** Reads a bearer token if present, without requiring one; invalid tokens are ignored. */
    optionalAuth: (request: WithHeaders) => Promise<RequestAuth | null>;
    /**
     * `optionalAuth` answered in one step from what this process holds (a token verified before, the session's
     * cached liveness): the signed-in user, or undefined when that cannot be told so (then ask `optionalAuth`).
     */
    heldAuth: (request: WithHeaders) => RequestAuth | undefined;
  }
}

export const ADMIN_PREFIX = '/api/admin';

/** What the token check reads of a request: Fastify's, or the raw one the hot-read path answers. */
type WithHeaders = { headers: IncomingHttpHeaders };

/**
 * Bearer-token authentication and role checks. Every route under /api/admin gets the admin check attached
 * automatically when it is registered, so an admin route cannot be added without it.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    await ensureIndexes(app.mongo.db, [userIndexes, sessionIndexes, authTokenIndexes]);
    const access = createAccessTokens(app.config.JWT_SECRET, app.config.ACCESS_TOKEN_TTL_SECONDS);
    const sessions = createSessionsRepo(app.mongo.db, app.personalData, sessionCacheOf(app));
    app.decorateRequest('auth', null);

    /**
     * Verifies the JWT, then checks the session is still live so logout and revocation take effect at once. The
     * check is answered from the shopper cache, which every session-ending write invalidates on every instance.
     */
    async function resolve(request: WithHeaders): Promise<RequestAuth> {
      const header = request.headers.authorization;
      if (!header)
        throw new AppError('UNAUTHENTICATED', 'Sign in to continue.', { headers: { 'www-authenticate': 'Bearer' } });
      const token = bearerToken(header);
      const claims = token ? await access.verify(token) : null;
      if (!claims || !/^[0-9a-f]{24}$/.test(claims.sessionId)) {
        throw new AppError('TOKEN_INVALID', 'The access token is invalid or expired.', {
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      }
      const session = await sessions.liveness(new ObjectId(claims.sessionId), claims.userId);
      if (!isLive(session, claims)) {
        throw new AppError('SESSION_REVOKED', 'This session has ended; sign in again.', {
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      }
      return claims;
    }

    const authenticate: onRequestHookHandler = async (request: FastifyRequest, _reply: FastifyReply) => {
      request.auth = await resolve(request);
    };
    const requireAdmin: onRequestHookHandler = async (request: FastifyRequest, _reply: FastifyReply) => {
      request.auth = await resolve(request);
      if (request.auth.role !== 'admin') throw new AppError('FORBIDDEN', 'This area is for shop staff only.');
    };
    app.decorate('authenticate', authenticate);
    app.decorate('requireAdmin', requireAdmin);
    app.decorate('optionalAuth', async (request: WithHeaders) => {
      if (!request.headers.authorization) return null;
      return resolve(request).catch(() => null);
    });
    app.decorate('heldAuth', (request: WithHeaders) => {
      const token = bearerToken(request.headers.authorization);
      const claims = token ? access.known(token) : undefined;
      // A session id of another shape is never held, so such a token goes to `optionalAuth`, which refuses it.
      const session = claims ? sessions.heldLiveness(claims.sessionId) : undefined;
      return claims && session !== undefined && isLive(session, claims) ? claims : undefined;
    });

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith(ADMIN_PREFIX)) return;
      const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
      route.onRequest = [requireAdmin, ...existing];
    });
  },
  { name: 'auth', dependencies: ['config', 'mongo', 'shopper-cache'] },
);

/** The token of an `Authorization: Bearer …` header, if it is one. */
function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header)?.[1];
}

/** A session lets its access token in while it is not revoked, not expired, and the token's user's. */
function isLive(session: SessionLiveness | null, claims: RequestAuth): boolean {
  return (
    session !== null &&
    !session.isRevoked &&
    session.expiresAt.getTime() > Date.now() &&
    session.userId === claims.userId
  );
}

/**
 * Routes authenticated by the refresh cookie only accept requests from the shop's own origin. SameSite=Strict
 * already keeps the cookie off cross-site requests; this is the second lock on the door.
 */
export function assertSameOrigin(request: FastifyRequest, allowedOrigin: string): void {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origin !== allowedOrigin) throw new AppError('ORIGIN_REJECTED', 'Cross-origin requests are not allowed here.');
    return;
  }
  // No Origin: a non-browser client, unless the browser says the request is cross-site.
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw new AppError('ORIGIN_REJECTED', 'Cross-origin requests are not allowed here.');
  }
}
