import { describe, expect, it } from 'vitest';
import { foldText, searchTokens, slugify } from './text.js';

describe('search tokens', () => {
  it('when text has accents and mixed case, then tokens are folded to plain lower case', () => {
    expect(searchTokens('Crème Brûlée SPOON')).toEqual(['creme', 'brulee', 'spoon']);
  });

  it('when name and description repeat words, then each token appears once', () => {
    expect(searchTokens('Oak table', 'A solid oak TABLE for six.')).toEqual([
      'oak',
      'table',
      'a',
      'solid',
      'for',
      'six',
    ]);
  });

  it('when text has punctuation, digits and non-Latin letters, then they split into words correctly', () => {
    expect(searchTokens("Kids' T-shirt (size 4), Ελληνικά & 日本")).toEqual([
      'kids',
      't',
      'shirt',
      'size',
      '4',
      'ελληνικα',
      '日本',
    ]);
  });

  it('when text is empty or only symbols, then there are no tokens', () => {
    expect(searchTokens('', '—!?')).toEqual([]);
  });

  it('when folding, then ligature-like compatibility forms are normalised', () => {
    expect(foldText('ＡＢＣ Ǆ')).toBe('abc dz');
  });
});

describe('slugify', () => {
  it('when a name has accents, spaces and symbols, then the slug is clean', () => {
    expect(slugify('  Café au Lait — 2 Cups! ')).toBe('cafe-au-lait-2-cups');
  });

  it('when the name has nothing usable, then a fallback slug is used', () => {
    expect(slugify('!!!')).toBe('item');
  });

  it('when the name is very long, then the slug is capped without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(99)} b`);
    expect(slug.length).toBeLessThanOrEqual(100);
    expect(slug.endsWith('-')).toBe(false);
  });
});
