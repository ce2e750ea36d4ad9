import { zodResolver } from '@hookform/resolvers/zod';
import { MARKETING_WORDING, ZSignupRequestSchema } from '@mercato/shared';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button.js';
import { Checkbox } from '../../../components/ui/checkbox.js';
import { Input } from '../../../components/ui/input.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { RateLimitAlert } from '../../../components/ui/rate-limit-alert.js';
import { useRateLimit } from '../../../hooks/use-rate-limit.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { useSignUp } from '../api/sign-up.js';
import { FormAlert } from './form-alert.js';

type TSignupFields = z.input<typeof ZSignupRequestSchema>;

/**
 * Name, email, password and an optional, unticked marketing choice (its wording is versioned: the API records which
 * words were shown). The API answers the same for new and known emails; the email tells the owner which.
 */
export function SignupForm({ onSent }: { onSent: (email: string) => void }) {
  const form = useForm<TSignupFields, unknown, z.output<typeof ZSignupRequestSchema>>({
    resolver: zodResolver(ZSignupRequestSchema),
    defaultValues: { name: '', email: '', password: '', marketingOptIn: false },
  });
  const signUp = useSignUp();
  const { errors } = form.formState;
  const rateLimit = useRateLimit();

  const onSubmit = form.handleSubmit((values) => {
    rateLimit.clear();
    signUp.mutate(values, {
      onSuccess: (response) => onSent(response.email),
      onError: (error) => {
        if (!rateLimit.capture(error))
          applyApiErrorToForm(error, form.setError, { fields: ['name', 'email', 'password', 'marketingOptIn'] });
      },
    });
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {rateLimit.message !== null ? (
        <RateLimitAlert message={rateLimit.message} secondsLeft={rateLimit.secondsLeft} />
      ) : (
        <FormAlert message={errors.root?.server?.message} />
      )}
      <Input label="Name" autoComplete="name" required error={errors.name?.message} {...form.register('name')} />
      <Input
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="off"
        spellCheck={false}
        required
        error={errors.email?.message}
        {...form.register('email')}
      />
      <PasswordInput
        label="Password"
        autoComplete="new-password"
        hint="At least 8 characters. A few unrelated words make a strong one."
        required
        error={errors.password?.message}
        {...form.register('password')}
      />
      <Checkbox
        label="Send me offers (optional)"
        hint={MARKETING_WORDING.text}
        error={errors.marketingOptIn?.message}
        {...form.register('marketingOptIn')}
      />
      <Button type="submit" size="lg" isLoading={signUp.isPending} disabled={rateLimit.isWaiting}>
        Create account
      </Button>
    </form>
  );
}
