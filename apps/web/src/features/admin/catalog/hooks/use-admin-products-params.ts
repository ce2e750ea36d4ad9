import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  changeAdminProducts,
  parseAdminProductsParams,
  toAdminProductsSearchParams,
  type AdminProductsState,
} from '../lib/admin-products-params.js';

/** Search, status and page of the products table, kept in the URL (reload, back/forward and links keep them). */
export function useAdminProductsParams(): [AdminProductsState, (change: Partial<AdminProductsState>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseAdminProductsParams(params), [params]);
  const update = useCallback(
    (change: Partial<AdminProductsState>) =>
      setParams(toAdminProductsSearchParams(changeAdminProducts(state, change)), { preventScrollReset: true }),
    [setParams, state],
  );
  return [state, update];
}
