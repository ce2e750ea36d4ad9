import { describe, expect, it } from 'vitest';
import { roundAtPlace } from './expression-fixes.js';

describe('rounding at a decimal place as MongoDB does (on the exact decimal value of the double)', () => {
  it('when a value is exactly halfway, then it rounds to the even neighbour', () => {
    expect(roundAtPlace(2.5, 0, 'round')).toBe(2);
    expect(roundAtPlace(3.5, 0, 'round')).toBe(4);
    expect(roundAtPlace(-2.5, 0, 'round')).toBe(-2);
    expect(roundAtPlace(19.25, 1, 'round')).toBe(19.2);
  });

  it('when the double is just above or below a halfway decimal, then its exact value decides', () => {
    expect(roundAtPlace(1.55, 1, 'round')).toBe(1.6); // 1.5500000000000000444…
    expect(roundAtPlace(1.015, 2, 'round')).toBe(1.01); // 1.0149999999999999023…
    expect(roundAtPlace(2.345, 2, 'round')).toBe(2.35); // 2.3450000000000001953…
  });

  it('when the place is negative, then tens, hundreds… are rounded and truncation drops the digits', () => {
    expect(roundAtPlace(25, -1, 'round')).toBe(20);
    expect(roundAtPlace(35, -1, 'round')).toBe(40);
    expect(roundAtPlace(123.456, -2, 'trunc')).toBe(100);
    expect(roundAtPlace(1234.5678, 2, 'trunc')).toBe(1234.56);
  });

  it('when the result is zero from a negative value, then it keeps the sign (-0)', () => {
    expect(Object.is(roundAtPlace(-0.4, 0, 'round'), -0)).toBe(true);
  });
});
