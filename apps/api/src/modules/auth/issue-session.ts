import type { TUser } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import type { UserDoc, UserProfile } from '../users/repo.js';
import type { AuthDeps, ClientInfo, IssuedSession } from './deps.js';
import { hashSecret, newSecret } from './secret-tokens.js';

export function toUserDto(user: UserProfile): TUser {
  return {
    id: user._id.toHexString(),
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    marketingOptIn: user.marketing?.optedIn ?? false,
  };
}

export function refreshExpiry(deps: AuthDeps, from = new Date()): Date {
  return new Date(from.getTime() + deps.config.REFRESH_TOKEN_TTL_DAYS * 24 * 60 * 60 * 1000);
}

/** Refresh tokens are `<sessionId>.<secret>`: the id finds the family, the secret proves possession. */
export function formatRefreshToken(sessionId: ObjectId, secret: string): string {
  return `${sessionId.toHexString()}.${secret}`;
}

export function parseRefreshToken(raw: string | undefined): { sessionId: ObjectId; secret: string } | null {
  if (!raw) return null;
  const match = /^([0-9a-f]{24})\.([A-Za-z0-9_-]{40,64})$/.exec(raw);
  if (!match?.[1] || !match[2]) return null;
  return { sessionId: new ObjectId(match[1]), secret: match[2] };
}

/** Starts a new session (its own refresh-token family): other devices stay signed in. */
export async function openSession(deps: AuthDeps, user: UserDoc, client: ClientInfo): Promise<IssuedSession> {
  const secret = newSecret();
  const now = new Date();
  const session = await deps.sessions.insert({
    userId: user._id,
    tokenHash: hashSecret(secret),
    createdAt: now,
    lastUsedAt: now,
    expiresAt: refreshExpiry(deps, now),
    userAgent: client.userAgent.slice(0, 300),
    ip: client.ip,
  });
  return issueTokens(deps, user, session._id, secret);
}

export async function issueTokens(
  deps: AuthDeps,
  user: UserDoc,
  sessionId: ObjectId,
  secret: string,
): Promise<IssuedSession> {
  const accessToken = await deps.access.sign({
    userId: user._id.toHexString(),
    role: user.role,
    sessionId: sessionId.toHexString(),
  });
  return {
    accessToken,
    refreshToken: formatRefreshToken(sessionId, secret),
    expiresIn: deps.access.ttlSeconds,
    sessionId: sessionId.toHexString(),
    user: toUserDto(user),
  };
}
