import { AppError } from '../../lib/app-error.js';
import type { AuthDeps, ClientInfo, IssuedSession } from './deps.js';
import { openSession } from './issue-session.js';
import { hashSecret } from './secret-tokens.js';

/** Confirms the email address with the single-use link token, activates the account and signs the user in. */
export async function verifyEmail(deps: AuthDeps, token: string, client: ClientInfo): Promise<IssuedSession> {
  const used = await deps.tokens.consume(hashSecret(token), 'verify_email');
  if (!used) throw new AppError('TOKEN_INVALID', 'This confirmation link is invalid, expired or already used.');
  await deps.users.activate(used.userId);
  const user = await deps.users.findById(used.userId);
  if (!user || user.status !== 'active')
    throw new AppError('TOKEN_INVALID', 'This confirmation link is no longer valid.');
  return openSession(deps, user, client);
}
