import { describe, expect, it } from 'vitest';
import { allocateProportionally, percentOf } from './allocate.js';

describe('allocateProportionally', () => {
  it('when the total divides evenly, then each part is its exact share', () => {
    expect(allocateProportionally(300, [100, 200])).toEqual([100, 200]);
  });

  it('when shares have remainders, then the parts still add up and the largest remainders get the extra units', () => {
    const parts = allocateProportionally(100, [1, 1, 1]);

    expect(parts).toEqual([34, 33, 33]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('when weights are large, then the split stays exact (no floating-point drift)', () => {
    const weights = [99_999_999 * 999_999, 1, 7];

    const parts = allocateProportionally(12_345_678, weights);

    expect(parts.reduce((a, b) => a + b, 0)).toBe(12_345_678);
    expect(parts[1]).toBe(0);
  });

  it('when there is nothing to split or no weight, then every part is zero', () => {
    expect(allocateProportionally(0, [5, 5])).toEqual([0, 0]);
    expect(allocateProportionally(10, [0, 0])).toEqual([0, 0]);
  });
});

describe('percentOf', () => {
  it('when the result has half a minor unit, then it rounds half up', () => {
    expect(percentOf(1005, 10)).toBe(101);
    expect(percentOf(1004, 10)).toBe(100);
  });

  it('when the percentage has decimals, then they count exactly', () => {
    expect(percentOf(10_000, 12.5)).toBe(1250);
    expect(percentOf(2693, 15)).toBe(404);
  });
});
