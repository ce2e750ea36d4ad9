import { startTransition, useCallback, useMemo, useOptimistic } from 'react';
import { useSearchParams } from 'react-router';
import { changeListing, parseListingParams, toListingSearchParams, type ListingState } from '../lib/listing-params.js';

/**
 * The listing's filters, sort and page live in the URL (shareable, bookmarkable, back/forward work). Each change is a
 * new history entry; the scroll position is kept so filtering does not jump the page to the top.
 *
 * The router applies URL changes in a transition, which a busy device may render a moment later; until then a
 * controlled checkbox or select would snap back to its old value. The optimistic state shows the change at once and
 * gives way to the URL's state when the transition lands.
 */
export function useListingState(): [ListingState, (change: Partial<ListingState>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListingParams(params), [params]);
  const [shown, setShown] = useOptimistic(state);
  const update = useCallback(
    (change: Partial<ListingState>) => {
      const next = changeListing(shown, change);
      startTransition(() => {
        setShown(next);
        setParams(toListingSearchParams(next), { preventScrollReset: true });
      });
    },
    [setParams, setShown, shown],
  );
  return [shown, update];
}
