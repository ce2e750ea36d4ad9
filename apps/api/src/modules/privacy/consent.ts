import { MARKETING_WORDING } from '@mercato/shared';
import type { ObjectId } from 'mongodb';
import type { Config } from '../../config/load-config.js';
import type { PersonalData } from '../../lib/personal-data.js';
import type { UserDoc, UsersRepo } from '../users/repo.js';
import type { ConsentSource, ConsentsRepo } from './consents-repo.js';

export { MARKETING_WORDING } from '@mercato/shared';

const UNSUBSCRIBE_PURPOSE = 'unsubscribe:marketing';

export interface ConsentDeps {
  users: UsersRepo;
  consents: ConsentsRepo;
}

/** Records a marketing choice: the current state on the user, the history in consents. */
export async function setMarketingConsent(
  deps: ConsentDeps,
  userId: ObjectId,
  optedIn: boolean,
  source: ConsentSource,
): Promise<UserDoc | null> {
  const at = new Date();
  const user = await deps.users.setMarketing(userId, { optedIn, at, wordingVersion: MARKETING_WORDING.version });
  if (!user) return null;
  await deps.consents.record({
    userId,
    purpose: 'marketing_email',
    granted: optedIn,
    wordingVersion: MARKETING_WORDING.version,
    source,
    at,
  });
  return user;
}

/** The link in every promotional email; it works without signing in and never expires. */
export function unsubscribeUrl(config: Pick<Config, 'PUBLIC_URL'>, personal: PersonalData, userId: ObjectId): string {
  const token = personal.signToken(UNSUBSCRIBE_PURPOSE, userId.toHexString());
  return `${config.PUBLIC_URL}/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** The user id an unsubscribe token was made for, or null when the token is not one of ours. */
export function userIdFromUnsubscribeToken(personal: PersonalData, token: string): string | null {
  const payload = personal.verifyToken(UNSUBSCRIBE_PURPOSE, token);
  return payload && /^[0-9a-f]{24}$/.test(payload) ? payload : null;
}

/**
 * What a promotional email to this user needs, or null when they did not opt in (then none is sent). Transactional
 * emails (receipts, shipping, password) do not ask.
 */
export async function marketingLinks(
  deps: { users: UsersRepo; personal: PersonalData; config: Pick<Config, 'PUBLIC_URL'> },
  userId: ObjectId,
): Promise<{ unsubscribeUrl: string } | null> {
  const user = await deps.users.findById(userId);
  if (!user?.marketing?.optedIn) return null;
  return { unsubscribeUrl: unsubscribeUrl(deps.config, deps.personal, userId) };
}
