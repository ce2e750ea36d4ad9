import { ZOrderSchema } from '@mercato/shared';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { COMMERCE_QUERY_KEYS } from '../../../lib/commerce-query-keys.js';

/** `GET /api/orders/:id`: one of the shopper's orders with lines, totals, address and timeline (404 otherwise). */
export function getOrder(id: string, signal?: AbortSignal) {
  return apiFetch(`/api/orders/${encodeURIComponent(id)}`, { schema: ZOrderSchema, signal });
}

/** React hook: an order; while it awaits payment it is checked again every few seconds (the webhook may land). */
export function useOrder(id: string) {
  return useQuery({
    queryKey: [...COMMERCE_QUERY_KEYS.orders, 'detail', id],
    queryFn: ({ signal }) => getOrder(id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'pending_payment' ? 10_000 : false),
  });
}
