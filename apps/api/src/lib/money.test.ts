import { describe, expect, it } from 'vitest';
import {
  allocate,
  cappedDiscount,
  formatMoney,
  minorUnitDigits,
  parseDecimalMinor,
  percentOf,
  toDecimalString,
} from './money.js';

describe('percentOf', () => {
  it('when the result has half a cent, then it rounds half up', () => {
    expect(percentOf(125, 10)).toBe(13);
    expect(percentOf(124, 10)).toBe(12);
    expect(percentOf(1999, 15)).toBe(300);
  });

  it('when amounts are large, then no floating-point error creeps in', () => {
    expect(percentOf(1_000_000_001, 33)).toBe(330_000_000);
    expect(percentOf(10_000_000_000, 7)).toBe(700_000_000);
  });

  it('when percent is 0 or 100, then nothing or everything', () => {
    expect(percentOf(4321, 0)).toBe(0);
    expect(percentOf(4321, 100)).toBe(4321);
  });

  it('when given a float, a negative amount or a percent out of range, then it throws', () => {
    expect(() => percentOf(10.5, 10)).toThrow(RangeError);
    expect(() => percentOf(-1, 10)).toThrow(RangeError);
    expect(() => percentOf(100, 101)).toThrow(RangeError);
    expect(() => percentOf(100, 12.5)).toThrow(RangeError);
  });
});

describe('cappedDiscount', () => {
  it('when a fixed discount is larger than the amount, then it is capped at the amount', () => {
    expect(cappedDiscount(500, 1000)).toBe(500);
    expect(cappedDiscount(1500, 1000)).toBe(1000);
  });
});

describe('allocate', () => {
  it('when splitting a discount across lines, then the parts add up exactly and follow the weights', () => {
    const parts = allocate(1000, [3333, 3333, 3334]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(parts).toEqual([333, 333, 334]);
  });

  it('when remainders tie, then earlier parts get the extra cent', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('when a weight is zero, then its part is zero', () => {
    expect(allocate(100, [0, 50, 50])).toEqual([0, 50, 50]);
  });

  it('when every random split is checked, then sums are exact and no part exceeds its weight share by a cent', () => {
    for (let trial = 0; trial < 500; trial += 1) {
      const weights = Array.from(
        { length: 1 + (trial % 7) },
        (_, index) => ((trial * 7919 + index * 104729) % 100_000) + 1,
      );
      const total = (trial * 15485863) % weights.reduce((a, b) => a + b, 0);
      const parts = allocate(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      const sum = weights.reduce((a, b) => a + b, 0);
      parts.forEach((part, index) => expect(Math.abs(part - (total * (weights[index] ?? 0)) / sum)).toBeLessThan(1));
    }
  });

  it('when there is nothing to allocate over, then it refuses a non-zero amount', () => {
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocate(5, [0, 0])).toThrow(RangeError);
    expect(allocate(5, [])).toEqual([]);
  });
});

describe('formatting', () => {
  it('when a currency has no minor unit, then no decimals are used', () => {
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('USD')).toBe(2);
    expect(toDecimalString(1234, 'JPY')).toBe('1234');
  });

  it('when converting to a decimal string, then cents are zero-padded', () => {
    expect(toDecimalString(1205, 'USD')).toBe('12.05');
    expect(toDecimalString(5, 'EUR')).toBe('0.05');
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
  });
});

describe('parseDecimalMinor', () => {
  it('when a decimal price is read, then it becomes minor units exactly, without float drift', () => {
    expect(parseDecimalMinor('19.99', 'USD')).toBe(1999);
    expect(parseDecimalMinor('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999999999999996 as a float
    expect(parseDecimalMinor('1.1', 'USD')).toBe(110);
    expect(parseDecimalMinor('7', 'USD')).toBe(700);
    expect(parseDecimalMinor(' 12.500 ', 'USD')).toBe(1250);
    expect(parseDecimalMinor('1200', 'JPY')).toBe(1200);
    expect(parseDecimalMinor('1.234', 'BHD')).toBe(1234);
  });

  it('when the text is not a plain amount of the currency, then it is refused', () => {
    for (const text of ['', '-1.00', '1,99', '1e3', '$5', '19.999', 'abc', '1.2.3', '99999999999999999.99'])
      expect(parseDecimalMinor(text, 'USD'), text).toBeNull();
    expect(parseDecimalMinor('5.5', 'JPY')).toBeNull();
  });
});
