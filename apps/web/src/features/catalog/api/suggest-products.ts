import type { ZSuggestResponseSchema } from '@mercato/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { STALE_TIME } from '../../../lib/query-client.js';
import { catalogKeys } from './catalog-keys.js';

/** `GET /api/search/suggest`: the best few products and matching categories for what is typed so far. */
export function suggestProducts(q: string, signal?: AbortSignal) {
  return apiFetch.json<typeof ZSuggestResponseSchema>('/api/search/suggest', { query: { q }, signal });
}

export function suggestionsQueryOptions(q: string) {
  return queryOptions({
    queryKey: catalogKeys.suggestions(q),
    queryFn: ({ signal }) => suggestProducts(q, signal),
    staleTime: STALE_TIME.catalog,
  });
}

/** React hook: suggestions for `q` (nothing is fetched for an empty one); the last list stays while the next loads. */
export function useSuggestions(q: string) {
  return useQuery({ ...suggestionsQueryOptions(q), enabled: q.length > 0, placeholderData: keepPreviousData });
}
