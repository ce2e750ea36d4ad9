import { useUrlState } from '../../../lib/use-url-state.js';
import { changeListing, parseListingParams, toListingSearchParams, type ListingState } from '../lib/listing-params.js';

const toParams = (state: ListingState, change: Partial<ListingState>) =>
  toListingSearchParams(changeListing(state, change));

/** The listing's filters, sort and page, kept in the URL. */
export function useListingState(): [ListingState, (change: Partial<ListingState>) => void] {
  return useUrlState(parseListingParams, toParams);
}
