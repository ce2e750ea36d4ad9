import { describe, expect, it } from 'vitest';
import { analyse, compareRelevance, headWord, relevanceOf, toQueryWords, type Relevance } from './match.js';
import type { SearchableText } from './search-keys.js';

const product = (name: string, more: Partial<SearchableText> = {}): SearchableText => ({
  name,
  category: null,
  attributes: [],
  description: '',
  ...more,
});
const score = (q: string, text: SearchableText, inStock = true): Relevance | undefined =>
  relevanceOf(toQueryWords(q.split(' ')), analyse(text), inStock);
const rankOf = (q: string, texts: SearchableText[]) =>
  texts
    .map((text) => ({ text, relevance: score(q, text) }))
    .filter((entry): entry is { text: SearchableText; relevance: Relevance } => entry.relevance !== undefined)
    .sort((a, b) => compareRelevance(a.relevance, b.relevance))
    .map((entry) => entry.text.name);

describe('matching one product', () => {
  it('when every word matches (exact, plural, prefix or typo), then it matches; when one does not, it does not', () => {
    const knife = product('Chef’s Knife', { category: 'Kitchen', description: 'Forged steel.' });
    expect(score('knife', knife)).toBeDefined();
    expect(score('knives', knife)).toBeDefined();
    expect(score('knif', knife)).toBeDefined();
    expect(score('kinfe', knife)).toBeDefined();
    expect(score('kitchen knife', knife)).toBeDefined();
    expect(score('knife fork', knife)).toBeUndefined();
  });

  it('when a word has a typo only in the description, then it does not match (descriptions have no typo keys)', () => {
    expect(score('walnt', product('Board', { description: 'walnut' }))).toBeUndefined();
    expect(score('walnut', product('Board', { description: 'walnut' }))).toBeDefined();
  });

  it('when a short word has a typo, then it does not match (no typo under 4 letters)', () => {
    expect(score('mig', product('Mug'))).toBeUndefined();
  });

  it('when a word matched only with a typo, then the correction is reported', () => {
    expect(score('turntabel', product('Turntable'))?.corrected.get('turntabel')).toBe('turntable');
  });
});

describe('ranking', () => {
  it('when a word matches exactly in one product and as a prefix in another, then the exact one ranks first', () => {
    expect(rankOf('lamp', [product('Lampshade'), product('Brass Lamp')])).toEqual(['Brass Lamp', 'Lampshade']);
  });

  it('when a name matches by prefix and a description exactly, then the name ranks first (field before exactness)', () => {
    expect(rankOf('sound', [product('Headphones', { description: 'an honest sound' }), product('Soundbar')])).toEqual([
      'Soundbar',
      'Headphones',
    ]);
  });

  it('when one product matches by prefix and another by typo, then the prefix ranks first', () => {
    expect(rankOf('tabl', [product('Tall Stool'), product('Table')])).toEqual(['Table', 'Tall Stool']);
    expect(rankOf('stoo', [product('Stool'), product('Stop Sign')])).toEqual(['Stool', 'Stop Sign']);
  });

  it('when a word matches in the name of one and the description of another, then the name match ranks first', () => {
    expect(
      rankOf('oak', [
        product('Desk', { description: 'Solid oak top' }),
        product('Oak Shelf'),
        product('Rug', { category: 'Oak' }),
      ]),
    ).toEqual(['Oak Shelf', 'Rug', 'Desk']);
  });

  it('when the query names the head noun of one name and a modifier of another, then the head noun ranks first', () => {
    expect(rankOf('desk', [product('Desk Lamp'), product('Oak Standing Desk')])).toEqual([
      'Oak Standing Desk',
      'Desk Lamp',
    ]);
    expect(headWord('Chef’s Knife 20 cm')).toBe('knife');
    expect(headWord('Bookshelf Speakers (pair)')).toBe('speakers');
    expect(headWord('Ultralight Tent 2P')).toBe('tent');
  });

  it('when all else is equal, then in stock ranks above sold out', () => {
    const a = score('lamp', product('Red Lamp'), false)!;
    const b = score('lamp', product('Red Lamp'), true)!;
    expect(compareRelevance(a, b)).toBeGreaterThan(0);
  });

  it('when stock differs but relevance does not tie, then relevance wins over stock', () => {
    const exactSoldOut = score('lamp', product('Lamp'), false)!;
    const prefixInStock = score('lamp', product('Lampshade'), true)!;
    expect(compareRelevance(exactSoldOut, prefixInStock)).toBeLessThan(0);
  });
});
