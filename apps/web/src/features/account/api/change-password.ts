import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

/** `POST /api/auth/password/change` (204): this session stays, every other one ends. */
export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  return apiFetch('/api/auth/password/change', { method: 'POST', body });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountQueryKeys.sessions }),
  });
}
