import { ZCouponSchema, type TCouponInput } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { couponKeys } from './list-coupons.js';

/** `POST /api/admin/coupons`: 409 CONFLICT when the code exists (codes are case-insensitive). */
export function createCoupon(input: TCouponInput) {
  return apiFetch('/api/admin/coupons', { method: 'POST', body: input, schema: ZCouponSchema });
}

export function useCreateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCoupon,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: couponKeys.all }),
  });
}
