import { describe, expect, it } from 'vitest';
import { describeMoneyInputError, formatMoneyInput, parseMoneyInput } from './money-input.js';

const minor = (input: string, digits = 2) => {
  const result = parseMoneyInput(input, digits);
  return result.ok ? result.amountMinor : result.reason;
};

describe('parseMoneyInput', () => {
  it('when a decimal price is typed, then it becomes exact minor units', () => {
    expect(minor('12.30')).toBe(1230);
    expect(minor('12.3')).toBe(1230);
    expect(minor('12')).toBe(1200);
    expect(minor('0.05')).toBe(5);
    expect(minor('19.99')).toBe(1999);
  });

  it('when values that are inexact as floats are typed, then the result is still exact', () => {
    // 0.29 * 100 === 28.999999999999996 and 1.005 * 100 === 100.49999999999999 in floating point.
    expect(minor('0.29')).toBe(29);
    expect(minor('1.15')).toBe(115);
    expect(minor('4.35')).toBe(435);
    expect(minor('1.005', 3)).toBe(1005);
  });

  it('when the input has spaces, a comma decimal mark, a leading or trailing mark, or padding zeros, then it is read', () => {
    expect(minor('  7.50 ')).toBe(750);
    expect(minor('7,50')).toBe(750);
    expect(minor('.5')).toBe(50);
    expect(minor('5.')).toBe(500);
    expect(minor('007.500')).toBe(750);
    expect(minor('0')).toBe(0);
  });

  it('when the currency has 0 or 3 minor digits, then they decide the scale', () => {
    expect(minor('1500', 0)).toBe(1500);
    expect(minor('1500.0', 0)).toBe(1500);
    expect(minor('1.5', 0)).toBe('too-precise');
    expect(minor('1.234', 3)).toBe(1234);
  });

  it('when the input is empty or not a plain decimal, then it is rejected with a reason', () => {
    expect(minor('')).toBe('empty');
    expect(minor('   ')).toBe('empty');
    for (const bad of ['.', 'abc', '-1', '+1', '1e3', '1.2.3', '1,234.50', '12 30', '$12', 'NaN', 'Infinity']) {
      expect(minor(bad)).toBe('invalid');
    }
  });

  it('when there are more decimals than the currency has, then it is rejected instead of rounded', () => {
    expect(minor('12.345')).toBe('too-precise');
    expect(minor('0.001')).toBe('too-precise');
  });

  it('when the amount is beyond safe integers, then it is rejected', () => {
    expect(minor('90071992547409.93')).toBe('too-large');
    expect(minor('90071992547409.91')).toBe(9007199254740991);
  });
});

describe('formatMoneyInput', () => {
  it('when minor units are formatted for editing, then the decimal string round-trips through the parser', () => {
    expect(formatMoneyInput(1230, 2)).toBe('12.30');
    expect(formatMoneyInput(5, 2)).toBe('0.05');
    expect(formatMoneyInput(0, 2)).toBe('0.00');
    expect(formatMoneyInput(1500, 0)).toBe('1500');
    expect(formatMoneyInput(1234, 3)).toBe('1.234');
    for (const amount of [0, 1, 29, 115, 99999, 123456789]) {
      expect(minor(formatMoneyInput(amount, 2))).toBe(amount);
    }
  });

  it('when the amount is negative or fractional, then it throws', () => {
    expect(() => formatMoneyInput(-1, 2)).toThrow(RangeError);
    expect(() => formatMoneyInput(1.5, 2)).toThrow(RangeError);
  });
});

describe('describeMoneyInputError', () => {
  it('when a reason is described, then the sentence fits the currency', () => {
    expect(describeMoneyInputError('too-precise', 2)).toBe('Use at most 2 decimals');
    expect(describeMoneyInputError('too-precise', 0)).toBe('This currency has no decimals');
    expect(describeMoneyInputError('invalid', 2)).toMatch(/12\.30/);
  });
});
