import type { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { useCartMutation } from './cart-mutation.js';

export interface UpdateCartItemInput {
  productId: string;
  quantity: number;
}

/** `PATCH /api/cart/items/:productId`: sets a line's quantity (1–99, at most the stock). */
export function updateCartItem({ productId, quantity }: UpdateCartItemInput) {
  return apiFetch.json<typeof ZCartSchema>(`/api/cart/items/${encodeURIComponent(productId)}`, {
    method: 'PATCH',
    body: { quantity },
  });
}

export function useUpdateCartItem() {
  return useCartMutation(updateCartItem);
}
