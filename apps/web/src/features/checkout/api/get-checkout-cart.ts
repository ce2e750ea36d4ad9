import { ZCartSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { COMMERCE_QUERY_KEYS } from '../../../lib/commerce-query-keys.js';

/** `GET /api/cart`: the cart being checked out (same cache entry as the cart feature's). */
export function getCheckoutCart(signal?: AbortSignal) {
  return apiFetch('/api/cart', { schema: ZCartSchema, signal });
}

export function checkoutCartQueryOptions() {
  return queryOptions({ queryKey: COMMERCE_QUERY_KEYS.cart, queryFn: ({ signal }) => getCheckoutCart(signal) });
}

/** React hook: the cart shown in the order summary; its fingerprint goes with the payment request. */
export function useCheckoutCart() {
  return useQuery(checkoutCartQueryOptions());
}
