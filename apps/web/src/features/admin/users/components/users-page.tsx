import type { TAdminUser } from '@mercato/shared';
import { useState } from 'react';
import { EmptyState } from '../../../../components/ui/empty-state.js';
import { Pagination } from '../../../../components/ui/pagination.js';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { ApiError } from '../../../../lib/api-error.js';
import { toFormFieldName } from '../../../../lib/form-errors.js';
import { AdminQueryError } from '../../orders/components/admin-query-error.js';
import { useAdminUsers } from '../api/list-admin-users.js';
import { useUpdateAdminUser } from '../api/update-admin-user.js';
import { useUsersParams } from '../hooks/use-users-params.js';
import { describeErasure, describeUserAction, patchFor, type TUserAction } from '../lib/user-actions.js';
import { EraseUserDialog } from './erase-user-dialog.js';
import { UserActionDialog } from './user-action-dialog.js';
import { UsersTable } from './users-table.js';
import { UsersToolbar, type TUsersFilterErrors } from './users-toolbar.js';

/** The list query's field errors (`query.q`), keyed by filter, when the API refused the filters. */
function filterErrors(error: Error | null): TUsersFilterErrors | undefined {
  if (!(error instanceof ApiError) || error.errors.length === 0) return undefined;
  return Object.fromEntries(error.errors.map((field) => [toFormFieldName(field.path), field.message]));
}

export interface UsersPageProps {
  /** The signed-in admin (from the session, passed by `src/app`): their own account offers no actions. */
  currentUserId: string | undefined;
}

/**
 * `/admin/users`: accounts filtered by search, role and status (in the URL); promote, demote, disable, enable, and
 * erase (with a reason, on the person's request).
 */
export function UsersPage({ currentUserId }: UsersPageProps) {
  useDocumentTitle('Users · Admin');
  const [state, update] = useUsersParams();
  const users = useAdminUsers(state);
  const change = useUpdateAdminUser();
  const toast = useToast();
  const [pending, setPending] = useState<{ user: TAdminUser; action: TUserAction } | null>(null);
  const [busy, setBusy] = useState<{ id: string; action: TUserAction } | null>(null);
  const [erasing, setErasing] = useState<TAdminUser | null>(null);
  const data = users.data;
  const errors = filterErrors(users.error);

  function send(user: TAdminUser, action: TUserAction) {
    setBusy({ id: user.id, action });
    change.mutate(
      { id: user.id, patch: patchFor(action) },
      {
        onSuccess: (saved) => {
          setPending(null);
          toast.show({ title: describeUserAction(action, saved).done, tone: 'success' });
        },
        // Unconfirmed actions have no dialog to show the reason in.
        onError: (error) => {
          if (!describeUserAction(action, user).confirm)
            toast.show({ title: 'The change was not saved', description: error.message, tone: 'error' });
        },
        onSettled: () => setBusy(null),
      },
    );
  }

  function start(user: TAdminUser, action: TUserAction) {
    change.reset();
    if (describeUserAction(action, user).confirm) setPending({ user, action });
    else send(user, action);
  }

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Users</h1>
      <UsersToolbar state={state} onChange={update} errors={errors} />
      {users.isError && !data && !errors ? (
        <AdminQueryError error={users.error} onRetry={() => void users.refetch()} what="user list" />
      ) : users.isError && errors ? (
        <EmptyState title="Check the filters" description={users.error.message} />
      ) : !data ? (
        <div aria-busy="true">
          <span className="sr-only">Loading users…</span>
          <Skeleton className="h-64 w-full" />
        </div>
      ) : data.items.length === 0 ? (
        <EmptyState title="No users match" description="Try another search, role or status." />
      ) : (
        <UsersTable
          users={data.items}
          currentUserId={currentUserId}
          busy={busy}
          onAction={start}
          onErase={setErasing}
        />
      )}
      {data && (
        <Pagination
          page={data.pageInfo.page}
          pageCount={data.pageInfo.totalPages}
          onPageChange={(page) => update({ page })}
          label="User pages"
        />
      )}
      <UserActionDialog
        pending={pending}
        isSaving={change.isPending}
        error={pending ? change.error : null}
        onConfirm={() => pending && send(pending.user, pending.action)}
        onClose={() => setPending(null)}
      />
      <EraseUserDialog
        user={erasing}
        onClose={() => setErasing(null)}
        onErased={(user, result) => {
          setErasing(null);
          toast.show({
            title: `${user.name || user.email} was erased`,
            description: describeErasure(result),
            tone: 'success',
          });
        }}
      />
    </div>
  );
}
