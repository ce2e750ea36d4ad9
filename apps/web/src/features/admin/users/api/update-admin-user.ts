import { ZAdminUserSchema, type TAdminUser } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminUserKeys } from './list-admin-users.js';

export interface AdminUserPatch {
  id: string;
  patch: { role?: TAdminUser['role']; status?: 'active' | 'disabled' };
}

/** `PATCH /api/admin/users/:id`: a role change or (re-)enabling; either ends the user's sessions. */
export function updateAdminUser({ id, patch }: AdminUserPatch): Promise<TAdminUser> {
  return apiFetch(`/api/admin/users/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: patch,
    schema: ZAdminUserSchema,
  });
}

export function useUpdateAdminUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAdminUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminUserKeys.all }),
  });
}
