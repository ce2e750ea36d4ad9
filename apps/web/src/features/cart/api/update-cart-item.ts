import type { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { cartLinePath, type CartLineRef } from './cart-line-path.js';
import { useCartMutation } from './cart-mutation.js';

export interface UpdateCartItemInput extends CartLineRef {
  quantity: number;
}

/** `PATCH /api/cart/items/:productId?variantId=`: sets a line's quantity (1–99, at most the variant's stock). */
export function updateCartItem({ quantity, ...line }: UpdateCartItemInput) {
  return apiFetch.json<typeof ZCartSchema>(cartLinePath(line), { method: 'PATCH', body: { quantity } });
}

export function useUpdateCartItem() {
  return useCartMutation(updateCartItem);
}
