import { ZOrderSchema, type TOrder } from '@mercato/shared';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';

/** How often the success page asks again while the payment is being confirmed, and for how long. */
export const CONFIRM_POLL_MS = 2_000;
export const CONFIRM_POLL_LIMIT_MS = 3 * 60_000;

/**
 * `POST /api/checkout/confirm`: asks the API to confirm the checkout session with the payment provider (the same
 * idempotent fulfilment the webhook runs) and returns the order. Never trusts the URL: the server checks the session.
 */
export function confirmCheckout(sessionId: string, signal?: AbortSignal) {
  return apiFetch('/api/checkout/confirm', { method: 'POST', body: { sessionId }, schema: ZOrderSchema, signal });
}

/** React hook: the order behind a checkout session, polled while its payment is still pending. */
export function useConfirmCheckout(sessionId: string, enabled: boolean, startedAt: number) {
  return useQuery({
    queryKey: ['checkout', 'confirm', sessionId],
    queryFn: ({ signal }) => confirmCheckout(sessionId, signal),
    enabled,
    staleTime: 0,
    refetchOnWindowFocus: (query) => isPending(query.state.data),
    refetchInterval: (query) =>
      isPending(query.state.data) && Date.now() - startedAt < CONFIRM_POLL_LIMIT_MS ? CONFIRM_POLL_MS : false,
  });
}

function isPending(order: TOrder | undefined): boolean {
  return order?.status === 'pending_payment';
}
