import { ZEraseResultSchema, type TEraseResult } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminUserKeys } from './list-admin-users.js';

export interface EraseAdminUserInput {
  id: string;
  /** Why (a request by email, say): kept in the audit log. */
  reason: string;
}

/**
 * `POST /api/admin/users/:id/erase`: deletes the account and anonymises its orders. Refused for one's own account
 * (403: that is done from the account's Privacy page) and for the shop's only admin (409 `LAST_ADMIN`).
 */
export function eraseAdminUser({ id, reason }: EraseAdminUserInput): Promise<TEraseResult> {
  return apiFetch(`/api/admin/users/${encodeURIComponent(id)}/erase`, {
    method: 'POST',
    body: { reason },
    schema: ZEraseResultSchema,
  });
}

export function useEraseAdminUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: eraseAdminUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminUserKeys.all }),
  });
}
