import type { TUser } from '@mercato/shared';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { AccountCoupons } from './account-coupons.js';
import { AccountSection } from './account-section.js';
import { ChangePasswordForm } from './change-password-form.js';
import { ProfileForm } from './profile-form.js';
import { SessionsList } from './sessions-list.js';

export interface AccountPageProps {
  /** Called with the saved user after a profile edit, so the rest of the app (the header) shows the new name. */
  onProfileUpdated: (user: TUser) => void;
}

/**
 * `/account`: profile, password change, signed-in devices and personal coupons. Only reachable signed in (see
 * RequireSignedIn).
 */
export function AccountPage({ onProfileUpdated }: AccountPageProps) {
  useDocumentTitle('Your account');
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Your account</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <AccountSection title="Profile">
          <ProfileForm onUpdated={onProfileUpdated} />
        </AccountSection>
        <AccountSection title="Password" description="Changing it signs out every other device.">
          <ChangePasswordForm />
        </AccountSection>
      </div>
      <AccountSection
        title="Signed-in devices"
        description="Sign out any device you do not recognise, then change your password."
      >
        <SessionsList />
      </AccountSection>
      <AccountSection title="Your coupons" description="Personal codes to use at checkout. Each works once.">
        <AccountCoupons />
      </AccountSection>
    </div>
  );
}
