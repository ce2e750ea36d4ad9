import { zodResolver } from '@hookform/resolvers/zod';
import { ZAdminEraseUserRequestSchema, type TAdminUser, type TEraseResult } from '@mercato/shared';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../../components/ui/button.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { Textarea } from '../../../../components/ui/textarea.js';
import { applyApiErrorToForm } from '../../../../lib/form-errors.js';
import { useEraseAdminUser } from '../api/erase-admin-user.js';

type TReasonFields = z.input<typeof ZAdminEraseUserRequestSchema>;

export interface EraseUserDialogProps {
  /** The account to erase; the dialog is open while there is one. */
  user: TAdminUser | null;
  onClose: () => void;
  onErased: (user: TAdminUser, result: TEraseResult) => void;
}

/** "Erase Ada?": what erasure deletes and keeps, and the reason the audit log records (required). */
export function EraseUserDialog({ user, onClose, onErased }: EraseUserDialogProps) {
  const who = user ? user.name || user.email : '';
  return (
    <Dialog
      open={user !== null}
      onClose={onClose}
      size="md"
      title={`Erase ${who}?`}
      description={
        user
          ? `${user.email} loses the account, every sign-in, the cart, notifications, personal codes, marketing choices and the emails sent to them. Their orders stay for the accounts, without name, email, address or phone. This cannot be undone.`
          : undefined
      }
    >
      {/* Keyed by user: each opening starts with an empty reason and no old errors. */}
      {user && <EraseUserForm key={user.id} user={user} onCancel={onClose} onErased={onErased} />}
    </Dialog>
  );
}

function EraseUserForm({
  user,
  onCancel,
  onErased,
}: {
  user: TAdminUser;
  onCancel: () => void;
  onErased: EraseUserDialogProps['onErased'];
}) {
  const formId = useId();
  const erase = useEraseAdminUser();
  const form = useForm<TReasonFields, unknown, z.output<typeof ZAdminEraseUserRequestSchema>>({
    resolver: zodResolver(ZAdminEraseUserRequestSchema),
    defaultValues: { reason: '' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    erase.mutate(
      { id: user.id, reason: values.reason },
      {
        onSuccess: (result) => onErased(user, result),
        onError: (error) => applyApiErrorToForm(error, form.setError, { fields: ['reason'] }),
      },
    ),
  );

  return (
    <>
      <form id={formId} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {errors.root?.server?.message && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm font-medium text-red-800">
            {errors.root.server.message}
          </p>
        )}
        <Textarea
          label="Reason"
          hint="Kept in the audit log, for example “Asked by email on 3 March”."
          rows={3}
          required
          error={errors.reason?.message}
          {...form.register('reason')}
        />
      </form>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" form={formId} variant="danger" isLoading={erase.isPending}>
          Erase user
        </Button>
      </div>
    </>
  );
}
