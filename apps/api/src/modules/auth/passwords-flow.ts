import { ObjectId } from 'mongodb';
import { AppError, invalidField } from '../../lib/app-error.js';
import type { AuthDeps, ClientInfo } from './deps.js';
import { passwordChangedMessage, resetPasswordMessage } from './emails.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashSecret } from './secret-tokens.js';

const RESET_TTL_MS = 30 * 60 * 1000;

/**
 * Emails a reset link if the account exists. The answer does not wait for the lookup, the token or the email, for
 * known and unknown addresses alike, so neither the answer nor its timing tells whether an account exists. Earlier
 * unused links stop working.
 */
export async function forgotPassword(deps: AuthDeps, email: string, client: ClientInfo): Promise<void> {
  const { config, throttle } = deps;
  await throttle.hit('forgot:ip', client.ip, config.AUTH_RATE_LIMIT_PER_IP, config.AUTH_RATE_LIMIT_WINDOW_SECONDS);
  await throttle.hit('forgot:acct', email, config.AUTH_RATE_LIMIT_PER_ACCOUNT, config.AUTH_RATE_LIMIT_WINDOW_SECONDS);
  deps.runLater(() => sendResetLink(deps, email));
}

async function sendResetLink(deps: AuthDeps, email: string): Promise<void> {
  const { config } = deps;
  const user = await deps.users.findByEmail(email);
  if (!user || user.status === 'disabled') return;
  await deps.tokens.deleteAllForUser(user._id, 'reset_password');
  const token = await deps.tokens.issue(user._id, 'reset_password', RESET_TTL_MS);
  await deps.mailer.send(
    resetPasswordMessage({ storeName: config.STORE_NAME, publicUrl: config.PUBLIC_URL }, user.email, user.name, token),
  );
}

/**
 * Sets a new password with a single-use reset token and signs out every session. Following the emailed link also
 * proves the address, so a still-unconfirmed account becomes active.
 */
export async function resetPassword(deps: AuthDeps, token: string, password: string): Promise<void> {
  const used = await deps.tokens.consume(hashSecret(token), 'reset_password');
  if (!used) throw new AppError('TOKEN_INVALID', 'This reset link is invalid, expired or already used.');
  const user = await deps.users.findById(used.userId);
  if (!user || user.status === 'disabled') throw new AppError('TOKEN_INVALID', 'This reset link is no longer valid.');
  await deps.users.setPassword(user._id, await hashPassword(password, deps.config.BCRYPT_COST));
  if (user.status === 'pending') await deps.users.activate(user._id);
  await deps.sessions.revokeAllForUser(user._id, 'password reset');
  await deps.throttle.clearFailures(user.email);
  await deps.mailer.send(
    passwordChangedMessage(
      { storeName: deps.config.STORE_NAME, publicUrl: deps.config.PUBLIC_URL },
      user.email,
      user.name,
    ),
  );
}

/** Changes the password of a signed-in user (current password required) and signs out every other session. */
export async function changePassword(
  deps: AuthDeps,
  auth: { userId: string; sessionId: string },
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await deps.users.findById(new ObjectId(auth.userId));
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw invalidField('body.currentPassword', 'is not your current password');
  }
  await deps.users.setPassword(user._id, await hashPassword(newPassword, deps.config.BCRYPT_COST));
  await deps.sessions.revokeAllForUser(user._id, 'password changed', new ObjectId(auth.sessionId));
  await deps.mailer.send(
    passwordChangedMessage(
      { storeName: deps.config.STORE_NAME, publicUrl: deps.config.PUBLIC_URL },
      user.email,
      user.name,
    ),
  );
}
