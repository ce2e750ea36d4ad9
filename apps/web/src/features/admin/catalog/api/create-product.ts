import { ZAdminProductSchema, type TProductInput } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminCatalogKeys, invalidateAfterProductWrite } from './admin-catalog-keys.js';

/** `POST /api/admin/products` → 201 with the new product. */
export function createProduct(input: TProductInput) {
  return apiFetch('/api/admin/products', { method: 'POST', body: input, schema: ZAdminProductSchema });
}

/** React hook: creates a product, primes its detail query and refreshes every list that could show it. */
export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProduct,
    onSuccess: (product) => {
      queryClient.setQueryData(adminCatalogKeys.product(product.id), product);
      return invalidateAfterProductWrite(queryClient);
    },
  });
}
