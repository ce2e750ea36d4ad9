import type { TAdminProduct, TPageInfo } from '@mercato/shared';
import type { QueryClient } from '@tanstack/react-query';
import { adminCatalogKeys } from './admin-catalog-keys.js';

type TProductPage = { items: TAdminProduct[]; pageInfo: TPageInfo };

/**
 * Optimistic update: writes `change` into every cached admin products page that shows the product, and returns the
 * function that puts the previous pages back (called when the server says no).
 */
export async function patchCachedProducts(
  queryClient: QueryClient,
  id: string,
  change: Partial<TAdminProduct>,
): Promise<() => void> {
  const filters = { queryKey: adminCatalogKeys.productLists() };
  // A refetch already in flight would land after this edit and overwrite it with the old value.
  await queryClient.cancelQueries(filters);
  const previous = queryClient.getQueriesData<TProductPage>(filters);
  queryClient.setQueriesData<TProductPage>(filters, (page) =>
    page ? { ...page, items: page.items.map((item) => (item.id === id ? { ...item, ...change } : item)) } : page,
  );
  return () => {
    for (const [key, page] of previous) queryClient.setQueryData(key, page);
  };
}
