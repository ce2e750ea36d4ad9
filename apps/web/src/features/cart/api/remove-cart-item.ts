import type { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { cartLinePath, type CartLineRef } from './cart-line-path.js';
import { useCartMutation } from './cart-mutation.js';

/** `DELETE /api/cart/items/:productId?variantId=`: removes one variant's line. */
export function removeCartItem(line: CartLineRef) {
  return apiFetch.json<typeof ZCartSchema>(cartLinePath(line), { method: 'DELETE' });
}

export function useRemoveCartItem() {
  return useCartMutation(removeCartItem);
}
