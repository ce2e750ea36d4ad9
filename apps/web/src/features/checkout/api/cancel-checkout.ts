import { ZOrderSchema } from '@mercato/shared';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';

/**
 * `POST /api/checkout/:orderId/cancel`: the shopper left the payment page; the unpaid order is cancelled and its
 * stock and coupon released. Idempotent: an order that got paid meanwhile is returned as it is.
 */
export function cancelCheckout(orderId: string, signal?: AbortSignal) {
  return apiFetch(`/api/checkout/${encodeURIComponent(orderId)}/cancel`, {
    method: 'POST',
    schema: ZOrderSchema,
    signal,
  });
}

/** React hook: runs the cancellation once for the cancelled page (safe to repeat, so a reload is harmless). */
export function useCancelCheckout(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['checkout', 'cancel', orderId],
    queryFn: ({ signal }) => cancelCheckout(orderId, signal),
    enabled,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
}
