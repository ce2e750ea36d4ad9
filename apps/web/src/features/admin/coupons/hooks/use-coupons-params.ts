import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseCouponsParams, toCouponsSearchParams, type CouponsState } from '../lib/coupons-params.js';

/** Search, source and page of the coupons list, kept in the URL. */
export function useCouponsParams(): [CouponsState, (change: Partial<CouponsState>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseCouponsParams(params), [params]);
  const update = useCallback(
    (change: Partial<CouponsState>) => setParams(toCouponsSearchParams(state, change), { preventScrollReset: true }),
    [setParams, state],
  );
  return [state, update];
}
