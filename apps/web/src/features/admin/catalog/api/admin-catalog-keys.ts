import type { QueryClient } from '@tanstack/react-query';
import { CATALOG_QUERY_ROOT } from '../../../../lib/catalog-query-keys.js';
import type { AdminProductsState } from '../lib/admin-products-params.js';

const ROOT = ['admin', 'catalog'] as const;

/** Query keys of the admin catalog screens. */
export const adminCatalogKeys = {
  all: ROOT,
  productLists: () => [...ROOT, 'products', 'list'] as const,
  productList: (state: AdminProductsState) => [...ROOT, 'products', 'list', state] as const,
  product: (id: string) => [...ROOT, 'products', 'detail', id] as const,
  categories: () => [...ROOT, 'categories'] as const,
};

/**
 * After any product write: the admin lists and that product, the category counts, and every storefront catalog query
 * (prices, stock and listings the shopper side of this tab may have cached).
 */
export function invalidateAfterProductWrite(queryClient: QueryClient, productId?: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: adminCatalogKeys.productLists() }),
    productId ? queryClient.invalidateQueries({ queryKey: adminCatalogKeys.product(productId) }) : undefined,
    queryClient.invalidateQueries({ queryKey: adminCatalogKeys.categories() }),
    queryClient.invalidateQueries({ queryKey: CATALOG_QUERY_ROOT }),
  ]);
}

/** After any category write: categories, product lists and details (they show category names) and the storefront. */
export function invalidateAfterCategoryWrite(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: adminCatalogKeys.categories() }),
    queryClient.invalidateQueries({ queryKey: [...ROOT, 'products'] }),
    queryClient.invalidateQueries({ queryKey: CATALOG_QUERY_ROOT }),
  ]);
}
