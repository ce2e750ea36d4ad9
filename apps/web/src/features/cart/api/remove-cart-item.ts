import { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { useCartMutation } from './cart-mutation.js';

/** `DELETE /api/cart/items/:productId`: removes a line. */
export function removeCartItem(productId: string) {
  return apiFetch(`/api/cart/items/${encodeURIComponent(productId)}`, { method: 'DELETE', schema: ZCartSchema });
}

export function useRemoveCartItem() {
  return useCartMutation(removeCartItem);
}
