import { ZCartSchema, type TGuestCart } from '@mercato/shared';
import { apiFetch } from '../../../lib/api-client.js';

/** `POST /api/cart/merge`: adds a guest cart to the account's (summed, capped to stock; capped lines are marked). */
export function mergeGuestCart(guest: TGuestCart) {
  return apiFetch('/api/cart/merge', { method: 'POST', body: guest, schema: ZCartSchema });
}
