import { ZAdminOrderListResponseSchema } from '@mercato/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { toAdminOrdersQuery, type AdminOrdersState } from '../lib/admin-orders-params.js';
import { adminOrderKeys } from './admin-orders-keys.js';

/** `GET /api/admin/orders?status&from&to&q&page`: orders for staff, newest first. */
export function listAdminOrders(state: AdminOrdersState, signal?: AbortSignal) {
  return apiFetch('/api/admin/orders', {
    schema: ZAdminOrderListResponseSchema,
    query: toAdminOrdersQuery(state),
    signal,
  });
}

/** React hook: a page of orders for the filters in the URL (the previous page stays visible while loading). */
export function useAdminOrders(state: AdminOrdersState) {
  return useQuery({
    queryKey: adminOrderKeys.list(state),
    queryFn: ({ signal }) => listAdminOrders(state, signal),
    placeholderData: keepPreviousData,
  });
}
