import type { TRole } from '@mercato/shared';
import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'mercato';
const AUDIENCE = 'mercato-api';

export interface AccessClaims {
  userId: string;
  role: TRole;
  sessionId: string;
}

/** Signs and verifies the short-lived access JWT (HS256 only: `alg: none` and other algorithms are refused). */
export function createAccessTokens(secret: string, ttlSeconds: number) {
  const key = new TextEncoder().encode(secret);
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
    /** Resolves to the claims, or null for anything invalid: expired, tampered, wrong algorithm, malformed. */
    async verify(token: string): Promise<AccessClaims | null> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        const role = payload.role;
        if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
        if (role !== 'customer' && role !== 'admin') return null;
        return { userId: payload.sub, role, sessionId: payload.sid };
      } catch {
        return null;
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
