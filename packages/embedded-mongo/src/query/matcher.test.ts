import { BSONSymbol, Double, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { compileFilter, type MatchDetails } from './matcher.js';

describe('compileFilter', () => {
  it('when equality meets an array, then the array or any element may match', () => {
    const matches = compileFilter({ tags: 'b' });
    expect(matches({ tags: ['a', 'b'] })).toBe(true);
    expect(matches({ tags: 'b' })).toBe(true);
    expect(matches({ tags: [['b']] })).toBe(false);
  });

  it('when a query matches through an array, then the matched position is reported for the positional operator', () => {
    const details: MatchDetails = {};
    expect(compileFilter({ 'items.sku': 'y' })({ items: [{ sku: 'x' }, { sku: 'y' }] }, details)).toBe(true);
    expect(details.position).toBe(1);
  });

  it('when numbers differ in BSON type, then equality and ranges still work', () => {
    expect(compileFilter({ n: 5 })({ n: new Double(5) })).toBe(true);
    expect(compileFilter({ n: { $gte: Long.fromNumber(5) } })({ n: 5 })).toBe(true);
    expect(compileFilter({ n: { $in: [1, 5] } })({ n: Long.fromNumber(5) })).toBe(true);
  });

  it('when $in lists strings, then a string, a symbol spelling one, or an array holding one matches', () => {
    const matches = compileFilter({ k: { $in: ['a', new BSONSymbol('b'), ['x', 'y']] } });
    expect(matches({ k: 'a' })).toBe(true);
    expect(matches({ k: 'b' })).toBe(true);
    expect(matches({ k: new BSONSymbol('a') })).toBe(true);
    expect(matches({ k: ['z', 'a'] })).toBe(true);
    expect(matches({ k: ['x', 'y'] })).toBe(true);
    expect(matches({ k: ['y', 'x'] })).toBe(false);
    expect(matches({ k: 'c' })).toBe(false);
  });

  it('when a range compares different types, then nothing matches (type bracketing)', () => {
    expect(compileFilter({ n: { $gt: 1 } })({ n: 'z' })).toBe(false);
    expect(compileFilter({ n: { $lt: 'a' } })({ n: 1 })).toBe(false);
  });

  it('when null is the operand, then missing fields and null elements match', () => {
    const matches = compileFilter({ a: null });
    expect(matches({})).toBe(true);
    expect(matches({ a: [1, null] })).toBe(true);
    expect(matches({ a: 0 })).toBe(false);
  });

  it('when $ne or $nin is used, then arrays containing the value do not match', () => {
    expect(compileFilter({ tags: { $ne: 'a' } })({ tags: ['a', 'b'] })).toBe(false);
    expect(compileFilter({ tags: { $nin: ['z'] } })({ tags: ['a', 'b'] })).toBe(true);
  });

  it('when $expr compares fields, then aggregation semantics apply', () => {
    const matches = compileFilter({ $expr: { $lt: ['$spent', '$budget'] } });
    expect(matches({ spent: 5, budget: 10 })).toBe(true);
    expect(matches({ spent: 15, budget: 10 })).toBe(false);
  });

  it('when an unsupported operator is used, then compiling fails with a message naming it', () => {
    expect(() => compileFilter({ $text: { $search: 'x' } })).toThrow(/\$text/);
    expect(() => compileFilter({ loc: { $near: [0, 0] } })).toThrow(/\$near/);
    expect(() => compileFilter({ a: { $bogus: 1 } })).toThrow(/unknown operator: \$bogus/);
  });
});
