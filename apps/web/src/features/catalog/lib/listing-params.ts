import type { TProductSort } from '@mercato/shared';
import { LISTING_PAGE_SIZE } from '@mercato/shared/constants';
import { parseMoneyInput } from '../../../lib/money-input.js';
import type { TProductListParams } from '../api/catalog-keys.js';
import { readOptionChoices } from './option-choices.js';

/** What a listing shows, as the URL says it (prices in major units, as typed: shareable and readable). */
export interface ListingState {
  q: string;
  minPrice: string;
  maxPrice: string;
  inStock: boolean;
  /** Chosen option values as `name:value` (`size:m`), as the URL and the API carry them. */
  option: string[];
  sort: TProductSort;
  page: number;
}

export const DEFAULT_LISTING: ListingState = {
  q: '',
  minPrice: '',
  maxPrice: '',
  inStock: false,
  option: [],
  sort: 'newest',
  page: 1,
};
// The API's page head carries a category's first page of this size (apps/api/src/modules/seo).
export { LISTING_PAGE_SIZE };
const MAX_PAGE = 10_000;
const PRICE = /^\d{0,12}(?:\.\d{0,3})?$/;

// Every sort the API accepts (`PRODUCT_SORTS`), checked against the contract by the compiler: a missing or extra key
// does not compile. Importing the list itself would bring zod and every schema into the listing pages' bundle.
const SORTS: Record<TProductSort, true> = { newest: true, price_asc: true, price_desc: true, name: true };

function isSort(value: string | null): value is TProductSort {
  return value !== null && Object.hasOwn(SORTS, value);
}

function readPrice(params: URLSearchParams, key: string): string {
  const value = params.get(key)?.trim() ?? '';
  return PRICE.test(value) && value !== '.' ? value : '';
}

function readPage(value: string | null): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1;
}

/** Reads the listing from `?q&min&max&inStock&option&sort&page`; anything malformed falls back to its default. */
export function parseListingParams(params: URLSearchParams): ListingState {
  const sort = params.get('sort');
  return {
    q: params.get('q')?.trim() ?? '',
    minPrice: readPrice(params, 'min'),
    maxPrice: readPrice(params, 'max'),
    inStock: params.get('inStock') === '1' || params.get('inStock') === 'true',
    option: readOptionChoices(params.get('option')),
    sort: isSort(sort) ? sort : DEFAULT_LISTING.sort,
    page: readPage(params.get('page')),
  };
}

/** Writes the listing back as a query string, leaving defaults out so URLs stay short and canonical. */
export function toListingSearchParams(state: ListingState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.minPrice) params.set('min', state.minPrice);
  if (state.maxPrice) params.set('max', state.maxPrice);
  if (state.inStock) params.set('inStock', '1');
  if (state.option.length > 0) params.set('option', state.option.join(','));
  if (state.sort !== DEFAULT_LISTING.sort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** Applies a change; any change other than the page itself starts again at page 1 (page 7 of new results is noise). */
export function changeListing(state: ListingState, change: Partial<ListingState>): ListingState {
  const next = { ...state, ...change };
  if (change.page === undefined) next.page = 1;
  return next;
}

/** What "Clear filters" sets: every filter off (the search text and sort stay). */
export const NO_FILTERS: Partial<ListingState> = { minPrice: '', maxPrice: '', inStock: false, option: [] };

/** True when the user narrowed the results (what "Clear filters" undoes); the search text and sort are not filters. */
export function hasListingFilters(state: ListingState): boolean {
  return state.minPrice !== '' || state.maxPrice !== '' || state.inStock || state.option.length > 0;
}

function toMinor(text: string, digits: number): number | undefined {
  if (!text) return undefined;
  const result = parseMoneyInput(text, digits);
  return result.ok ? result.amountMinor : undefined;
}

/**
 * The API query for a listing: prices converted to minor units with the store currency's digits (a bound the
 * currency cannot express is dropped), bounds swapped when given the wrong way round.
 */
export function toProductListParams(
  state: ListingState,
  { digits, category }: { digits: number; category?: string | undefined },
): TProductListParams {
  let minPrice = toMinor(state.minPrice, digits);
  let maxPrice = toMinor(state.maxPrice, digits);
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice)
    [minPrice, maxPrice] = [maxPrice, minPrice];
  const params: TProductListParams = { sort: state.sort, page: state.page, pageSize: LISTING_PAGE_SIZE };
  if (category) params.category = category;
  if (state.q) params.q = state.q;
  if (minPrice !== undefined) params.minPrice = minPrice;
  if (maxPrice !== undefined) params.maxPrice = maxPrice;
  if (state.inStock) params.inStock = true;
  if (state.option.length > 0) params.option = state.option;
  return params;
}
