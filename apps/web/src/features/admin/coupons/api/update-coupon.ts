import { ZCouponSchema, type TCouponPatch } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { couponKeys } from './list-coupons.js';

/** `PATCH /api/admin/coupons/:id`: edit, or deactivate with `{ active: false }`. */
export function updateCoupon({ id, patch }: { id: string; patch: TCouponPatch }) {
  return apiFetch(`/api/admin/coupons/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: patch,
    schema: ZCouponSchema,
  });
}

export function useUpdateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCoupon,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: couponKeys.all }),
  });
}
