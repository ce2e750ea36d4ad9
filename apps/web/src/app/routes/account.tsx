import { AccountPage } from '../../features/account/components/account-page.js';
import { publishUser } from '../../features/auth/session/session-controller.js';

/** `/account/*`: the account feature's page, telling the auth feature (header, other tabs) about profile edits. */
export function AccountRoute() {
  return <AccountPage onProfileUpdated={publishUser} />;
}
