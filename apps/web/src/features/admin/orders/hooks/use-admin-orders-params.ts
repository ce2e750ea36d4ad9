import { useUrlState } from '../../../../lib/use-url-state.js';
import {
  changeAdminOrders,
  parseAdminOrdersParams,
  toAdminOrdersSearchParams,
  type AdminOrdersState,
} from '../lib/admin-orders-params.js';

const toParams = (state: AdminOrdersState, change: Partial<AdminOrdersState>) =>
  toAdminOrdersSearchParams(changeAdminOrders(state, change));

/** Status, dates, search and page of the orders list, kept in the URL (shareable, back/forward and reload keep them). */
export function useAdminOrdersParams(): [AdminOrdersState, (change: Partial<AdminOrdersState>) => void] {
  return useUrlState(parseAdminOrdersParams, toParams);
}
