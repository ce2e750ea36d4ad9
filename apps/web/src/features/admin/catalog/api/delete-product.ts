import { ZDeleteResultSchema } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { invalidateAfterProductWrite } from './admin-catalog-keys.js';

/** `DELETE /api/admin/products/:id` → `deleted`, or `archived` when orders reference the product. */
export function deleteProduct(id: string) {
  return apiFetch(`/api/admin/products/${encodeURIComponent(id)}`, { method: 'DELETE', schema: ZDeleteResultSchema });
}

/** React hook: deletes (or archives) a product and refreshes every list and storefront page. */
export function useDeleteProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProduct,
    // A deleted product's own query is left alone: refetching it while its page is still open would only 404.
    onSuccess: (result, id) => invalidateAfterProductWrite(queryClient, result.result === 'archived' ? id : undefined),
  });
}
