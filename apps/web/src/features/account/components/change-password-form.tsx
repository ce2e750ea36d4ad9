import { zodResolver } from '@hookform/resolvers/zod';
import { ZChangePasswordRequestSchema } from '@mercato/shared';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { useToast } from '../../../components/ui/toast-context.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { useChangePassword } from '../api/change-password.js';

type TPasswordFields = z.input<typeof ZChangePasswordRequestSchema>;

/** Current + new password. On success this device stays signed in and every other one is signed out. */
export function ChangePasswordForm() {
  const toast = useToast();
  const form = useForm<TPasswordFields, unknown, z.output<typeof ZChangePasswordRequestSchema>>({
    resolver: zodResolver(ZChangePasswordRequestSchema),
    defaultValues: { currentPassword: '', newPassword: '' },
  });
  const change = useChangePassword();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    change.mutate(values, {
      onSuccess: () => {
        form.reset();
        toast.show({
          title: 'Password changed',
          description: 'Every other device has been signed out.',
          tone: 'success',
        });
      },
      onError: (error) => applyApiErrorToForm(error, form.setError, { fields: ['currentPassword', 'newPassword'] }),
    }),
  );

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {errors.root?.server?.message && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errors.root.server.message}
        </p>
      )}
      <PasswordInput
        label="Current password"
        autoComplete="current-password"
        required
        error={errors.currentPassword?.message}
        {...form.register('currentPassword')}
      />
      <PasswordInput
        label="New password"
        autoComplete="new-password"
        hint="At least 8 characters."
        required
        error={errors.newPassword?.message}
        {...form.register('newPassword')}
      />
      <Button type="submit" className="self-start" isLoading={change.isPending}>
        Change password
      </Button>
    </form>
  );
}
