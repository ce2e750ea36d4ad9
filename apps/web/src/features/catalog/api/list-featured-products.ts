import type { ZProductItemsResponseSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { STALE_TIME } from '../../../lib/query-client.js';
import { catalogKeys } from './catalog-keys.js';

/** `GET /api/products/featured`: the products the shop highlights on the home page. */
export function listFeaturedProducts(signal?: AbortSignal) {
  return apiFetch.json<typeof ZProductItemsResponseSchema>('/api/products/featured', { signal });
}

export function featuredProductsQueryOptions() {
  return queryOptions({
    queryKey: catalogKeys.featured(),
    queryFn: ({ signal }) => listFeaturedProducts(signal),
    staleTime: STALE_TIME.catalog,
  });
}

/** React hook: featured products. */
export function useFeaturedProducts() {
  return useQuery(featuredProductsQueryOptions());
}
