import { zodResolver } from '@hookform/resolvers/zod';
import { ZLoginRequestSchema } from '@mercato/shared';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { RateLimitAlert } from '../../../components/ui/rate-limit-alert.js';
import { useRateLimit } from '../../../hooks/use-rate-limit.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { useLogIn } from '../api/log-in.js';
import { TEXT_LINK } from './auth-layout.js';
import { FormAlert } from './form-alert.js';

type TLoginFields = z.input<typeof ZLoginRequestSchema>;

/** Email + password. Wrong credentials, a disabled account or throttling show as one message above the fields. */
export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const form = useForm<TLoginFields, unknown, z.output<typeof ZLoginRequestSchema>>({
    resolver: zodResolver(ZLoginRequestSchema),
    defaultValues: { email: '', password: '' },
  });
  const login = useLogIn();
  const { errors } = form.formState;
  const rateLimit = useRateLimit();

  const onSubmit = form.handleSubmit((values) => {
    rateLimit.clear();
    login.mutate(values, {
      onSuccess: onSignedIn,
      onError: (error) => {
        if (!rateLimit.capture(error)) applyApiErrorToForm(error, form.setError, { fields: ['email', 'password'] });
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
      <div className="flex flex-col gap-2">
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Link to="/forgot-password" className={`self-end text-sm ${TEXT_LINK}`}>
          Forgot your password?
        </Link>
      </div>
      <Button type="submit" size="lg" isLoading={login.isPending} disabled={rateLimit.isWaiting}>
        Sign in
      </Button>
    </form>
  );
}
