import { Binary, Decimal128, Double, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { describe, expect, it } from 'vitest';
import { compareStrings, compareValues, identical, valuesEqual } from './compare.js';

describe('compareValues (BSON type order)', () => {
  it('when values of every type are sorted, then MongoDB type order results', () => {
    const ordered = [
      new MinKey(),
      null,
      -5,
      new Double(2.5),
      Long.fromNumber(3),
      'B',
      'a',
      { x: 1 },
      [1],
      new Binary(Buffer.from('z')),
      new ObjectId('000000000000000000000001'),
      false,
      true,
      new Date(0),
      new Timestamp({ t: 1, i: 0 }),
      /re/,
      new MaxKey(),
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareValues)).toEqual(ordered);
  });

  it('when numbers of different BSON types hold the same value, then they compare equal', () => {
    expect(compareValues(1, new Double(1))).toBe(0);
    expect(compareValues(Long.fromNumber(1), 1)).toBe(0);
    expect(compareValues(Decimal128.fromString('1.0'), 1)).toBe(0);
  });

  it('when Int64 values exceed 2^53, then they still compare exactly', () => {
    const a = Long.fromString('9007199254740993');
    const b = Long.fromString('9007199254740992');
    expect(compareValues(a, b)).toBe(1);
    expect(compareValues(b, 9007199254740992)).toBe(0);
  });

  it('when NaN is compared, then it sorts below every other number and equals itself', () => {
    expect(compareValues(Number.NaN, -Infinity)).toBe(-1);
    expect(compareValues(Number.NaN, Number.NaN)).toBe(0);
  });

  it('when missing (undefined) is compared with null, then they are equal', () => {
    expect(compareValues(undefined, null)).toBe(0);
  });

  it('when embedded documents differ in field order, then they are not equal', () => {
    expect(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(valuesEqual({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe(true);
  });

  it('when arrays are compared, then elements decide before length', () => {
    expect(compareValues([1, 2], [1, 3])).toBeLessThan(0);
    expect(compareValues([1, 2], [1, 2, 0])).toBeLessThan(0);
    expect(compareValues([2], [1, 9])).toBeGreaterThan(0);
  });

  it('when binaries are compared, then length comes before subtype and bytes', () => {
    const short = new Binary(Buffer.from('zz'));
    const long = new Binary(Buffer.from('aaa'));
    expect(compareValues(short, long)).toBeLessThan(0);
  });
});

describe('compareStrings', () => {
  it('when strings contain characters beyond the BMP, then code point order is used (UTF-8 byte order)', () => {
    const emoji = '\u{1F600}';
    const privateUse = '\uE000';
    expect(compareStrings(emoji, privateUse)).toBeGreaterThan(0);
    expect(emoji < privateUse).toBe(true);
  });

  it('when strings share a prefix, then the shorter sorts first', () => {
    expect(compareStrings('ab', 'abc')).toBeLessThan(0);
  });
});

describe('identical', () => {
  it('when numeric types differ, then values are not identical even if equal', () => {
    expect(identical(5, new Double(5))).toBe(false);
    expect(identical(new Double(5), new Double(5))).toBe(true);
  });

  it('when nested documents match exactly, then they are identical', () => {
    expect(identical({ a: [1, { b: new Date(5) }] }, { a: [1, { b: new Date(5) }] })).toBe(true);
    expect(identical({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
