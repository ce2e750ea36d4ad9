import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

// The API declares this response inline (routes-account.ts); a named shared schema would be better.
const ZRevokedSessionsSchema = z.object({ revoked: z.number().int() });

/** `DELETE /api/auth/sessions`: signs out every other device; this one stays. Resolves how many were signed out. */
export function revokeOtherSessions(): Promise<{ revoked: number }> {
  return apiFetch('/api/auth/sessions', { method: 'DELETE', schema: ZRevokedSessionsSchema });
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeOtherSessions,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountQueryKeys.sessions }),
  });
}
