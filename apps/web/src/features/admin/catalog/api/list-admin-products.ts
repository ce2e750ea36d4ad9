import { ZAdminProductListResponseSchema } from '@mercato/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { ADMIN_PAGE_SIZE, type AdminProductsState } from '../lib/admin-products-params.js';
import { adminCatalogKeys } from './admin-catalog-keys.js';

/** `GET /api/admin/products`: every product (any state), searched, filtered by status, paged. */
export function listAdminProducts(state: AdminProductsState, signal?: AbortSignal) {
  return apiFetch('/api/admin/products', {
    schema: ZAdminProductListResponseSchema,
    query: { q: state.q || undefined, status: state.status, page: state.page, pageSize: ADMIN_PAGE_SIZE },
    signal,
  });
}

export function adminProductsQueryOptions(state: AdminProductsState) {
  return queryOptions({
    queryKey: adminCatalogKeys.productList(state),
    queryFn: ({ signal }) => listAdminProducts(state, signal),
  });
}

/** React hook: one page of the admin products table; the previous page stays while the next loads. */
export function useAdminProducts(state: AdminProductsState) {
  return useQuery({ ...adminProductsQueryOptions(state), placeholderData: keepPreviousData });
}
