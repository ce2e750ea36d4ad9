import { Double } from 'bson';
import { describe, expect, it } from 'vitest';
import { applyOperators, validateOperatorUpdate } from './apply-operators.js';
import { compileArrayFilters } from './positional.js';

const ctx = { arrayFilters: compileArrayFilters(undefined), isInsert: false, now: new Date(0) };

describe('applyOperators', () => {
  it('when an update runs, then the stored original is never mutated', () => {
    const original = { _id: 1, a: { b: [1, 2] }, c: 1 };
    const frozen = structuredClone(original);
    const updated = applyOperators(original, { $push: { 'a.b': 3 }, $inc: { c: 1 } }, ctx);
    expect(original).toEqual(frozen);
    expect(updated).toEqual({ _id: 1, a: { b: [1, 2, 3] }, c: 2 });
  });

  it('when unchanged subtrees exist, then the new document shares them with the original', () => {
    const original = { _id: 1, big: { x: [1, 2, 3] }, n: 1 };
    const updated = applyOperators(original, { $set: { n: 2 } }, ctx);
    expect(updated.big).toBe(original.big);
  });

  it('when $inc meets an integral Double, then the Double type is kept', () => {
    const updated = applyOperators({ _id: 1, r: new Double(4) }, { $inc: { r: 1 } }, ctx);
    expect(updated.r).toBeInstanceOf(Double);
  });

  it('when arrayFilters select elements, then only those elements change', () => {
    const filters = compileArrayFilters([{ 'e.n': { $gt: 1 } }]);
    const updated = applyOperators(
      { _id: 1, xs: [{ n: 1 }, { n: 2 }] },
      { $set: { 'xs.$[e].hit': true } },
      { ...ctx, arrayFilters: filters },
    );
    expect(updated.xs).toEqual([{ n: 1 }, { n: 2, hit: true }]);
  });

  it('when two operators touch overlapping paths, then validation fails with code 40', () => {
    expect(() => validateOperatorUpdate({ $set: { 'a.b': 1 }, $unset: { a: '' } })).toThrow(
      expect.objectContaining({ code: 40 }),
    );
  });

  it('when $setOnInsert is used outside an insert, then it is ignored', () => {
    expect(applyOperators({ _id: 1 }, { $setOnInsert: { a: 1 } }, ctx)).toEqual({ _id: 1 });
    expect(applyOperators({ _id: 1 }, { $setOnInsert: { a: 1 } }, { ...ctx, isInsert: true })).toEqual({
      _id: 1,
      a: 1,
    });
  });
});
