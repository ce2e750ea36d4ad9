import { ZAdminProductSchema, type TProductVariantsInput } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminCatalogKeys, invalidateAfterProductWrite } from './admin-catalog-keys.js';

/** `PUT /api/admin/products/:id/variants`: the whole set of options and variants (400 names the cell at fault). */
export function saveProductVariants(id: string, input: TProductVariantsInput) {
  return apiFetch(`/api/admin/products/${encodeURIComponent(id)}/variants`, {
    method: 'PUT',
    body: input,
    schema: ZAdminProductSchema,
  });
}

/** React hook: saves the variant table; the edit page and listings refresh. */
export function useSaveProductVariants() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TProductVariantsInput }) => saveProductVariants(id, input),
    onSuccess: (product) => queryClient.setQueryData(adminCatalogKeys.product(product.id), product),
    onSettled: (_data, _error, { id }) => invalidateAfterProductWrite(queryClient, id),
  });
}
