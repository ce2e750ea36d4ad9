import { useUrlState } from '../../../../lib/use-url-state.js';
import {
  changeAdminProducts,
  parseAdminProductsParams,
  toAdminProductsSearchParams,
  type AdminProductsState,
} from '../lib/admin-products-params.js';

const toParams = (state: AdminProductsState, change: Partial<AdminProductsState>) =>
  toAdminProductsSearchParams(changeAdminProducts(state, change));

/** Search, status and page of the products table, kept in the URL (reload, back/forward and links keep them). */
export function useAdminProductsParams(): [AdminProductsState, (change: Partial<AdminProductsState>) => void] {
  return useUrlState(parseAdminProductsParams, toParams);
}
