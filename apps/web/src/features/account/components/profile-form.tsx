import { zodResolver } from '@hookform/resolvers/zod';
import { ZUpdateProfileRequestSchema, type TUser } from '@mercato/shared';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useToast } from '../../../components/ui/toast-context.js';
import { applyApiErrorToForm } from '../../../lib/form-errors.js';
import { useCurrentUser } from '../api/get-current-user.js';
import { useUpdateProfile } from '../api/update-profile.js';
import { LoadError } from './load-error.js';

type TProfileFields = z.input<typeof ZUpdateProfileRequestSchema>;

/** Name (editable) and email (read-only) of the signed-in user, from `GET /api/auth/me`. */
export function ProfileForm({ onUpdated }: { onUpdated: (user: TUser) => void }) {
  const me = useCurrentUser();
  if (me.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-4">
        <Skeleton className="h-5 w-48" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-32" />
      </div>
    );
  }
  if (me.isError) return <LoadError message={me.error.message} onRetry={() => void me.refetch()} />;
  return <ProfileFields user={me.data} onUpdated={onUpdated} />;
}

function ProfileFields({ user, onUpdated }: { user: TUser; onUpdated: (user: TUser) => void }) {
  const toast = useToast();
  const form = useForm<TProfileFields, unknown, z.output<typeof ZUpdateProfileRequestSchema>>({
    resolver: zodResolver(ZUpdateProfileRequestSchema),
    defaultValues: { name: user.name },
  });
  const update = useUpdateProfile();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    update.mutate(values, {
      onSuccess: (saved) => {
        form.reset({ name: saved.name });
        onUpdated(saved);
        toast.show({ title: 'Profile saved', tone: 'success' });
      },
      onError: (error) => applyApiErrorToForm(error, form.setError, { fields: ['name'] }),
    }),
  );

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <dl className="flex flex-col gap-1 text-sm">
        <dt className="font-medium text-slate-800">Email</dt>
        <dd className="break-all text-slate-700">{user.email}</dd>
      </dl>
      {errors.root?.server?.message && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errors.root.server.message}
        </p>
      )}
      <Input label="Name" autoComplete="name" required error={errors.name?.message} {...form.register('name')} />
      <Button type="submit" className="self-start" isLoading={update.isPending}>
        Save changes
      </Button>
    </form>
  );
}
