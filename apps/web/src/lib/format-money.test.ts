import { describe, expect, it } from 'vitest';
import { currencyMinorDigits, formatMoney } from './format-money.js';

describe('formatMoney', () => {
  it('when the currency has two minor digits, then cents become the decimal part', () => {
    expect(formatMoney(1999, 'USD', 'en-US')).toBe('$19.99');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
  });

  it('when the currency has no minor unit (JPY), then the amount is whole yen', () => {
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(1500, 'JPY', 'ja-JP')).toBe('￥1,500');
  });

  it('when the currency has three minor digits (KWD), then fils are divided by 1000', () => {
    expect(formatMoney(1234, 'KWD', 'en-US')).toMatch(/^KWD\s1\.234$/);
  });

  it('when a locale is given, then its separators and symbol position are used', () => {
    // de-DE puts a no-break space before the euro sign.
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
  });

  it('when the amount is negative (a refund), then the sign is kept', () => {
    expect(formatMoney(-500, 'USD', 'en-US')).toBe('-$5.00');
  });

  it('when the currency code is lower case, then it is accepted', () => {
    expect(formatMoney(100, 'eur', 'en-US')).toBe('€1.00');
  });

  it('when the amount is not an integer, then it throws instead of guessing', () => {
    expect(() => formatMoney(19.99, 'USD', 'en-US')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'USD', 'en-US')).toThrow(RangeError);
  });

  it('when the currency code is not ISO 4217-shaped, then it throws', () => {
    expect(() => formatMoney(100, 'DOLLARS', 'en-US')).toThrow(RangeError);
  });
});

describe('currencyMinorDigits', () => {
  it('when asked, then it reports the ISO 4217 minor unit', () => {
    expect([currencyMinorDigits('USD'), currencyMinorDigits('JPY'), currencyMinorDigits('KWD')]).toEqual([2, 0, 3]);
  });
});
