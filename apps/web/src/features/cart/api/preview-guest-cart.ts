import type { ZCartSchema } from '@mercato/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { toGuestCartPayload, type TGuestCartItem } from '../lib/guest-cart.js';
import { cartKeys } from './cart-keys.js';

/** `POST /api/cart/preview`: prices a guest cart (ids and quantities) without storing it. */
export function previewGuestCart(items: readonly TGuestCartItem[], signal?: AbortSignal) {
  return apiFetch.json<typeof ZCartSchema>('/api/cart/preview', {
    method: 'POST',
    body: toGuestCartPayload(items) ?? { items: [] },
    signal,
  });
}

export function guestCartQueryOptions(items: readonly TGuestCartItem[]) {
  return queryOptions({
    queryKey: cartKeys.guest(items),
    queryFn: ({ signal }) => previewGuestCart(items, signal),
    // A quantity change keeps the old totals on screen until the new ones arrive, instead of a skeleton.
    placeholderData: keepPreviousData,
  });
}

/** React hook: the guest cart priced by the server; `enabled` is false for signed-in shoppers and empty carts. */
export function useGuestCartPreview(items: readonly TGuestCartItem[], enabled: boolean) {
  return useQuery({ ...guestCartQueryOptions(items), enabled });
}
