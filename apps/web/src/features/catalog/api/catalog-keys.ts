import type { TProductListQuery } from '@mercato/shared';
import { CATALOG_QUERY_ROOT } from '../../../lib/catalog-query-keys.js';

export type TProductListParams = Partial<TProductListQuery>;

/** Query keys of the storefront catalog; everything sits under CATALOG_QUERY_ROOT so one invalidation refreshes all. */
export const catalogKeys = {
  all: CATALOG_QUERY_ROOT,
  productLists: () => [...CATALOG_QUERY_ROOT, 'products', 'list'] as const,
  productList: (params: TProductListParams) => [...CATALOG_QUERY_ROOT, 'products', 'list', params] as const,
  featured: () => [...CATALOG_QUERY_ROOT, 'products', 'featured'] as const,
  product: (slug: string) => [...CATALOG_QUERY_ROOT, 'products', 'detail', slug] as const,
  related: (slug: string) => [...CATALOG_QUERY_ROOT, 'products', 'related', slug] as const,
  categories: () => [...CATALOG_QUERY_ROOT, 'categories'] as const,
};
