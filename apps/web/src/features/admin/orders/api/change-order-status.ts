import { ZAdminOrderSchema } from '@mercato/shared';
import { apiFetch } from '../../../../lib/api-client.js';
import { useOrderMutation } from './order-mutation.js';

export interface ChangeOrderStatusInput {
  id: string;
  status: 'shipped' | 'delivered';
  note?: string;
}

/** `POST /api/admin/orders/:id/status`: marks shipped or delivered (the shopper is emailed when it ships). */
export function changeOrderStatus({ id, ...body }: ChangeOrderStatusInput) {
  return apiFetch(`/api/admin/orders/${encodeURIComponent(id)}/status`, {
    method: 'POST',
    body,
    schema: ZAdminOrderSchema,
  });
}

export function useChangeOrderStatus() {
  return useOrderMutation(changeOrderStatus);
}
