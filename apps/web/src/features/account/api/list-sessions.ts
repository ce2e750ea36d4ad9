import { ZSessionListResponseSchema, type TSession } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

/** `GET /api/auth/sessions`: the devices signed in to this account. */
export async function listSessions(signal?: AbortSignal): Promise<TSession[]> {
  const response = await apiFetch('/api/auth/sessions', { schema: ZSessionListResponseSchema, signal });
  return response.items;
}

export function sessionsQueryOptions() {
  return queryOptions({ queryKey: accountQueryKeys.sessions, queryFn: ({ signal }) => listSessions(signal) });
}

export function useSessions() {
  return useQuery(sessionsQueryOptions());
}
