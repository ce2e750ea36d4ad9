import { ObjectId } from 'mongodb';
import type { AuthDeps } from './deps.js';
import { parseRefreshToken } from './issue-session.js';
import { hashSecret } from './secret-tokens.js';

/**
 * Ends the current session: the one the refresh cookie belongs to and/or the one named by a verified access
 * token. Unknown or already-ended sessions are fine: logout is idempotent. The person's cached cart and profile go
 * too (docs/privacy.md): MongoDB keeps them, and the next read on any device refills the cache.
 */
export async function logout(
  deps: AuthDeps,
  rawRefreshToken: string | undefined,
  verified: { sessionId: string; userId: string } | null,
): Promise<void> {
  const owners = new Set<string>();
  const parsed = parseRefreshToken(rawRefreshToken);
  if (parsed) {
    const session = await deps.sessions.findById(parsed.sessionId);
    if (session && session.tokenHash === hashSecret(parsed.secret)) {
      await deps.sessions.revoke(session._id, 'logout');
      owners.add(session.userId.toHexString());
    }
  }
  if (verified) {
    await deps.sessions.revoke(new ObjectId(verified.sessionId), 'logout');
    owners.add(verified.userId);
  }
  for (const owner of owners) {
    const userId = new ObjectId(owner);
    await deps.carts.dropCached(userId);
    await deps.users.dropCached(userId);
  }
}
