import { describe, expect, it } from 'vitest';
import {
  changeListing,
  DEFAULT_LISTING,
  hasListingFilters,
  LISTING_PAGE_SIZE,
  parseListingParams,
  toListingSearchParams,
  toProductListParams,
} from './listing-params.js';

const parse = (query: string) => parseListingParams(new URLSearchParams(query));

describe('parseListingParams', () => {
  it('when the URL is empty, then the defaults apply', () => {
    expect(parse('')).toEqual(DEFAULT_LISTING);
  });

  it('when every parameter is present, then each is read', () => {
    expect(parse('q=red+mug&min=10&max=49.99&inStock=1&option=size:m,colour:blue&sort=price_desc&page=3')).toEqual({
      q: 'red mug',
      minPrice: '10',
      maxPrice: '49.99',
      inStock: true,
      option: ['size:m', 'colour:blue'],
      sort: 'price_desc',
      page: 3,
    });
  });

  it('when values are malformed, then each falls back to its default instead of breaking the page', () => {
    expect(parse('min=abc&max=-5&inStock=yes&sort=cheapest&page=0')).toEqual(DEFAULT_LISTING);
    expect(parse('page=2.5').page).toBe(1);
    expect(parse('page=999999').page).toBe(10_000);
    expect(parse('min=.&max=1e3')).toMatchObject({ minPrice: '', maxPrice: '' });
    expect(parse('q=%20%20').q).toBe('');
    // Malformed choices are dropped one by one, duplicates once.
    expect(parse('option=size,size:m,:m,size:m,colour:').option).toEqual(['size:m']);
  });
});

describe('toListingSearchParams', () => {
  it('when the state has defaults, then they are left out of the URL', () => {
    expect(toListingSearchParams(DEFAULT_LISTING).toString()).toBe('');
    expect(toListingSearchParams({ ...DEFAULT_LISTING, sort: 'name', page: 2 }).toString()).toBe('sort=name&page=2');
  });

  it('when a URL is parsed and written back, then it round-trips', () => {
    const query = 'q=red+mug&min=10&max=49.99&inStock=1&option=size%3Am%2Csize%3Al&sort=price_asc&page=3';
    expect(toListingSearchParams(parse(query)).toString()).toBe(query);
  });
});

describe('changeListing', () => {
  const onPage4 = { ...DEFAULT_LISTING, q: 'mug', page: 4 };

  it('when a filter or the sort changes, then paging starts again at page 1', () => {
    expect(changeListing(onPage4, { sort: 'name' })).toEqual({ ...onPage4, sort: 'name', page: 1 });
    expect(changeListing(onPage4, { inStock: true }).page).toBe(1);
  });

  it('when only the page changes, then the rest is kept', () => {
    expect(changeListing(onPage4, { page: 5 })).toEqual({ ...onPage4, page: 5 });
  });
});

describe('hasListingFilters', () => {
  it('when a price bound or in-stock is set, then there are filters; search text and sort are not filters', () => {
    expect(hasListingFilters({ ...DEFAULT_LISTING, q: 'mug', sort: 'name' })).toBe(false);
    expect(hasListingFilters({ ...DEFAULT_LISTING, maxPrice: '5' })).toBe(true);
    expect(hasListingFilters({ ...DEFAULT_LISTING, inStock: true })).toBe(true);
    expect(hasListingFilters({ ...DEFAULT_LISTING, option: ['size:m'] })).toBe(true);
  });
});

describe('toProductListParams', () => {
  it('when prices are in major units, then the API gets exact minor units', () => {
    const state = { ...parse('min=0.29&max=19.99&inStock=1&q=mug&option=size:m'), page: 2 };
    expect(toProductListParams(state, { digits: 2, category: 'kitchen' })).toEqual({
      category: 'kitchen',
      q: 'mug',
      minPrice: 29,
      maxPrice: 1999,
      inStock: true,
      option: ['size:m'],
      sort: 'newest',
      page: 2,
      pageSize: LISTING_PAGE_SIZE,
    });
  });

  it('when the bounds are reversed, then they are swapped rather than sent as a rejected query', () => {
    expect(toProductListParams(parse('min=50&max=10'), { digits: 2 })).toMatchObject({
      minPrice: 1000,
      maxPrice: 5000,
    });
  });

  it('when a bound is more precise than the currency, then it is dropped; nothing optional is sent empty', () => {
    const params = toProductListParams(parse('min=1.5'), { digits: 0 });
    expect(params).toEqual({ sort: 'newest', page: 1, pageSize: LISTING_PAGE_SIZE });
  });
});
