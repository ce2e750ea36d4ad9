import type { TUser } from '@mercato/shared';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { usePrivacySettings } from '../api/get-privacy-settings.js';
import { retentionRules } from '../utils/privacy-copy.js';
import { AccountSection } from './account-section.js';
import { DataExportForm } from './data-export-form.js';
import { DeleteAccountSection } from './delete-account-section.js';
import { LoadError } from './load-error.js';
import { MarketingConsentToggle } from './marketing-consent-toggle.js';

export interface PrivacyPageProps {
  /** Called with the saved user after the marketing choice changed, so the session holds the new value. */
  onUserUpdated: (user: TUser) => void;
  /** Called once the account is erased (the server has ended every session): forget it in this browser. */
  onErased: () => void;
}

/**
 * `/account/privacy`: download everything the shop holds (GDPR art. 15/20), choose about marketing email, see how
 * long data is kept, and delete the account (art. 17). Only reachable signed in.
 */
export function PrivacyPage({ onUserUpdated, onErased }: PrivacyPageProps) {
  useDocumentTitle('Privacy and data');
  const settings = usePrivacySettings();

  let content;
  if (settings.isPending) {
    content = (
      <div aria-busy="true" className="flex flex-col gap-6">
        <span className="sr-only">Loading your privacy settings…</span>
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  } else if (settings.isError) {
    content = <LoadError message={settings.error.message} onRetry={() => void settings.refetch()} />;
  } else {
    const data = settings.data;
    content = (
      <>
        <div className="grid gap-6 lg:grid-cols-2">
          <AccountSection
            title="Download your data"
            description="One JSON file with your profile, orders, signed-in devices, notifications, discount codes, marketing choices and the emails we sent you."
          >
            <DataExportForm needsPassword={data.exportAllowedUntil === null} />
          </AccountSection>
          <AccountSection title="Offers by email" description="Emails about your orders and account always arrive.">
            <MarketingConsentToggle
              marketing={data.marketing}
              wording={data.marketingWording}
              onSaved={onUserUpdated}
            />
          </AccountSection>
        </div>
        <AccountSection
          title="How long we keep data"
          description="While you have an account, older data is removed on its own:"
        >
          <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-slate-700">
            {retentionRules(data.retentionDays).map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </AccountSection>
        <DeleteAccountSection onErased={onErased} />
      </>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Privacy and data</h1>
      {content}
    </div>
  );
}
