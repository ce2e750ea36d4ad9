import type { TAdminUser } from '@mercato/shared';
import { Button } from '../../../../components/ui/button.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { ApiError } from '../../../../lib/api-error.js';
import { describeUserAction, type TUserAction } from '../lib/user-actions.js';

export interface UserActionDialogProps {
  /** The change waiting for confirmation; the dialog is open while there is one. */
  pending: { user: TAdminUser; action: TUserAction } | null;
  isSaving: boolean;
  /** The API's refusal of the last attempt, with its field errors. */
  error: Error | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Make Ada an admin?" and the like: what the change does to the account before it is sent. */
export function UserActionDialog({ pending, isSaving, error, onConfirm, onClose }: UserActionDialogProps) {
  const confirm = pending ? describeUserAction(pending.action, pending.user).confirm : undefined;
  const fieldErrors = error instanceof ApiError ? error.errors : [];
  return (
    <Dialog
      open={pending !== null && confirm !== undefined}
      onClose={onClose}
      size="sm"
      title={confirm?.title}
      description={confirm?.description}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant={confirm?.isDanger ? 'danger' : 'primary'} isLoading={isSaving} onClick={onConfirm}>
            {confirm?.button}
          </Button>
        </>
      }
    >
      {error && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{error.message}</p>
          {fieldErrors.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {fieldErrors.map((field) => (
                <li key={`${field.path}:${field.message}`}>
                  {field.path.replace(/^body\./, '')}: {field.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}
