import { AccountPage } from '../../features/account/components/account-page.js';
import { PrivacyPage } from '../../features/account/components/privacy-page.js';
import { dropSession, publishUser } from '../../features/auth/session/session-controller.js';

/** `/account`: the account feature's page, telling the auth feature (header, other tabs) about profile edits. */
export function AccountRoute() {
  return <AccountPage onProfileUpdated={publishUser} />;
}

/**
 * `/account/privacy`: the account's Privacy page. A changed marketing choice goes to the session; after erasure the
 * server has ended every session already, so the browser forgets it without calling the API.
 */
export function PrivacyRoute() {
  return <PrivacyPage onUserUpdated={publishUser} onErased={dropSession} />;
}
