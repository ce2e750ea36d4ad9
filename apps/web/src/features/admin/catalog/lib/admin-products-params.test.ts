import { describe, expect, it } from 'vitest';
import {
  changeAdminProducts,
  DEFAULT_ADMIN_PRODUCTS,
  parseAdminProductsParams,
  toAdminProductsSearchParams,
} from './admin-products-params.js';

const parse = (query: string) => parseAdminProductsParams(new URLSearchParams(query));

describe('admin products URL state', () => {
  it('when the URL is empty or malformed, then the defaults apply', () => {
    expect(parse('')).toEqual(DEFAULT_ADMIN_PRODUCTS);
    expect(parse('status=deleted&page=-2&q=%20')).toEqual(DEFAULT_ADMIN_PRODUCTS);
  });

  it('when a search, status and page are given, then they round-trip through the URL', () => {
    const query = 'q=mug&status=archived&page=3';
    expect(parse(query)).toEqual({ q: 'mug', status: 'archived', page: 3 });
    expect(toAdminProductsSearchParams(parse(query)).toString()).toBe(query);
    expect(toAdminProductsSearchParams(DEFAULT_ADMIN_PRODUCTS).toString()).toBe('');
  });

  it('when the search or status changes, then paging restarts; a page change keeps the rest', () => {
    const state = { q: 'mug', status: 'active' as const, page: 4 };
    expect(changeAdminProducts(state, { status: 'inactive' })).toEqual({ q: 'mug', status: 'inactive', page: 1 });
    expect(changeAdminProducts(state, { page: 5 })).toEqual({ ...state, page: 5 });
  });
});
