import { useUrlState } from '../../../../lib/use-url-state.js';
import { parseSalesRange, toSalesRangeParams, type SalesRangeState } from '../lib/sales-range.js';

const toParams = (_shown: SalesRangeState, next: SalesRangeState) => toSalesRangeParams(next);

/** The dashboard's date range, kept in the URL so a view can be bookmarked or shared. */
export function useSalesRange(): [SalesRangeState, (next: SalesRangeState) => void] {
  return useUrlState(parseSalesRange, toParams);
}
