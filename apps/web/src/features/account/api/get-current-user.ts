import { ZUserSchema, type TUser } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

/** `GET /api/auth/me`: the signed-in user's profile. */
export function getCurrentUser(signal?: AbortSignal): Promise<TUser> {
  return apiFetch('/api/auth/me', { schema: ZUserSchema, signal });
}

export function currentUserQueryOptions() {
  return queryOptions({ queryKey: accountQueryKeys.me, queryFn: ({ signal }) => getCurrentUser(signal) });
}

export function useCurrentUser() {
  return useQuery(currentUserQueryOptions());
}
