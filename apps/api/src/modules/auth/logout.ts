import { ObjectId } from 'mongodb';
import type { AuthDeps } from './deps.js';
import { parseRefreshToken } from './issue-session.js';
import { hashSecret } from './secret-tokens.js';

/**
 * Ends the current session: the one the refresh cookie belongs to and/or the one named by a verified access
 * token. Unknown or already-ended sessions are fine: logout is idempotent.
 */
export async function logout(
  deps: AuthDeps,
  rawRefreshToken: string | undefined,
  verifiedSessionId: string | undefined,
): Promise<void> {
  const parsed = parseRefreshToken(rawRefreshToken);
  if (parsed) {
    const session = await deps.sessions.findById(parsed.sessionId);
    if (session && session.tokenHash === hashSecret(parsed.secret)) await deps.sessions.revoke(session._id, 'logout');
  }
  if (verifiedSessionId) await deps.sessions.revoke(new ObjectId(verifiedSessionId), 'logout');
}
