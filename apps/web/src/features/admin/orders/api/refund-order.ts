import { ZAdminOrderSchema } from '@mercato/shared';
import { apiFetch } from '../../../../lib/api-client.js';
import type { toRefundRequest } from '../lib/refund-form.js';
import { useOrderMutation } from './order-mutation.js';

export interface RefundOrderInput {
  id: string;
  body: ReturnType<typeof toRefundRequest>;
}

/** `POST /api/admin/orders/:id/refunds`: a full or partial refund through the payment provider (idempotent by key). */
export function refundOrder({ id, body }: RefundOrderInput) {
  return apiFetch(`/api/admin/orders/${encodeURIComponent(id)}/refunds`, {
    method: 'POST',
    body,
    schema: ZAdminOrderSchema,
  });
}

export function useRefundOrder() {
  return useOrderMutation(refundOrder);
}
