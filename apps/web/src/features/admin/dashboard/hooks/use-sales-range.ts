import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseSalesRange, toSalesRangeParams, type SalesRangeState } from '../lib/sales-range.js';

/** The dashboard's date range, kept in the URL so a view can be bookmarked or shared. */
export function useSalesRange(): [SalesRangeState, (next: SalesRangeState) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseSalesRange(params), [params]);
  const update = useCallback(
    (next: SalesRangeState) => setParams(toSalesRangeParams(next), { preventScrollReset: true }),
    [setParams],
  );
  return [state, update];
}
