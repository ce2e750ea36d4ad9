import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { changeListing, parseListingParams, toListingSearchParams, type ListingState } from '../lib/listing-params.js';

/**
 * The listing's filters, sort and page live in the URL (shareable, bookmarkable, back/forward work). Each change is a
 * new history entry; the scroll position is kept so filtering does not jump the page to the top.
 */
export function useListingState(): [ListingState, (change: Partial<ListingState>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListingParams(params), [params]);
  const update = useCallback(
    (change: Partial<ListingState>) =>
      setParams(toListingSearchParams(changeListing(state, change)), { preventScrollReset: true }),
    [setParams, state],
  );
  return [state, update];
}
