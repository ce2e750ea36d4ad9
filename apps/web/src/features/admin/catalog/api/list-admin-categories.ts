import { ZCategoryListResponseSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminCatalogKeys } from './admin-catalog-keys.js';

/** `GET /api/admin/categories`: all categories with product counts. */
export function listAdminCategories(signal?: AbortSignal) {
  return apiFetch('/api/admin/categories', { schema: ZCategoryListResponseSchema, signal });
}

export function adminCategoriesQueryOptions() {
  return queryOptions({
    queryKey: adminCatalogKeys.categories(),
    queryFn: ({ signal }) => listAdminCategories(signal),
  });
}

/** React hook: the categories table and the product form's category select. */
export function useAdminCategories() {
  return useQuery(adminCategoriesQueryOptions());
}
