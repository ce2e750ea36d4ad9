import { ZAdminProductSchema, type TStockAdjustment } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminCatalogKeys, invalidateAfterProductWrite } from './admin-catalog-keys.js';

/** `POST /api/admin/products/:id/variants/:variantId/stock {delta, reason}`: a counted, audited stock change. */
export function adjustVariantStock(id: string, variantId: string, adjustment: TStockAdjustment) {
  return apiFetch(`/api/admin/products/${encodeURIComponent(id)}/variants/${encodeURIComponent(variantId)}/stock`, {
    method: 'POST',
    body: adjustment,
    schema: ZAdminProductSchema,
  });
}

export function useAdjustVariantStock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, variantId, adjustment }: { id: string; variantId: string; adjustment: TStockAdjustment }) =>
      adjustVariantStock(id, variantId, adjustment),
    onSuccess: (product) => queryClient.setQueryData(adminCatalogKeys.product(product.id), product),
    onSettled: (_data, _error, { id }) => invalidateAfterProductWrite(queryClient, id),
  });
}
