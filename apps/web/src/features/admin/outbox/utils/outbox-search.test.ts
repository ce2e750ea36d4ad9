import { describe, expect, it } from 'vitest';
import { readOutboxFilters, writeOutboxFilters } from './outbox-search.js';

describe('readOutboxFilters', () => {
  it('when the URL has page, to and tag, then they are read (the address trimmed and lower-cased)', () => {
    const filters = readOutboxFilters(new URLSearchParams('page=3&to=%20Ada@Example.com%20&tag=auth.verify-email'));

    expect(filters).toEqual({ page: 3, to: 'ada@example.com', tag: 'auth.verify-email' });
  });

  it.each(['0', '-2', '1.5', 'abc', '99999999'])('when page is %j, then page 1 is used', (page) => {
    expect(readOutboxFilters(new URLSearchParams({ page })).page).toBe(1);
  });

  it('when nothing is in the URL, then the defaults are used', () => {
    expect(readOutboxFilters(new URLSearchParams())).toEqual({ page: 1, to: '', tag: '' });
  });
});

describe('writeOutboxFilters', () => {
  it('when filters are the defaults, then the search is empty', () => {
    expect(writeOutboxFilters({ page: 1, to: '', tag: '' }).toString()).toBe('');
  });

  it('when filters are set, then they round-trip through the URL', () => {
    const filters = { page: 2, to: 'ada@example.com', tag: 'auth.reset-password' };

    expect(readOutboxFilters(writeOutboxFilters(filters))).toEqual(filters);
  });
});
