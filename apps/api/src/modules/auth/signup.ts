import type { TSignupRequest } from '@mercato/shared';
import type { AuthDeps, ClientInfo } from './deps.js';
import { alreadyRegisteredMessage, verifyEmailMessage } from './emails.js';
import { MARKETING_WORDING } from '../privacy/consent.js';
import { hashPassword } from './passwords.js';

const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a pending account and emails a confirmation link. If the email is taken, the owner gets an email
 * instead. The caller sees the same answer, after the same work (one bcrypt hash, one email), either way, so
 * signup cannot be used to find out who has an account. Only name, email and password are read: the role is
 * always `customer`.
 */
export async function signup(deps: AuthDeps, input: TSignupRequest, client: ClientInfo): Promise<void> {
  const { config, throttle } = deps;
  await throttle.hit('signup:ip', client.ip, config.AUTH_RATE_LIMIT_PER_IP, config.AUTH_RATE_LIMIT_WINDOW_SECONDS);
  await throttle.hit(
    'signup:acct',
    input.email,
    config.AUTH_RATE_LIMIT_PER_ACCOUNT,
    config.AUTH_RATE_LIMIT_WINDOW_SECONDS,
  );

  const passwordHash = await hashPassword(input.password, config.BCRYPT_COST);
  const now = new Date();
  const marketing = { optedIn: input.marketingOptIn === true, at: now, wordingVersion: MARKETING_WORDING.version };
  const user = await deps.users.insert({
    email: input.email,
    name: input.name,
    passwordHash,
    role: 'customer',
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    marketing,
  });
  const links = { storeName: config.STORE_NAME, publicUrl: config.PUBLIC_URL };
  if (!user) {
    await deps.mailer.send(alreadyRegisteredMessage(links, input.email));
    return;
  }
  await deps.consents.record({
    userId: user._id,
    purpose: 'marketing_email',
    granted: marketing.optedIn,
    wordingVersion: marketing.wordingVersion,
    source: 'signup',
    at: now,
  });
  const token = await deps.tokens.issue(user._id, 'verify_email', VERIFY_TTL_MS);
  await deps.mailer.send(verifyEmailMessage(links, user.email, user.name, token));
}
