import type { TProductListQuery, TSearchSort } from '@mercato/shared';
import { CATALOG_QUERY_ROOT } from '../../../lib/catalog-query-keys.js';

/** What a listing asks `GET /api/products` for; option choices as `Name:Value` strings, as the URL carries them. */
export type TProductListParams = Partial<Omit<TProductListQuery, 'option'>> & { option?: string[] };

/** What the search page asks `GET /api/search` for (facet selections as lists). */
export interface TSearchParams {
  q: string;
  category?: string[];
  price?: string[];
  inStock?: boolean;
  option?: string[];
  sort: TSearchSort;
  page: number;
  pageSize: number;
}

/** Query keys of the storefront catalog; everything sits under CATALOG_QUERY_ROOT so one invalidation refreshes all. */
export const catalogKeys = {
  all: CATALOG_QUERY_ROOT,
  productLists: () => [...CATALOG_QUERY_ROOT, 'products', 'list'] as const,
  productList: (params: TProductListParams) => [...CATALOG_QUERY_ROOT, 'products', 'list', params] as const,
  featured: () => [...CATALOG_QUERY_ROOT, 'products', 'featured'] as const,
  product: (slug: string) => [...CATALOG_QUERY_ROOT, 'products', 'detail', slug] as const,
  related: (slug: string) => [...CATALOG_QUERY_ROOT, 'products', 'related', slug] as const,
  categories: () => [...CATALOG_QUERY_ROOT, 'categories'] as const,
  search: (params: TSearchParams) => [...CATALOG_QUERY_ROOT, 'search', params] as const,
  suggestions: (q: string) => [...CATALOG_QUERY_ROOT, 'suggest', q] as const,
};
