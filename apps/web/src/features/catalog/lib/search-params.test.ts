import { describe, expect, it } from 'vitest';
import { toggle } from './option-choices.js';
import { changeSearch, parseSearchParams, priceBandLabel, toSearchParams } from './search-params.js';

describe('search page URL state', () => {
  it('when the URL carries facets, then they are read as lists; malformed values are dropped', () => {
    const state = parseSearchParams(
      new URLSearchParams(
        'q=lamp&category=audio,Bad Slug,home-office&price=0-2500,1-2&inStock=1&option=Size:M,Colour,Colour:Blue&sort=price_asc&page=3',
      ),
    );
    expect(state).toEqual({
      q: 'lamp',
      category: ['audio', 'home-office'],
      price: ['0-2500'],
      inStock: true,
      option: ['Size:M', 'Colour:Blue'],
      sort: 'price_asc',
      page: 3,
    });
  });

  it('when the state is written back, then defaults are left out and the round trip is exact', () => {
    const state = parseSearchParams(new URLSearchParams('q=lamp&category=audio&option=Size:M'));
    expect(toSearchParams(state).toString()).toBe('q=lamp&category=audio&option=Size%3AM');
    expect(parseSearchParams(toSearchParams(state))).toEqual(state);
    expect(parseSearchParams(new URLSearchParams('sort=random&page=0')).sort).toBe('relevance');
  });

  it('when a facet value is toggled or a filter changes, then the page goes back to 1', () => {
    const state = parseSearchParams(new URLSearchParams('q=lamp&page=4'));
    expect(changeSearch(state, { category: toggle(state.category, 'audio') })).toMatchObject({
      category: ['audio'],
      page: 1,
    });
    expect(toggle(['audio', 'books'], 'audio')).toEqual(['books']);
    expect(changeSearch(state, { page: 5 }).page).toBe(5);
  });

  it('when a price band is labelled, then its ends are shown in money', () => {
    const format = (minor: number) => `$${minor / 100}`;
    expect(priceBandLabel('0-2500', format)).toBe('Under $25');
    expect(priceBandLabel('2500-5000', format)).toBe('$25 – $50');
    expect(priceBandLabel('25000-', format)).toBe('$250 and over');
  });
});
