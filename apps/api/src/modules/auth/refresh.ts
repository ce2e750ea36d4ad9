import type { ObjectId } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import type { AuthDeps, ClientInfo, IssuedSession } from './deps.js';
import { issueTokens, parseRefreshToken, refreshExpiry } from './issue-session.js';
import { hashSecret, newSecret } from './secret-tokens.js';

/**
 * Exchanges a refresh token for a new access token and a new refresh token (rotation on every use). A token
 * that was already rotated away is evidence of theft: the whole session family is revoked, so both the thief
 * and the victim must sign in again. Throttled per IP and, for valid tokens, per account.
 */
export async function refresh(
  deps: AuthDeps,
  rawToken: string | undefined,
  client: ClientInfo,
): Promise<IssuedSession> {
  const { config } = deps;
  await deps.throttle.hit(
    'refresh:ip',
    client.ip,
    config.AUTH_RATE_LIMIT_PER_IP * 10,
    config.AUTH_RATE_LIMIT_WINDOW_SECONDS,
  );
  const parsed = parseRefreshToken(rawToken);
  if (!parsed) throw new AppError('TOKEN_INVALID', 'No valid refresh token; sign in again.');

  const session = await deps.sessions.findById(parsed.sessionId);
  if (!session) throw new AppError('TOKEN_INVALID', 'No valid refresh token; sign in again.');
  if (session.revokedAt) throw new AppError('SESSION_REVOKED', 'This session has ended; sign in again.');
  const presented = hashSecret(parsed.secret);
  if (session.tokenHash !== presented)
    return rejectMismatch(deps, session._id, session.usedTokenHashes.includes(presented));
  if (session.expiresAt <= new Date()) throw new AppError('TOKEN_INVALID', 'This session has expired; sign in again.');
  // Counted only once the token is proven: a guessed session id with a junk secret cannot use up the owner's quota.
  await deps.throttle.hit(
    'refresh:acct',
    session.userId.toHexString(),
    config.AUTH_REFRESH_RATE_LIMIT_PER_ACCOUNT,
    config.AUTH_RATE_LIMIT_WINDOW_SECONDS,
  );

  const user = await deps.users.findById(session.userId);
  if (!user || user.status !== 'active') {
    await deps.sessions.revoke(session._id, 'account unavailable');
    throw new AppError('SESSION_REVOKED', 'This session has ended; sign in again.');
  }
  const secret = newSecret();
  const rotated = await deps.sessions.rotate(session._id, presented, hashSecret(secret), refreshExpiry(deps));
  // Lost the race to another refresh with the same token: that token is now used, so this is a reuse.
  if (!rotated) return rejectMismatch(deps, session._id, true);
  return issueTokens(deps, user, session._id, secret);
}

async function rejectMismatch(deps: AuthDeps, sessionId: ObjectId, isReuse: boolean): Promise<never> {
  if (isReuse) {
    await deps.sessions.revoke(sessionId, 'refresh token reuse');
    throw new AppError(
      'SESSION_REVOKED',
      'This refresh token was already used; the session has been ended for safety.',
    );
  }
  throw new AppError('TOKEN_INVALID', 'No valid refresh token; sign in again.');
}
