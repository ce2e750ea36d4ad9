import { ZAdminProductSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminCatalogKeys } from './admin-catalog-keys.js';

/** `GET /api/admin/products/:id`: one product with its admin-only fields. */
export function getAdminProduct(id: string, signal?: AbortSignal) {
  return apiFetch(`/api/admin/products/${encodeURIComponent(id)}`, { schema: ZAdminProductSchema, signal });
}

export function adminProductQueryOptions(id: string) {
  return queryOptions({ queryKey: adminCatalogKeys.product(id), queryFn: ({ signal }) => getAdminProduct(id, signal) });
}

/** React hook: the product being edited. */
export function useAdminProduct(id: string) {
  return useQuery(adminProductQueryOptions(id));
}
