import { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { useCartMutation } from './cart-mutation.js';

/** `DELETE /api/cart/coupon`: removes the applied code. */
export function removeCoupon() {
  return apiFetch('/api/cart/coupon', { method: 'DELETE', schema: ZCartSchema });
}

export function useRemoveCoupon() {
  return useCartMutation(removeCoupon);
}
