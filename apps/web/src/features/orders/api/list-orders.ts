import { ZOrderListResponseSchema } from '@mercato/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { COMMERCE_QUERY_KEYS } from '../../../lib/commerce-query-keys.js';

export const ORDERS_PAGE_SIZE = 10;

/** `GET /api/orders?page`: the shopper's orders, newest first. */
export function listOrders(page: number, signal?: AbortSignal) {
  return apiFetch('/api/orders', {
    schema: ZOrderListResponseSchema,
    query: { page, pageSize: ORDERS_PAGE_SIZE },
    signal,
  });
}

/** React hook: one page of order history (the previous page stays on screen while the next loads). */
export function useOrders(page: number) {
  return useQuery({
    queryKey: [...COMMERCE_QUERY_KEYS.orders, 'list', page],
    queryFn: ({ signal }) => listOrders(page, signal),
    placeholderData: keepPreviousData,
  });
}
