import { zodResolver } from '@hookform/resolvers/zod';
import { ZReauthenticateRequestSchema } from '@mercato/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { RateLimitAlert } from '../../../components/ui/rate-limit-alert.js';
import { useRateLimit } from '../../../hooks/use-rate-limit.js';
import { ApiError } from '../../../lib/api-error.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { useDownloadAccountExport } from '../api/download-account-export.js';
import { useReauthenticate } from '../api/reauthenticate.js';
import { saveFile } from '../utils/save-file.js';

type TPasswordFields = z.input<typeof ZReauthenticateRequestSchema>;

/**
 * "Download my data". The export needs the password entered in the last few minutes: when the settings say it is
 * not (or the API answers `REAUTHENTICATION_REQUIRED` because the window closed meanwhile), the password is asked
 * first; then the file is fetched with the app's client and saved under the name the API gives it.
 */
export function DataExportForm({ needsPassword }: { needsPassword: boolean }) {
  const [hasWindowClosed, setHasWindowClosed] = useState(false);
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const askPassword = needsPassword || hasWindowClosed;
  const form = useForm<TPasswordFields, unknown, z.output<typeof ZReauthenticateRequestSchema>>({
    resolver: zodResolver(ZReauthenticateRequestSchema),
    defaultValues: { password: '' },
  });
  const reauthenticate = useReauthenticate();
  const download = useDownloadAccountExport();
  const rateLimit = useRateLimit();
  const submitRef = useRef<HTMLButtonElement>(null);
  const askedBefore = useRef(askPassword);
  const { errors } = form.formState;
  const { setFocus } = form;

  useEffect(() => {
    // Focus follows the form as it changes shape: to the password when it is asked for, back to the button after.
    if (askedBefore.current === askPassword) return;
    askedBefore.current = askPassword;
    if (askPassword) setFocus('password');
    else submitRef.current?.focus();
  }, [askPassword, setFocus]);

  async function downloadAndSave(): Promise<void> {
    try {
      const file = await download.mutateAsync();
      saveFile(file.blob, file.filename);
      setSavedAs(file.filename);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'REAUTHENTICATION_REQUIRED') {
        setHasWindowClosed(true);
        form.setError('root.server', { type: error.code, message: error.message });
      } else if (!rateLimit.capture(error)) {
        applyApiErrorToForm(error, form.setError, { fields: [] });
      }
    }
  }

  const confirmAndDownload = form.handleSubmit(async ({ password }) => {
    try {
      await reauthenticate.mutateAsync({ password });
    } catch (error) {
      if (!rateLimit.capture(error)) applyApiErrorToForm(error, form.setError, { fields: ['password'] });
      return;
    }
    form.reset({ password: '' });
    setHasWindowClosed(false);
    await downloadAndSave();
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    rateLimit.clear();
    setSavedAs(null);
    if (askPassword) {
      void confirmAndDownload(event);
      return;
    }
    // Without the password field there is nothing to validate: straight to the download.
    event.preventDefault();
    form.clearErrors();
    void downloadAndSave();
  }

  const isBusy = reauthenticate.isPending || download.isPending;
  return (
    <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-5">
      {rateLimit.message !== null ? (
        <RateLimitAlert message={rateLimit.message} secondsLeft={rateLimit.secondsLeft} />
      ) : (
        errors.root?.server?.message && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {errors.root.server.message}
          </p>
        )
      )}
      {askPassword && (
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          hint="For your safety, enter your password again before downloading your data."
          required
          error={errors.password?.message}
          {...form.register('password')}
        />
      )}
      <Button ref={submitRef} type="submit" className="self-start" isLoading={isBusy} disabled={rateLimit.isWaiting}>
        {askPassword ? 'Confirm and download' : 'Download my data'}
      </Button>
      <p role="status" className="text-sm text-slate-700">
        {savedAs && `Your data was saved as ${savedAs}: look in your downloads.`}
      </p>
    </form>
  );
}
