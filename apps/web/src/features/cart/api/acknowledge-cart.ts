import type { ZCartSchema } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';
import { useCartMutation } from './cart-mutation.js';

/** `POST /api/cart/acknowledge`: the shopper has seen the new prices; the price-change notices go away. */
export function acknowledgeCart() {
  return apiFetch.json<typeof ZCartSchema>('/api/cart/acknowledge', { method: 'POST' });
}

export function useAcknowledgeCart() {
  return useCartMutation(acknowledgeCart);
}
