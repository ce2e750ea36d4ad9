import type { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { useCartMutation } from './cart-mutation.js';

/** `DELETE /api/cart/items/:productId`: removes a line. */
export function removeCartItem(productId: string) {
  return apiFetch.json<typeof ZCartSchema>(`/api/cart/items/${encodeURIComponent(productId)}`, { method: 'DELETE' });
}

export function useRemoveCartItem() {
  return useCartMutation(removeCartItem);
}
