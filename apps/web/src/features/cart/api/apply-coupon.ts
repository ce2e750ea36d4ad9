import type { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { useCartMutation } from './cart-mutation.js';

/** `POST /api/cart/coupon`: applies a code; 422 with one code per failed rule (field error at `body.code`). */
export function applyCoupon(code: string) {
  return apiFetch.json<typeof ZCartSchema>('/api/cart/coupon', { method: 'POST', body: { code } });
}

export function useApplyCoupon() {
  return useCartMutation(applyCoupon);
}
