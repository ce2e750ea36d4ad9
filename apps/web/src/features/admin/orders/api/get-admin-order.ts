import { ZAdminOrderSchema } from '@mercato/shared';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { adminOrderKeys } from './admin-orders-keys.js';

/** `GET /api/admin/orders/:id`: the order with payment, refunds and the transitions allowed from its status. */
export function getAdminOrder(id: string, signal?: AbortSignal) {
  return apiFetch(`/api/admin/orders/${encodeURIComponent(id)}`, { schema: ZAdminOrderSchema, signal });
}

export function useAdminOrder(id: string) {
  return useQuery({ queryKey: adminOrderKeys.detail(id), queryFn: ({ signal }) => getAdminOrder(id, signal) });
}
