import type { AdminOrdersState } from '../lib/admin-orders-params.js';

/** Query keys of the admin orders screens. */
export const adminOrderKeys = {
  all: ['admin', 'orders'] as const,
  list: (state: AdminOrdersState) => ['admin', 'orders', 'list', state] as const,
  detail: (id: string) => ['admin', 'orders', 'detail', id] as const,
};
