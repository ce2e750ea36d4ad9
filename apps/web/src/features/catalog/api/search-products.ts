import type { ZSearchResponseSchema } from '@mercato/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { STALE_TIME } from '../../../lib/query-client.js';
import { catalogKeys, type TSearchParams } from './catalog-keys.js';

/** `GET /api/search`: one ranked page of results with facet counts and, when nothing matched, a correction. */
export function searchProducts(params: TSearchParams, signal?: AbortSignal) {
  const { category, price, inStock, option, ...rest } = params;
  return apiFetch.json<typeof ZSearchResponseSchema>('/api/search', {
    query: {
      ...rest,
      // Several values of one facet travel as one comma-separated parameter, as the contract reads them.
      category: category?.length ? category.join(',') : undefined,
      price: price?.length ? price.join(',') : undefined,
      inStock: inStock ? true : undefined,
      option: option?.length ? option.join(',') : undefined,
    },
    signal,
  });
}

export function searchQueryOptions(params: TSearchParams) {
  return queryOptions({
    queryKey: catalogKeys.search(params),
    queryFn: ({ signal }) => searchProducts(params, signal),
    staleTime: STALE_TIME.catalog,
  });
}

/** React hook: a page of search results; the previous page stays on screen (dimmed by the caller) while the next loads. */
export function useSearchResults(params: TSearchParams) {
  return useQuery({ ...searchQueryOptions(params), placeholderData: keepPreviousData });
}
