import { zodResolver } from '@hookform/resolvers/zod';
import { ZForgotPasswordRequestSchema } from '@mercato/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { useRequestPasswordReset } from '../api/request-password-reset.js';
import { AuthLayout, TEXT_LINK } from './auth-layout.js';
import { DevOutboxHint } from './dev-outbox-hint.js';
import { FormAlert } from './form-alert.js';
import { StatusPanel } from './status-panel.js';

type TForgotFields = z.input<typeof ZForgotPasswordRequestSchema>;

/** `/forgot-password`: emails a reset link. Says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<TForgotFields, unknown, z.output<typeof ZForgotPasswordRequestSchema>>({
    resolver: zodResolver(ZForgotPasswordRequestSchema),
    defaultValues: { email: '' },
  });
  const request = useRequestPasswordReset();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(({ email }) =>
    request.mutate(email, {
      onSuccess: () => setSentTo(email),
      onError: (error) => applyApiErrorToForm(error, form.setError, { fields: ['email'] }),
    }),
  );

  return (
    <AuthLayout
      title="Reset your password"
      description={sentTo === null ? 'Enter the email you signed up with and we will send you a link.' : undefined}
      footer={
        <p>
          Remembered it?{' '}
          <Link to="/login" className={TEXT_LINK}>
            Sign in
          </Link>
        </p>
      }
    >
      {sentTo === null ? (
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
          <FormAlert message={errors.root?.server?.message} />
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
          <Button type="submit" size="lg" isLoading={request.isPending}>
            Send reset link
          </Button>
        </form>
      ) : (
        <StatusPanel title="Check your email">
          <p>
            If <strong className="break-all text-slate-900">{sentTo}</strong> has an account, a link to choose a new
            password is on its way. It works once, for 30 minutes.
          </p>
          <DevOutboxHint />
        </StatusPanel>
      )}
    </AuthLayout>
  );
}
