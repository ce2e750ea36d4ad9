import { ZAdminProductSchema } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../../../components/ui/toast-context.js';
import { apiFetch } from '../../../../lib/api-client.js';
import { invalidateAfterProductWrite } from './admin-catalog-keys.js';
import { patchCachedProducts } from './patch-cached-products.js';

/** `PUT /api/admin/products/:id/stock {stock}`: the quick stock edit. */
export function setProductStock(id: string, stock: number) {
  return apiFetch(`/api/admin/products/${encodeURIComponent(id)}/stock`, {
    method: 'PUT',
    body: { stock },
    schema: ZAdminProductSchema,
  });
}

/** React hook: the table shows the new stock at once and puts the old one back (with a toast) if the save fails. */
export function useSetProductStock() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ id, stock }: { id: string; name: string; stock: number }) => setProductStock(id, stock),
    onMutate: ({ id, stock }) => patchCachedProducts(queryClient, id, { stock, inStock: stock > 0 }),
    onError: (error, { name }, rollback) => {
      rollback?.();
      toast.show({ tone: 'error', title: `Stock of ${name} was not saved`, description: error.message });
    },
    onSettled: (_data, _error, { id }) => invalidateAfterProductWrite(queryClient, id),
  });
}
