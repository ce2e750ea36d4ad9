import { Decimal128, Double, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { addNumbers, bitwiseNumbers, multiplyNumbers, numericKind } from './numeric.js';

describe('typed arithmetic', () => {
  it('when two Int32 values are added, then the result is an Int32 number', () => {
    expect(addNumbers(2, 3)).toBe(5);
    expect(numericKind(addNumbers(2, 3))).toBe('int');
  });

  it('when an Int32 addition overflows, then the result is an Int64', () => {
    const result = addNumbers(2147483647, 1);
    expect(result).toBeInstanceOf(Long);
    expect(String(result)).toBe('2147483648');
  });

  it('when a Double is involved, then the result is a Double (integral values keep the wrapper)', () => {
    const result = addNumbers(new Double(2), 3);
    expect(result).toBeInstanceOf(Double);
    expect((result as Double).value).toBe(5);
    expect(addNumbers(1, 0.5)).toBe(1.5);
  });

  it('when an Int64 is multiplied by an Int32, then the result stays an exact Int64', () => {
    const result = multiplyNumbers(Long.fromString('4611686018427387904'), 1);
    expect(String(result)).toBe('4611686018427387904');
  });

  it('when a Decimal128 is involved, then the engine refuses (inexact through a double) with NotImplemented', () => {
    expect(() => addNumbers(Decimal128.fromString('0.1'), Decimal128.fromString('0.2'))).toThrow(
      expect.objectContaining({ code: 238, message: expect.stringContaining('Decimal128') }),
    );
    expect(() => multiplyNumbers(Decimal128.fromString('1.5'), 2)).toThrow(expect.objectContaining({ code: 238 }));
  });

  it('when $bit combines Int32 values, then the result stays 32-bit', () => {
    expect(bitwiseNumbers(0b1100, 0b1010, 'and')).toBe(0b1000);
    expect(bitwiseNumbers(0b1100, 0b1010, 'or')).toBe(0b1110);
    expect(bitwiseNumbers(0b1100, 0b1010, 'xor')).toBe(0b0110);
  });
});
