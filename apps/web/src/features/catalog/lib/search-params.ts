import { LISTING_PAGE_SIZE } from '@mercato/shared/constants';
import type { TPriceBandId, TSearchSort } from '@mercato/shared';
import type { TSearchParams } from '../api/catalog-keys.js';
import { readList, readOptionChoices } from './option-choices.js';

/** The search page's state as its URL says it: `?q&category=a,b&price=0-2500&inStock=1&sort&page`. */
export interface SearchState {
  q: string;
  category: string[];
  price: string[];
  inStock: boolean;
  /** Chosen option values as `Name:Value` (`Size:M`), as the URL and the API carry them. */
  option: string[];
  sort: TSearchSort;
  page: number;
}

// The contract's price bands and sorts, checked against it by the compiler (a missing or extra key does not
// compile) without importing the lists: the constants module is part of every page's first load.
const BANDS: Record<TPriceBandId, true> = {
  '0-2500': true,
  '2500-5000': true,
  '5000-10000': true,
  '10000-25000': true,
  '25000-': true,
};
export const SORT_LABELS: Record<TSearchSort, string> = {
  relevance: 'Best match',
  newest: 'Newest',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  name: 'Name: A to Z',
};
const BAND_IDS = new Set<string>(Object.keys(BANDS));
const SORTS = new Set<string>(Object.keys(SORT_LABELS));
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads the state; anything malformed (an unknown band, a bad slug, page 0) falls back to its default. */
export function parseSearchParams(params: URLSearchParams): SearchState {
  const sort = params.get('sort') ?? '';
  const page = Number(params.get('page'));
  return {
    q: params.get('q')?.trim() ?? '',
    category: readList(params.get('category'), (slug) => SLUG.test(slug)),
    price: readList(params.get('price'), (band) => BAND_IDS.has(band)),
    inStock: params.get('inStock') === '1' || params.get('inStock') === 'true',
    option: readOptionChoices(params.get('option')),
    sort: SORTS.has(sort) ? (sort as TSearchSort) : 'relevance',
    page: Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 100) : 1,
  };
}

/** Writes the state back, leaving defaults out so URLs stay short and canonical. */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category.length > 0) params.set('category', state.category.join(','));
  if (state.price.length > 0) params.set('price', state.price.join(','));
  if (state.inStock) params.set('inStock', '1');
  if (state.option.length > 0) params.set('option', state.option.join(','));
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** Applies a change; any change but the page starts again at page 1. */
export function changeSearch(state: SearchState, change: Partial<SearchState>): SearchState {
  const next = { ...state, ...change };
  if (change.page === undefined) next.page = 1;
  return next;
}

export function toSearchQuery(state: SearchState): TSearchParams {
  return {
    q: state.q,
    ...(state.category.length > 0 ? { category: state.category } : {}),
    ...(state.price.length > 0 ? { price: state.price } : {}),
    ...(state.inStock ? { inStock: true } : {}),
    ...(state.option.length > 0 ? { option: state.option } : {}),
    sort: state.sort,
    page: state.page,
    pageSize: LISTING_PAGE_SIZE,
  };
}

/** A band's label in the shop's currency: "Under $25.00", "$25.00 – $50.00", "$250.00 and over". */
export function priceBandLabel(id: string, format: (minor: number) => string): string {
  const [min, max] = id.split('-').map((end) => (end === '' ? null : Number(end)));
  if (min === undefined || min === null || max === undefined) return id;
  if (min === 0 && max !== null) return `Under ${format(max)}`;
  if (max === null) return `${format(min)} and over`;
  return `${format(min)} – ${format(max)}`;
}
