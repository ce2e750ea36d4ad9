import { useUrlState } from '../../../../lib/use-url-state.js';
import { parseCouponsParams, toCouponsSearchParams, type CouponsState } from '../lib/coupons-params.js';

/** Search, source and page of the coupons list, kept in the URL. */
export function useCouponsParams(): [CouponsState, (change: Partial<CouponsState>) => void] {
  return useUrlState(parseCouponsParams, toCouponsSearchParams);
}
