import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  changeAdminOrders,
  parseAdminOrdersParams,
  toAdminOrdersSearchParams,
  type AdminOrdersState,
} from '../lib/admin-orders-params.js';

/** Status, dates, search and page of the orders list, kept in the URL (shareable, back/forward and reload keep them). */
export function useAdminOrdersParams(): [AdminOrdersState, (change: Partial<AdminOrdersState>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseAdminOrdersParams(params), [params]);
  const update = useCallback(
    (change: Partial<AdminOrdersState>) =>
      setParams(toAdminOrdersSearchParams(changeAdminOrders(state, change)), { preventScrollReset: true }),
    [setParams, state],
  );
  return [state, update];
}
