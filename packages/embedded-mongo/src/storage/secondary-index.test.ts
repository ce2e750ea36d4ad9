import { Double } from 'bson';
import { describe, expect, it } from 'vitest';
import { parseIndexSpec } from './index-spec.js';
import { SecondaryIndex, indexValueKey } from './secondary-index.js';

function index(spec: Record<string, unknown>): SecondaryIndex {
  return new SecondaryIndex(parseIndexSpec(spec));
}

describe('index key canonicalisation', () => {
  it('when a field holds an array, then each element is its own key and the index becomes multikey', () => {
    const tags = index({ key: { tags: 1 } });
    const doc = { _id: 1, tags: ['a', 'b', 'a'] };
    const entries = tags.entriesOf(doc) ?? [];
    expect(entries.map((e) => e.prefixes[0])).toEqual([indexValueKey('a'), indexValueKey('b')]);
    tags.add(doc, entries);
    expect(tags.multikey).toBe(true);
    expect([...tags.lookup(1, indexValueKey('b'))]).toEqual([doc]);
  });

  it('when a compound index is keyed, then every prefix has its own lookup key', () => {
    const compound = index({ key: { shop: 1, sku: 1 } });
    const a = { _id: 'a', shop: 1, sku: 'a' };
    const b = { _id: 'b', shop: 1, sku: 'b' };
    compound.add(a, compound.entriesOf(a));
    compound.add(b, compound.entriesOf(b));
    expect([...compound.lookup(1, indexValueKey(1))]).toEqual([a, b]);
    expect([...compound.lookup(2, `${indexValueKey(1)}|${indexValueKey('b')}`)]).toEqual([b]);
  });

  it('when numbers of different types are indexed, then they land on the same key', () => {
    const n = index({ key: { n: 1 }, unique: true });
    const first = { _id: 1, n: 1 };
    const entries = n.entriesOf(first) ?? [];
    n.add(first, entries);
    expect(n.findConflict(n.entriesOf({ _id: 2, n: new Double(1) }) ?? [], indexValueKey(2))).toBeDefined();
    expect(n.findConflict(entries, indexValueKey(1))).toBeUndefined();
  });

  it('when a field is missing, then it is keyed as null unless the index is sparse', () => {
    expect(index({ key: { a: 1 } }).entriesOf({ b: 1 })?.[0]?.prefixes[0]).toBe(indexValueKey(null));
    expect(index({ key: { a: 1 }, sparse: true }).entriesOf({ b: 1 })).toBeUndefined();
  });

  it('when an array is empty, then its key differs from null', () => {
    expect(index({ key: { a: 1 } }).entriesOf({ a: [] })?.[0]?.prefixes[0]).not.toBe(indexValueKey(null));
  });

  it('when a partial filter does not match, then the document is not indexed', () => {
    const partial = index({ key: { email: 1 }, unique: true, partialFilterExpression: { active: true } });
    expect(partial.entriesOf({ email: 'a', active: false })).toBeUndefined();
    expect(partial.entriesOf({ email: 'a', active: true })).toHaveLength(1);
  });

  it('when two indexed fields are both arrays, then indexing fails like MongoDB (parallel arrays)', () => {
    expect(() => index({ key: { a: 1, b: 1 } }).entriesOf({ a: [1, 2], b: [3, 4] })).toThrow(/parallel arrays/);
  });

  it('when a path runs through an array of documents, then each embedded value is keyed', () => {
    const sizes = index({ key: { 'sizes.s': 1 } });
    const entries = sizes.entriesOf({ sizes: [{ s: 'S' }, { s: 'M' }, { x: 1 }] }) ?? [];
    expect(entries.map((e) => e.prefixes[0]).sort()).toEqual(
      [indexValueKey('M'), indexValueKey('S'), indexValueKey(null)].sort(),
    );
  });
});

describe('index specs', () => {
  it('when no name is given, then the MongoDB default name is derived from the keys', () => {
    expect(parseIndexSpec({ key: { a: 1, b: -1 } }).name).toBe('a_1_b_-1');
  });

  it('when a text or geo index is requested, then it is rejected as unsupported', () => {
    expect(() => parseIndexSpec({ key: { a: 'text' } })).toThrow(/not supported/);
    expect(() => parseIndexSpec({ key: { loc: '2dsphere' } })).toThrow(/not supported/);
  });

  it('when TTL is put on a compound index, then the spec is rejected', () => {
    expect(() => parseIndexSpec({ key: { a: 1, b: 1 }, expireAfterSeconds: 5 })).toThrow(/TTL/);
  });
});
