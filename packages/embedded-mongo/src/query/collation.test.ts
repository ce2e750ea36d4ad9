import { describe, expect, it } from 'vitest';
import type { MongoCommandError } from '../errors.js';
import { CollatedMap, collationKey, compareCollated, parseCollation, type Collation } from './collation.js';

// Every character a key is derived for, plus neighbours that must stay unkeyed (ß, ø, æ, ligatures, control and
// zero-width characters, marks that share a secondary weight, CJK, Cyrillic).
function alphabet(): string[] {
  const chars: string[] = [];
  for (let i = 0x20; i < 0x7f; i++) chars.push(String.fromCharCode(i));
  for (let i = 0xc0; i < 0x250; i++) chars.push(String.fromCharCode(i));
  for (let i = 0x300; i < 0x370; i++) chars.push(`e${String.fromCharCode(i)}`, String.fromCharCode(i));
  chars.push('\u0000', '\u0001', '\t', '\u00ad', '\u200b', '\ufb01', 'Ａ', 'Ω', 'ж', '中', 'ǅ', 'ﬀ', '\u1e9e');
  chars.push('0', '00', '007', '7', '10', '9', '000000000000000000001');
  return chars;
}

// Deterministic pseudo-random strings of one to three alphabet entries.
function samples(count: number): string[] {
  const chars = alphabet();
  const out = new Set<string>(chars);
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed >> 8;
  };
  while (out.size < count) {
    const length = 1 + (next() % 3);
    let s = '';
    for (let i = 0; i < length; i++) s += chars[next() % chars.length];
    out.add(s);
  }
  return [...out];
}

/**
 * Keys are sound when, among keyed strings, equal keys mean compare() === 0 and compare() === 0 means equal keys.
 * Sorting by the collation puts equal strings side by side, so checking neighbours and key groups covers every pair.
 */
function checkKeys(collation: Collation, strings: string[]): void {
  const keyed = strings.filter((s) => collation.stringKey(s) !== undefined);
  expect(keyed.length).toBeGreaterThan(strings.length / 5);
  const sorted = [...keyed].sort(collation.compareStrings);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as string;
    const b = sorted[i] as string;
    if (collation.compareStrings(a, b) === 0)
      expect([a, b, collation.stringKey(a)]).toEqual([a, b, collation.stringKey(b)]);
  }
  const groups = new Map<string, string>();
  for (const s of keyed) {
    const key = collation.stringKey(s) as string;
    const first = groups.get(key);
    if (first === undefined) groups.set(key, s);
    else expect([first, s, collation.compareStrings(first, s)]).toEqual([first, s, 0]);
  }
}

const strings = samples(6000);

describe('collation keys agree with Intl.Collator', () => {
  const variants: Array<Record<string, unknown>> = [
    { strength: 1 },
    { strength: 2 },
    { strength: 3 },
    { strength: 1, caseLevel: true },
    { strength: 2, caseLevel: true },
    { strength: 3, caseLevel: true, caseFirst: 'upper' },
    { strength: 2, numericOrdering: true },
    { strength: 3, numericOrdering: true },
    { strength: 1, alternate: 'shifted' },
    { strength: 3, alternate: 'shifted', numericOrdering: true },
  ];
  for (const options of variants) {
    it(`when the collation is ${JSON.stringify(options)}, then equal keys mean equal strings and back`, () => {
      checkKeys(parseCollation({ locale: 'en', ...options }) as Collation, strings);
    });
  }
});

describe('parseCollation', () => {
  it('when the collation is simple or absent, then there is none', () => {
    expect(parseCollation(undefined)).toBeUndefined();
    expect(parseCollation({ locale: 'simple' })).toBeUndefined();
  });

  it('when options are left out, then the spec reports every default as MongoDB does', () => {
    expect(parseCollation({ locale: 'en', strength: 2 })?.spec).toEqual({
      locale: 'en',
      caseLevel: false,
      caseFirst: 'off',
      strength: 2,
      numericOrdering: false,
      alternate: 'non-ignorable',
      maxVariable: 'punct',
      normalization: false,
      backwards: false,
      version: '57.1',
    });
  });

  it('when a collation is malformed, then it fails like mongod', () => {
    const code = (raw: unknown) => {
      try {
        parseCollation(raw);
        return 0;
      } catch (error) {
        return (error as MongoCommandError).code;
      }
    };
    expect(code({})).toBe(40414);
    expect(code({ locale: 'en', bogus: 1 })).toBe(40415);
    expect(code({ locale: 'en', strength: 6 })).toBe(51024);
    expect(code({ locale: 'zz_nope' })).toBe(2);
    expect(code({ locale: 'EN' })).toBe(2);
    expect(code({ locale: 'en', strength: 2, caseFirst: 'upper' })).toBe(2);
    expect(code({ locale: 'simple', strength: 2 })).toBe(9);
    expect(code({ locale: 'fr_CA' })).toBe(238);
    expect(code({ locale: 'de@collation=phonebook' })).toBe(238);
    expect(code({ locale: 'en', strength: 4 })).toBe(238);
    expect(code({ locale: 'en', backwards: true })).toBe(238);
  });
});

describe('collated comparison', () => {
  const ci = parseCollation({ locale: 'en', strength: 2 }) as Collation;

  it('when strings sit in documents and arrays, then they compare by the collation and field names stay binary', () => {
    expect(compareCollated({ a: 'X', b: ['Y'] }, { a: 'x', b: ['y'] }, ci)).toBe(0);
    expect(compareCollated({ A: 'x' }, { a: 'x' }, ci)).not.toBe(0);
    expect(compareCollated(5, '5', ci)).toBeLessThan(0);
  });

  it('when values hold no strings, then their keys are the canonical keys of the simple collation', () => {
    expect(collationKey({ n: 1, d: new Date(0) }, ci)).toBe(collationKey({ n: 1, d: new Date(0) }, undefined));
    expect(collationKey(['A', 1], ci)).toBe(collationKey(['a', 1], ci));
  });

  it('when keyed and unkeyed values are grouped, then equal values land in one group', () => {
    const accentless = parseCollation({ locale: 'en', strength: 1 }) as Collation;
    const groups = new CollatedMap<string[]>(accentless);
    for (const value of ['ss', 'ß', 'SS', 'Straße', 'strasse', 'ø', 'o']) groups.getOrAdd(value, () => []).push(value);
    expect(groups.entries().map((e) => e.value)).toEqual(['ss', 'Straße', 'ø']);
  });
});
