import type { ZCategoryListResponseSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { STALE_TIME } from '../../../lib/query-client.js';
import { catalogKeys } from './catalog-keys.js';

/** `GET /api/categories`: every category, in the shop's order, with its product count. */
export function listCategories(signal?: AbortSignal) {
  return apiFetch.json<typeof ZCategoryListResponseSchema>('/api/categories', { signal });
}

export function categoriesQueryOptions() {
  return queryOptions({
    queryKey: catalogKeys.categories(),
    queryFn: ({ signal }) => listCategories(signal),
    staleTime: STALE_TIME.catalog,
  });
}

/** React hook: all categories (the home grid and the category page read the same cached list). */
export function useCategories() {
  return useQuery(categoriesQueryOptions());
}
