import { ZUserSchema, type TUser } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

/** `PUT /api/account/marketing`: opts in or out of offers by email; the API records the wording shown with it. */
export function updateMarketingConsent(body: { optedIn: boolean }): Promise<TUser> {
  return apiFetch('/api/account/marketing', { method: 'PUT', body, schema: ZUserSchema });
}

export function useUpdateMarketingConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMarketingConsent,
    onSuccess: (user) => {
      queryClient.setQueryData(accountQueryKeys.me, user);
      // The settings carry when the choice was made, which only the server knows.
      return queryClient.invalidateQueries({ queryKey: accountQueryKeys.privacy });
    },
  });
}
