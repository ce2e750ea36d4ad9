import type { TPrivacySettings, TUser } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError, invalidField } from '../../lib/app-error.js';
import { toUserDto } from '../auth/issue-session.js';
import { verifyPassword } from '../auth/passwords.js';
import type { UserDoc } from '../users/repo.js';
import { MARKETING_WORDING, setMarketingConsent, userIdFromUnsubscribeToken } from './consent.js';
import type { PrivacyDeps } from './deps.js';
import { eraseUser } from './erase.js';
import { exportAccount } from './export.js';

/** How long after the password was entered an export may be downloaded. */
export const REAUTH_WINDOW_MS = 10 * 60 * 1000;

export interface AccountAuth {
  userId: string;
  sessionId: string;
}

/** Self-service actions are audited under the account itself; the address is not copied into the log. */
const selfActor = (auth: AccountAuth) => ({ id: auth.userId, email: 'account holder' });

async function loadUser(deps: PrivacyDeps, auth: AccountAuth): Promise<UserDoc> {
  const user = await deps.users.findById(new ObjectId(auth.userId));
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  return user;
}

/** Checks the password with the same back-off as sign-in, so a stolen access token cannot be used to guess it. */
async function confirmPassword(deps: PrivacyDeps, user: UserDoc, password: string): Promise<void> {
  await deps.throttle.assertNotLocked(user.email);
  if (!(await verifyPassword(password, user.passwordHash))) {
    await deps.throttle.recordFailure(user.email);
    throw invalidField('body.password', 'is not your password');
  }
  await deps.throttle.clearFailures(user.email);
}

/** Until when this session may export without the password again; null when it must be entered. */
async function exportAllowedUntil(deps: PrivacyDeps, auth: AccountAuth): Promise<Date | null> {
  const session = await deps.sessions.findById(new ObjectId(auth.sessionId));
  if (!session?.authenticatedAt) return null;
  const until = new Date(session.authenticatedAt.getTime() + REAUTH_WINDOW_MS);
  return until > new Date() ? until : null;
}

export async function getPrivacySettings(deps: PrivacyDeps, auth: AccountAuth): Promise<TPrivacySettings> {
  const user = await loadUser(deps, auth);
  const until = await exportAllowedUntil(deps, auth);
  return {
    marketing: {
      optedIn: user.marketing?.optedIn ?? false,
      updatedAt: user.marketing?.at.toISOString() ?? null,
      wordingVersion: user.marketing?.wordingVersion ?? null,
    },
    marketingWording: { ...MARKETING_WORDING },
    exportAllowedUntil: until?.toISOString() ?? null,
    retentionDays: {
      sessions: deps.config.SESSION_RETENTION_DAYS,
      carts: deps.config.CART_RETENTION_DAYS,
      emailBodies: deps.config.MAIL_BODY_RETENTION_DAYS,
      unpaidOrders: deps.config.UNPAID_ORDER_RETENTION_DAYS,
    },
  };
}

export async function reauthenticate(deps: PrivacyDeps, auth: AccountAuth, password: string): Promise<Date> {
  await confirmPassword(deps, await loadUser(deps, auth), password);
  await deps.sessions.markAuthenticated(new ObjectId(auth.sessionId));
  return new Date(Date.now() + REAUTH_WINDOW_MS);
}

/** The signed-in person's data, if they entered their password recently; throttled and audited. */
export async function exportOwnData(deps: PrivacyDeps, auth: AccountAuth) {
  if (!(await exportAllowedUntil(deps, auth)))
    throw new AppError('REAUTHENTICATION_REQUIRED', 'Enter your password again to download your data.');
  await deps.throttle.hit('export:acct', auth.userId, deps.config.EXPORT_RATE_LIMIT_PER_DAY, 24 * 60 * 60);
  const data = await exportAccount(deps, new ObjectId(auth.userId));
  await deps.audit.record({
    actor: selfActor(auth),
    action: 'account.export',
    entity: { type: 'user', id: auth.userId },
    before: null,
    after: { orders: data.orders.length, emails: data.emails.length },
  });
  return data;
}

export async function eraseOwnAccount(deps: PrivacyDeps, auth: AccountAuth, password: string) {
  const user = await loadUser(deps, auth);
  await confirmPassword(deps, user, password);
  return eraseUser(deps, user._id, { actor: selfActor(auth), reason: 'requested by the account holder', isSelf: true });
}

export async function changeMarketingConsent(deps: PrivacyDeps, auth: AccountAuth, optedIn: boolean): Promise<TUser> {
  const user = await setMarketingConsent(deps, new ObjectId(auth.userId), optedIn, 'account');
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  return toUserDto(user);
}

/** One click from an email, no sign-in: a bad or foreign token is refused, an unknown (erased) user is a no-op. */
export async function unsubscribe(deps: PrivacyDeps, token: string): Promise<void> {
  const userId = userIdFromUnsubscribeToken(deps.personal, token);
  if (!userId) throw invalidField('body.token', 'is not a valid unsubscribe link');
  await setMarketingConsent(deps, new ObjectId(userId), false, 'unsubscribe_link');
}
