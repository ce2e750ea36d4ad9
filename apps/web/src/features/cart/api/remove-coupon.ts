import type { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { useCartMutation } from './cart-mutation.js';

/** `DELETE /api/cart/coupon`: removes the applied code. */
export function removeCoupon() {
  return apiFetch.json<typeof ZCartSchema>('/api/cart/coupon', { method: 'DELETE' });
}

export function useRemoveCoupon() {
  return useCartMutation(removeCoupon);
}
