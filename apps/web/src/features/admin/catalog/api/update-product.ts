import { ZAdminProductSchema, type TProductPatch } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminCatalogKeys, invalidateAfterProductWrite } from './admin-catalog-keys.js';

/** `PATCH /api/admin/products/:id`: changes only the fields sent (`images` replaces the ordered list). */
export function updateProduct(id: string, patch: TProductPatch) {
  return apiFetch(`/api/admin/products/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: patch,
    schema: ZAdminProductSchema,
  });
}

/** React hook: saves the edit form; the detail query gets the answer at once, lists and storefront refetch. */
export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TProductPatch }) => updateProduct(id, patch),
    onSuccess: (product) => {
      queryClient.setQueryData(adminCatalogKeys.product(product.id), product);
      return invalidateAfterProductWrite(queryClient);
    },
  });
}
