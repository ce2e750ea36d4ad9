import type { ZHealthResponseSchema, THealthResponse } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';

// The pattern every endpoint follows, one file each: fetcher (contract from @mercato/shared), query key,
// query options (reusable for prefetching), hook.

/** `GET /api/health`: the API process answers. */
export function getHealth(signal?: AbortSignal): Promise<THealthResponse> {
  return apiFetch.json<typeof ZHealthResponseSchema>('/api/health', { signal });
}

export const healthQueryKey = ['system', 'health'] as const;

/** Query options for the health check, e.g. `queryClient.prefetchQuery(healthQueryOptions())`. */
export function healthQueryOptions() {
  return queryOptions({
    queryKey: healthQueryKey,
    queryFn: ({ signal }) => getHealth(signal),
    staleTime: 60_000,
    retry: 1,
  });
}

/** React hook: API health, re-checked every minute while shown. */
export function useHealth() {
  return useQuery({ ...healthQueryOptions(), refetchInterval: 60_000 });
}
