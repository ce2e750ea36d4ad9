import type { ZCartSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { cartKeys } from './cart-keys.js';

/** `GET /api/cart`: the signed-in shopper's cart, priced by the server. */
export function getCart(signal?: AbortSignal) {
  return apiFetch.json<typeof ZCartSchema>('/api/cart', { signal });
}

export function cartQueryOptions() {
  return queryOptions({ queryKey: cartKeys.user(), queryFn: ({ signal }) => getCart(signal) });
}

/** React hook: the server cart; `enabled` is false for guests. */
export function useServerCart(enabled: boolean) {
  return useQuery({ ...cartQueryOptions(), enabled });
}
