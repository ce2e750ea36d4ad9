import { ZAdminOrderSchema } from '@mercato/shared';
import { apiFetch } from '../../../../lib/api-client.js';
import { useOrderMutation } from './order-mutation.js';

/** `POST /api/admin/orders/:id/cancel`: unpaid orders release their hold; paid ones are refunded and restocked. */
export function cancelOrder({ id, reason }: { id: string; reason: string }) {
  return apiFetch(`/api/admin/orders/${encodeURIComponent(id)}/cancel`, {
    method: 'POST',
    body: { reason },
    schema: ZAdminOrderSchema,
  });
}

export function useCancelOrder() {
  return useOrderMutation(cancelOrder);
}
