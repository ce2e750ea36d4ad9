import type { TRole } from '@mercato/shared';
import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'mercato';
const AUDIENCE = 'mercato-api';

export interface AccessClaims {
  userId: string;
  role: TRole;
  sessionId: string;
}

/** Tokens remembered as verified; beyond this the table starts again (a token is re-verified, nothing else). */
const MAX_REMEMBERED = 50_000;

/**
 * Signs and verifies the short-lived access JWT (HS256 only: `alg: none` and other algorithms are refused).
 * A token that verified once is remembered with its claims until it expires: checking its signature costs ~50 µs,
 * more than the rest of a cached request, and a signed token's claims cannot change. Only valid tokens are kept,
 * so garbage cannot fill the table, and expiry is checked on every use. (Revocation is not the token's business:
 * the session check that follows every verification decides it.)
 */
export function createAccessTokens(secret: string, ttlSeconds: number) {
  const key = new TextEncoder().encode(secret);
  const verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();
  const known = (token: string): AccessClaims | undefined => {
    const entry = verified.get(token);
    return entry && entry.expiresAtMs > Date.now() ? entry.claims : undefined;
  };
  return {
    ttlSeconds,
    sign(claims: AccessClaims): Promise<string> {
      return new SignJWT({ role: claims.role, sid: claims.sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    /** The claims of a token verified before and not expired; undefined when it must be verified (`verify`). */
    known,
    /** Resolves to the claims, or null for anything invalid: expired, tampered, wrong algorithm, malformed. */
    async verify(token: string): Promise<AccessClaims | null> {
      if (verified.has(token)) {
        const claims = known(token);
        if (!claims) verified.delete(token);
        return claims ?? null;
      }
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        const role = payload.role;
        if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
        if (role !== 'customer' && role !== 'admin') return null;
        const claims: AccessClaims = { userId: payload.sub, role, sessionId: payload.sid };
        if (typeof payload.exp === 'number') {
          if (verified.size >= MAX_REMEMBERED) verified.clear();
          verified.set(token, { claims, expiresAtMs: payload.exp * 1_000 });
        }
        return claims;
      } catch {
        return null;
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
