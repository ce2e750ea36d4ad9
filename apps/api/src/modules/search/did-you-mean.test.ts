import { describe, expect, it } from 'vitest';
import { closestQuery, type CorrectionSource } from './did-you-mean.js';

/** A tiny index: which products hold which words, and a dictionary of corrections. */
function source(products: string[][], corrections: Record<string, string>): CorrectionSource & { lookups: number } {
  const state = {
    lookups: 0,
    async hasMatch(words: string[]) {
      state.lookups += 1;
      return products.some((words_) => words.every((word) => words_.includes(word)));
    },
    async closestWord(word: string) {
      state.lookups += 1;
      return corrections[word];
    },
  };
  return state;
}

describe('did you mean', () => {
  const shop = [
    ['oak', 'desk'],
    ['brass', 'lamp'],
    ['desk', 'lamp'],
  ];

  it('when a word matches nothing, then the closest indexed word replaces it', async () => {
    expect(await closestQuery(['dsek', 'lamp'], source(shop, { dsek: 'desk' }))).toBe('desk lamp');
  });

  it('when a word has no close word at all, then it is dropped', async () => {
    expect(await closestQuery(['zzzz', 'lamp'], source(shop, {}))).toBe('lamp');
  });

  it('when each word matches but not together, then the query without the last non-matching word is proposed', async () => {
    expect(await closestQuery(['oak', 'lamp'], source(shop, {}))).toBe('oak');
  });

  it('when nothing can be corrected, then there is no proposal', async () => {
    expect(await closestQuery(['zzzz'], source(shop, {}))).toBeNull();
  });

  it('when the query has ten words, then the work is bounded (at most three lookups per word)', async () => {
    const words = Array.from({ length: 10 }, (_, index) => `junk${index}`);
    const counted = source(shop, {});
    await closestQuery(words, counted);
    expect(counted.lookups).toBeLessThanOrEqual(30);
  });
});
