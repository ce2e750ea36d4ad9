import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { RateLimitAlert } from '../../../components/ui/rate-limit-alert.js';
import { useToast } from '../../../components/ui/toast-context.js';
import { useRateLimit } from '../../../hooks/use-rate-limit.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { useEraseAccount } from '../api/erase-account.js';
import {
  DELETE_CONFIRMATION,
  EMPTY_DELETE_ACCOUNT_FORM,
  toEraseAccountRequest,
  ZDeleteAccountFormSchema,
  type TDeleteAccountFormValues,
} from '../utils/delete-account-form.js';

/**
 * Typed confirmation and password, then the erase. Once it is done the server has ended every session: this page
 * is left for the home page first (it needs a signed-in user), then the session is forgotten here.
 */
export function DeleteAccountForm({ onErased }: { onErased: () => void }) {
  const form = useForm<TDeleteAccountFormValues, unknown, z.output<typeof ZDeleteAccountFormSchema>>({
    resolver: zodResolver(ZDeleteAccountFormSchema),
    defaultValues: EMPTY_DELETE_ACCOUNT_FORM,
  });
  const erase = useEraseAccount();
  const rateLimit = useRateLimit();
  const navigate = useNavigate();
  const toast = useToast();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    rateLimit.clear();
    erase.mutate(toEraseAccountRequest(values), {
      onSuccess: async () => {
        // Committed at once (not as a transition): the signed-out session must not reach this page's route guard,
        // which would send the visitor to sign in instead.
        await navigate('/', { flushSync: true });
        onErased();
        toast.show({
          title: 'Your account was deleted',
          description: 'You are signed out on every device. Thank you for shopping with us.',
          tone: 'success',
        });
      },
      onError: (error) => {
        if (!rateLimit.capture(error)) applyApiErrorToForm(error, form.setError, { fields: ['password'] });
      },
    });
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-md flex-col gap-5">
      {rateLimit.message !== null ? (
        <RateLimitAlert message={rateLimit.message} secondsLeft={rateLimit.secondsLeft} />
      ) : (
        errors.root?.server?.message && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {errors.root.server.message}
          </p>
        )
      )}
      <Input
        label={`Type ${DELETE_CONFIRMATION} to confirm`}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        error={errors.confirmation?.message}
        {...form.register('confirmation')}
      />
      <PasswordInput
        label="Your password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...form.register('password')}
      />
      <Button
        type="submit"
        variant="danger"
        className="self-start"
        isLoading={erase.isPending}
        disabled={rateLimit.isWaiting}
      >
        Delete my account
      </Button>
    </form>
  );
}
