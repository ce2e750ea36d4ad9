import type { TPrivacySettings, TUser } from '@mercato/shared';
import { useState } from 'react';
import { Checkbox } from '../../../components/ui/checkbox.js';
import { useToast } from '../../../components/ui/toast-context.js';
import { useUpdateMarketingConsent } from '../api/update-marketing-consent.js';

const changedAt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface MarketingConsentToggleProps {
  marketing: TPrivacySettings['marketing'];
  /** The words shown with the choice; the API records their version with it. */
  wording: TPrivacySettings['marketingWording'];
  onSaved: (user: TUser) => void;
}

/** The marketing choice, saved as soon as it is ticked or unticked, with when it last changed. */
export function MarketingConsentToggle({ marketing, wording, onSaved }: MarketingConsentToggleProps) {
  const update = useUpdateMarketingConsent();
  const toast = useToast();
  // Until the save (and the refreshed settings) land, the box shows what was asked for; if the save fails it falls
  // back to what the server holds.
  const [requested, setRequested] = useState<boolean | null>(null);
  const isChecked = requested ?? marketing.optedIn;

  return (
    <Checkbox
      label="Send me offers"
      hint={
        <>
          <span className="block">{wording.text}</span>
          <span className="mt-1 block">
            {marketing.updatedAt
              ? `Last changed ${changedAt.format(new Date(marketing.updatedAt))}.`
              : 'You have not chosen yet, so we send no offers.'}
          </span>
        </>
      }
      checked={isChecked}
      error={update.isError ? `Your choice was not saved: ${update.error.message}` : undefined}
      onChange={(event) => {
        const optedIn = event.target.checked;
        setRequested(optedIn);
        update.mutate(
          { optedIn },
          {
            onSettled: () => setRequested((current) => (current === optedIn ? null : current)),
            onSuccess: (user) => {
              onSaved(user);
              toast.show({
                title: user.marketingOptIn ? 'You will get offers by email' : 'You will get no more offers by email',
                tone: 'success',
              });
            },
          },
        );
      }}
    />
  );
}
