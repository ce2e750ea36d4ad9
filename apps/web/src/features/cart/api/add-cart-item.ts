import type { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { useCartMutation } from './cart-mutation.js';

export interface AddCartItemInput {
  productId: string;
  variantId?: string;
  quantity: number;
}

/** `POST /api/cart/items`: adds to the variant's line (quantities are summed); 409 INSUFFICIENT_STOCK with `meta.available`. */
export function addCartItem(input: AddCartItemInput) {
  return apiFetch.json<typeof ZCartSchema>('/api/cart/items', { method: 'POST', body: input });
}

export function useAddCartItem() {
  return useCartMutation(addCartItem);
}
