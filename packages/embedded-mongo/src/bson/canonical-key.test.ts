import { Binary, Decimal128, Double, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { canonicalKey } from './canonical-key.js';

describe('canonicalKey', () => {
  it('when numbers are equal across BSON types, then they share one key', () => {
    const keys = new Set([
      canonicalKey(1),
      canonicalKey(new Double(1)),
      canonicalKey(Long.fromNumber(1)),
      canonicalKey(Decimal128.fromString('1')),
    ]);
    expect(keys.size).toBe(1);
  });

  it('when zero is negative, then it keys like zero', () => {
    expect(canonicalKey(-0)).toBe(canonicalKey(0));
  });

  it('when a large Int64 and an equal double meet, then they share a key', () => {
    expect(canonicalKey(Long.fromString('1152921504606846976'))).toBe(canonicalKey(2 ** 60));
  });

  it('when values of different types look alike, then their keys differ', () => {
    const keys = [
      canonicalKey('1'),
      canonicalKey(1),
      canonicalKey(true),
      canonicalKey(null),
      canonicalKey([1]),
      canonicalKey({ 1: 1 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('when null and missing are keyed, then they share a key (MongoDB indexes missing as null)', () => {
    expect(canonicalKey(undefined)).toBe(canonicalKey(null));
  });

  it('when strings contain separator characters, then keys stay unambiguous', () => {
    expect(canonicalKey(['a,s1:b'])).not.toBe(canonicalKey(['a', 'b']));
    expect(canonicalKey({ a: 'x;1:b=s1:y' })).not.toBe(canonicalKey({ a: 'x', b: 'y' }));
  });

  it('when embedded documents differ only in field order, then their keys differ', () => {
    expect(canonicalKey({ a: 1, b: 2 })).not.toBe(canonicalKey({ b: 2, a: 1 }));
  });

  it('when ObjectIds, dates and binaries are keyed, then equal values share keys', () => {
    const id = new ObjectId();
    expect(canonicalKey(new ObjectId(id.toHexString()))).toBe(canonicalKey(id));
    expect(canonicalKey(new Date(5))).toBe(canonicalKey(new Date(5)));
    expect(canonicalKey(new Binary(Buffer.from('ab')))).toBe(canonicalKey(new Binary(Buffer.from('ab'))));
    expect(canonicalKey(new Binary(Buffer.from('ab'), 4))).not.toBe(canonicalKey(new Binary(Buffer.from('ab'))));
  });
});
