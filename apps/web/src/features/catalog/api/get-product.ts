import type { ZProductSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { STALE_TIME } from '../../../lib/query-client.js';
import { catalogKeys } from './catalog-keys.js';

/** `GET /api/products/:slug`: one visible product with its images and attributes (404 when unknown or inactive). */
export function getProduct(slug: string, signal?: AbortSignal) {
  return apiFetch.json<typeof ZProductSchema>(`/api/products/${encodeURIComponent(slug)}`, { signal });
}

export function productQueryOptions(slug: string) {
  return queryOptions({
    queryKey: catalogKeys.product(slug),
    queryFn: ({ signal }) => getProduct(slug, signal),
    staleTime: STALE_TIME.catalog,
  });
}

/** React hook: the product shown on `/p/:slug`. */
export function useProduct(slug: string) {
  return useQuery(productQueryOptions(slug));
}
