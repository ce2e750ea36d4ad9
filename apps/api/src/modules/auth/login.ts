import type { TLoginRequest } from '@mercato/shared';
import { AppError } from '../../lib/app-error.js';
import type { AuthDeps, ClientInfo, IssuedSession } from './deps.js';
import { openSession } from './issue-session.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';

const INVALID = 'Invalid email or password. If you have just signed up, confirm your email address first.';

/**
 * Email + password sign-in. Unknown email, wrong password and unconfirmed account all get the same answer after
 * the same bcrypt work. Throttled per IP and per account; repeated failures on an account back off exponentially.
 */
export async function login(deps: AuthDeps, input: TLoginRequest, client: ClientInfo): Promise<IssuedSession> {
  const { config, throttle } = deps;
  await throttle.hit('login:ip', client.ip, config.AUTH_RATE_LIMIT_PER_IP, config.AUTH_RATE_LIMIT_WINDOW_SECONDS);
  await throttle.hit(
    'login:acct',
    input.email,
    config.AUTH_RATE_LIMIT_PER_ACCOUNT,
    config.AUTH_RATE_LIMIT_WINDOW_SECONDS,
  );
  await throttle.assertNotLocked(input.email);

  const user = await deps.users.findByEmail(input.email);
  const isMatch = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await burnPasswordCheck(input.password, config.BCRYPT_COST).then(() => false);
  if (!user || !isMatch || user.status === 'pending') {
    await throttle.recordFailure(input.email);
    throw new AppError('INVALID_CREDENTIALS', INVALID);
  }
  if (user.status === 'disabled')
    throw new AppError('ACCOUNT_DISABLED', 'This account has been disabled. Contact the shop for help.');
  await throttle.clearFailures(input.email);
  return openSession(deps, user, client);
}
