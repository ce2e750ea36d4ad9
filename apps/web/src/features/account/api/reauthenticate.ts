import { ZReauthenticateResponseSchema, type TPrivacySettings } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

export type TReauthenticateResponse = z.infer<typeof ZReauthenticateResponseSchema>;

/**
 * `POST /api/account/reauthenticate`: the password again, which opens a short window for the data export. A wrong
 * password is a field error on `body.password`; repeated failures are `RATE_LIMITED`, as at sign-in.
 */
export function reauthenticate(body: { password: string }): Promise<TReauthenticateResponse> {
  return apiFetch('/api/account/reauthenticate', { method: 'POST', body, schema: ZReauthenticateResponseSchema });
}

export function useReauthenticate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reauthenticate,
    onSuccess: ({ validUntil }) =>
      queryClient.setQueryData<TPrivacySettings>(
        accountQueryKeys.privacy,
        (settings) => settings && { ...settings, exportAllowedUntil: validUntil },
      ),
  });
}
