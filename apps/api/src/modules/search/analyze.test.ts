import { describe, expect, it } from 'vitest';
import { deletions, pluralKey, queryWords, typoBudget, typoBudgetOf, words } from './analyze.js';
import { editDistance } from './edit-distance.js';
import { prefixes, searchKeys } from './search-keys.js';

describe('words and query words', () => {
  it('when text has accents, case and punctuation, then words are folded and split on anything not a letter or digit', () => {
    expect(words('Chef’s Knife 20 cm — Crème BRÛLÉE!')).toEqual(['chef', 's', 'knife', '20', 'cm', 'creme', 'brulee']);
  });

  it('when a query repeats words or has more than ten, then distinct words are kept, in order, at most ten', () => {
    expect(queryWords('knife KNIFE knífe set')).toEqual(['knife', 'set']);
    expect(queryWords(Array.from({ length: 200 }, (_, index) => `w${index}`).join(' '))).toHaveLength(10);
  });

  it('when the query is only punctuation, regex metacharacters or over-long words, then it has no word at all', () => {
    expect(queryWords('.*+?^${}()|[]\\ !!! ---')).toEqual([]);
    expect(queryWords('x'.repeat(41))).toEqual([]);
  });
});

describe('plural keys', () => {
  it.each([
    ['knife', 'knives'],
    ['glove', 'gloves'],
    ['shelf', 'shelves'],
    ['box', 'boxes'],
    ['dish', 'dishes'],
    ['glass', 'glasses'],
    ['case', 'cases'],
    ['battery', 'batteries'],
    ['headphone', 'headphones'],
    ['shoe', 'shoes'],
    ['speaker', 'speakers'],
  ])('when %s and %s are keyed, then they meet', (singular, plural) => {
    expect(pluralKey(plural)).toBe(pluralKey(singular));
  });

  it('when a word is short, holds digits or ends in ss/us/is, then its s is not taken for a plural', () => {
    expect(pluralKey('gas')).toBe('gas');
    expect(pluralKey('2ps')).toBe('2ps');
    expect(pluralKey('glass')).toBe('glass');
    expect(pluralKey('cactus')).toBe('cactus');
    expect(pluralKey('analysis')).toBe('analysis');
  });

  it('when unrelated words are keyed, then they stay apart', () => {
    expect(pluralKey('knit')).not.toBe(pluralKey('knife'));
    expect(pluralKey('lamp')).not.toBe(pluralKey('lamb'));
  });
});

describe('typo budget and edit distance', () => {
  it('when a word is under 4 letters, then no typo is forgiven; 4 to 7 letters one; 8 and more two', () => {
    expect([3, 4, 7, 8, 12].map(typoBudget)).toEqual([0, 1, 1, 2, 2]);
  });

  it.each([
    ['turntabel', 'turntable', 1], // transposition counts once
    ['headphnes', 'headphones', 1], // deletion
    ['kinfe', 'knife', 1],
    ['sofa', 'soda', 1],
    ['skilet', 'skillet', 1],
    ['hedphnes', 'headphones', 2],
    ['kitten', 'sitting', 3],
  ])('when %s is compared with %s, then the distance is %i', (a, b, distance) => {
    expect(editDistance(a, b, 3)).toBe(distance);
    expect(editDistance(b, a, 3)).toBe(distance);
  });

  it('when words are further apart than the budget, then the answer is budget + 1 (it gives up early)', () => {
    expect(editDistance('turntable', 'typewriter', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
  });

  it('when a word holds a digit, then no typo is forgiven in it (model numbers differ by one character)', () => {
    expect(typoBudgetOf('lantern1')).toBe(0);
    expect(typoBudgetOf('lanterns')).toBe(2);
  });

  it('when a typo is within budget, then the deletion neighbourhoods of both words share a key', () => {
    for (const [typed, stored] of [
      ['turntabel', 'turntable'],
      ['headphnes', 'headphones'],
      ['kinfe', 'knife'],
      ['hedphnes', 'headphones'],
      ['ketle', 'kettle'],
    ] as const) {
      const budget = Math.min(typoBudget(typed.length), typoBudget(stored.length));
      const stored_ = new Set(deletions(stored, typoBudget(stored.length)));
      expect(
        deletions(typed, budget).some((key) => stored_.has(key)),
        `${typed}/${stored}`,
      ).toBe(true);
    }
  });

  it('when deletions are listed, then their number is bounded by the word length and distance', () => {
    expect(deletions('knife', 1).sort()).toEqual(['kife', 'knfe', 'knie', 'knif', 'knife', 'nife'].sort());
    expect(deletions('headphones', 2).length).toBeLessThanOrEqual(1 + 10 + 45);
  });
});

describe('search keys of a product', () => {
  const keys = searchKeys({
    name: 'Chef’s Knife 20 cm',
    category: 'Kitchen',
    attributes: ['Stainless'],
    description: 'Forged stainless steel with a walnut handle.',
  });

  it('when a product is indexed, then its name words get name keys and name prefixes', () => {
    expect(keys).toEqual(expect.arrayContaining(['n:knif', 'np:kn', 'np:knif', 'np:knife', 'n:chef']));
  });

  it('when a product is indexed, then every field gets plural keys and prefixes, but only strong fields typo keys', () => {
    expect(keys).toEqual(expect.arrayContaining(['s:kitchen', 'p:kit', 's:walnut', 'p:wal', 'd:knfe', 'd:kitchn']));
    expect(keys).not.toContain('d:walnt');
    expect(keys).not.toContain('p:k'); // one letter would put everything under a few keys
  });

  it('when a description is very long, then the number of keys stays bounded', () => {
    const description = Array.from({ length: 2_000 }, (_, index) => `word${index}`).join(' ');
    const many = searchKeys({ name: 'Lamp', category: null, attributes: [], description });
    expect(many.length).toBeLessThan(300 + 50 * 6 + 20);
    expect(many).toContain('s:word299');
    expect(many).not.toContain('s:word300');
  });

  it('when a word is longer than the prefix limit, then its prefixes stop at 20 letters', () => {
    expect(prefixes('a'.repeat(30)).at(-1)).toHaveLength(20);
  });
});
