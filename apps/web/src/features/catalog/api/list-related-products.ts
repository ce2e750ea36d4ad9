import type { ZProductItemsResponseSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { STALE_TIME } from '../../../lib/query-client.js';
import { catalogKeys } from './catalog-keys.js';

/** `GET /api/products/:slug/related`: same-category products, topped up with featured ones. */
export function listRelatedProducts(slug: string, signal?: AbortSignal) {
  return apiFetch.json<typeof ZProductItemsResponseSchema>(`/api/products/${encodeURIComponent(slug)}/related`, {
    signal,
  });
}

export function relatedProductsQueryOptions(slug: string) {
  return queryOptions({
    queryKey: catalogKeys.related(slug),
    queryFn: ({ signal }) => listRelatedProducts(slug, signal),
    staleTime: STALE_TIME.catalog,
  });
}

/** React hook: products related to the one on screen. */
export function useRelatedProducts(slug: string) {
  return useQuery(relatedProductsQueryOptions(slug));
}
