import { zodResolver } from '@hookform/resolvers/zod';
import { ZResetPasswordRequestSchema } from '@mercato/shared';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { ApiError } from '../../../lib/api-error.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { useResetPassword } from '../api/reset-password.js';
import { AuthLayout, TEXT_LINK } from './auth-layout.js';
import { FormAlert } from './form-alert.js';
import { StatusPanel } from './status-panel.js';

const ZNewPasswordSchema = ZResetPasswordRequestSchema.pick({ password: true });
const PASSWORD_CHANGED = 'Your password has been changed and every device was signed out. Sign in with the new one.';

/** `/reset-password?token=…` (the link in the reset email): choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const navigate = useNavigate();
  const form = useForm<z.input<typeof ZNewPasswordSchema>, unknown, z.output<typeof ZNewPasswordSchema>>({
    resolver: zodResolver(ZNewPasswordSchema),
    defaultValues: { password: '' },
  });
  const reset = useResetPassword();
  const { errors } = form.formState;
  const isBadLink = reset.error instanceof ApiError && reset.error.code === 'TOKEN_INVALID';

  const onSubmit = form.handleSubmit(({ password }) =>
    reset.mutate(
      { token, password },
      {
        onSuccess: () => void navigate('/login', { replace: true, state: { notice: PASSWORD_CHANGED } }),
        onError: (error) => applyApiErrorToForm(error, form.setError, { fields: ['password'] }),
      },
    ),
  );

  if (!token || isBadLink) {
    return (
      <AuthLayout title="Choose a new password">
        <StatusPanel
          title="This reset link does not work"
          actions={
            <Link to="/forgot-password" className={buttonClasses()}>
              Send a new link
            </Link>
          }
        >
          <p>Reset links work once and expire after 30 minutes. Ask for a new one and use the latest email.</p>
        </StatusPanel>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <p>
          Remembered it?{' '}
          <Link to="/login" className={TEXT_LINK}>
            Sign in
          </Link>
        </p>
      }
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        <FormAlert message={errors.root?.server?.message} />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          hint="At least 8 characters. Every device will need to sign in again afterwards."
          required
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button type="submit" size="lg" isLoading={reset.isPending}>
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
