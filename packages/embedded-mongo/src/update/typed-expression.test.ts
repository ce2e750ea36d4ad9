import { Decimal128, Double, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { computeOptions } from '../query/expressions.js';
import { evaluateTyped } from './typed-expression.js';

const evaluate = (expr: unknown, root: Record<string, unknown> = {}) =>
  evaluateTyped(expr, { root, variables: { rate: new Double(2) }, options: computeOptions() });

describe('typed expression evaluation for pipeline updates', () => {
  it('when an operand is null or missing, then $add, $subtract and $multiply give null', () => {
    expect(evaluate({ $add: ['$missing', 1] })).toBeNull();
    expect(evaluate({ $subtract: [1, null] })).toBeNull();
    expect(evaluate({ $multiply: [2, '$missing'] })).toBeNull();
  });

  it('when a date is involved, then $add moves it and $subtract of two dates is a long of milliseconds', () => {
    const at = new Date('2024-01-01T00:00:00Z');
    expect(evaluate({ $add: ['$at', 1000] }, { at })).toEqual(new Date('2024-01-01T00:00:01Z'));
    const diff = evaluate({ $subtract: ['$later', '$at'] }, { at, later: new Date(at.getTime() + 5) });
    expect(diff).toBeInstanceOf(Long);
    expect(String(diff)).toBe('5');
  });

  it('when an operand is not a number, then the error is a TypeMismatch naming its type', () => {
    expect(() => evaluate({ $add: ['x', 1] })).toThrow(/\$add only supports numeric or date types, not string/);
    expect(() => evaluate({ $multiply: [true, 1] })).toThrow(/not bool/);
  });

  it('when a Decimal128 takes part in arithmetic, then the engine refuses rather than round through a double', () => {
    expect(() => evaluate({ $add: ['$d', 1] }, { d: Decimal128.fromString('0.1') })).toThrow(/Decimal128/);
  });

  it('when $divide divides integers, then the result is a Double, and dividing by zero fails', () => {
    const result = evaluate({ $divide: [6, 3] });
    expect(result).toBeInstanceOf(Double);
    expect((result as Double).value).toBe(2);
    expect(() => evaluate({ $divide: [1, 0] })).toThrow(/divide by zero/);
  });

  it('when a let variable is referenced, then its stored type is carried', () => {
    expect(evaluate({ $multiply: ['$$rate', 3] })).toBeInstanceOf(Double);
  });

  it('when an operator returns an int by definition, then its result is accepted as an Int32', () => {
    expect(evaluate({ $size: '$tags' }, { tags: ['a', 'b'] })).toBe(2);
  });
});
