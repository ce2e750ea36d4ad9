import { ZAdminProductSchema } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../../../components/ui/toast-context.js';
import { apiFetch } from '../../../../lib/api-client.js';
import { invalidateAfterProductWrite } from './admin-catalog-keys.js';
import { patchCachedProducts } from './patch-cached-products.js';

/**
 * `PUT /api/admin/products/:id/stock {stock, expectedStock}`: the quick stock edit, refused (409) if checkouts moved
 * the stock since the table showed `expectedStock`, so a stale number never brings back units that were sold or held.
 */
export function setProductStock(id: string, stock: number, expectedStock: number) {
  return apiFetch(`/api/admin/products/${encodeURIComponent(id)}/stock`, {
    method: 'PUT',
    body: { stock, expectedStock },
    schema: ZAdminProductSchema,
  });
}

/** React hook: the table shows the new stock at once and puts the old one back (with a toast) if the save fails. */
export function useSetProductStock() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ id, stock, expectedStock }: { id: string; name: string; stock: number; expectedStock: number }) =>
      setProductStock(id, stock, expectedStock),
    onMutate: ({ id, stock }) => patchCachedProducts(queryClient, id, { stock, inStock: stock > 0 }),
    onError: (error, { name }, rollback) => {
      rollback?.();
      toast.show({ tone: 'error', title: `Stock of ${name} was not saved`, description: error.message });
    },
    onSettled: (_data, _error, { id }) => invalidateAfterProductWrite(queryClient, id),
  });
}
