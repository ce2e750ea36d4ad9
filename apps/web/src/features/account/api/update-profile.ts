import { ZUserSchema, type TUser } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

/** `PATCH /api/auth/me`: changes the display name. */
export function updateProfile(body: { name: string }): Promise<TUser> {
  return apiFetch('/api/auth/me', { method: 'PATCH', body, schema: ZUserSchema });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (user) => queryClient.setQueryData(accountQueryKeys.me, user),
  });
}
