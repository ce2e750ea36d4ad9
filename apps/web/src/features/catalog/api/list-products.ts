import type { ZProductListResponseSchema } from '@mercato/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { STALE_TIME } from '../../../lib/query-client.js';
import { catalogKeys, type TProductListParams } from './catalog-keys.js';

/** `GET /api/products`: one page of visible products, filtered, searched and sorted. */
export function listProducts(params: TProductListParams, signal?: AbortSignal) {
  const { inStock, option, ...rest } = params;
  // `inStock=false` would mean "no filter" to a reader of the URL but is a filter to nobody: leave it out. Option
  // choices travel as one comma-separated parameter, as the contract reads them.
  return apiFetch.json<typeof ZProductListResponseSchema>('/api/products', {
    query: { ...rest, inStock: inStock ? true : undefined, option: option?.length ? option.join(',') : undefined },
    signal,
  });
}

export function productListQueryOptions(params: TProductListParams) {
  return queryOptions({
    queryKey: catalogKeys.productList(params),
    queryFn: ({ signal }) => listProducts(params, signal),
    staleTime: STALE_TIME.catalog,
  });
}

/** React hook: a product page; the previous page stays on screen (dimmed by the caller) while the next one loads. */
export function useProductList(params: TProductListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...productListQueryOptions(params), placeholderData: keepPreviousData, enabled });
}
