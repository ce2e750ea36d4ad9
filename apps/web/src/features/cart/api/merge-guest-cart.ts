import type { ZCartSchema, TGuestCart } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';

/** `POST /api/cart/merge`: adds a guest cart to the account's (summed, capped to stock; capped lines are marked). */
export function mergeGuestCart(guest: TGuestCart) {
  return apiFetch.json<typeof ZCartSchema>('/api/cart/merge', { method: 'POST', body: guest });
}
