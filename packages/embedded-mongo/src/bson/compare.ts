import type { Binary, Long, ObjectId, Timestamp } from 'bson';
import { bsonTag, toNumber, typeRank } from './values.js';

/** Compares strings by Unicode code point, which is the byte order of their UTF-8 encoding (MongoDB's simple collation). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      if (ca >= 0xd800 && cb >= 0xd800) return codeUnitRank(ca) - codeUnitRank(cb);
      return ca - cb;
    }
  }
  return a.length - b.length;
}

// Surrogates encode code points above U+FFFF, so they must sort after U+E000..U+FFFF, unlike in UTF-16 order.
function codeUnitRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

function compareNumbers(a: unknown, b: unknown): number {
  const ta = bsonTag(a);
  const tb = bsonTag(b);
  if (ta === 'Long' || tb === 'Long') {
    const exact = compareWithLong(a, b, ta === 'Long', tb === 'Long');
    if (exact !== undefined) return exact;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

// Longs beyond 2^53 lose precision as doubles; compare them as bigints when the other side is integral.
function compareWithLong(a: unknown, b: unknown, aLong: boolean, bLong: boolean): number | undefined {
  const x = aLong ? (a as Long).toBigInt() : integralBigInt(toNumber(a));
  const y = bLong ? (b as Long).toBigInt() : integralBigInt(toNumber(b));
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

function integralBigInt(value: number): bigint | undefined {
  return Number.isInteger(value) ? BigInt(value) : undefined;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  return compareObjectsBy(a, b, compareValues);
}

/**
 * Documents in MongoDB's order: field by field, type rank first, then the field name (always binary), then the value
 * by `compareValue` (plain BSON order, or a collation's).
 */
export function compareObjectsBy(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  compareValue: (x: unknown, y: unknown) => number,
): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const length = Math.min(ka.length, kb.length);
  for (let i = 0; i < length; i++) {
    const fa = ka[i] as string;
    const fb = kb[i] as string;
    const va = a[fa];
    const vb = b[fb];
    const byType = typeRank(va) - typeRank(vb);
    if (byType !== 0) return byType;
    const byName = compareStrings(fa, fb);
    if (byName !== 0) return byName;
    const byValue = compareValue(va, vb);
    if (byValue !== 0) return byValue;
  }
  return ka.length - kb.length;
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const d = compareValues(a[i], b[i]);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function compareBinary(a: Binary, b: Binary): number {
  if (a.position !== b.position) return a.position - b.position;
  if (a.sub_type !== b.sub_type) return a.sub_type - b.sub_type;
  return compareBytes(a.buffer.subarray(0, a.position), b.buffer.subarray(0, b.position));
}

function compareRegex(a: unknown, b: unknown): number {
  const ra = regexParts(a);
  const rb = regexParts(b);
  return compareStrings(ra[0], rb[0]) || compareStrings(ra[1], rb[1]);
}

function regexParts(value: unknown): [string, string] {
  if (value instanceof RegExp) return [value.source, value.flags];
  const r = value as { pattern: string; options: string };
  return [r.pattern, r.options];
}

/** Total order over BSON values following MongoDB: type rank first (numbers compare across numeric types), then value. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 127:
      return 0;
    case 3:
      if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : compareNumbers(a, b);
      return compareNumbers(a, b);
    case 4:
      return compareStrings(String(a), String(b));
    case 5:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 6:
      return compareArrays(a as unknown[], b as unknown[]);
    case 7:
      return compareBinary(a as Binary, b as Binary);
    case 8:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 11: {
      const ta = a as Timestamp;
      const tb = b as Timestamp;
      return Math.sign(ta.t - tb.t) || Math.sign(ta.i - tb.i);
    }
    case 12:
      return compareRegex(a, b);
    default:
      return compareStrings(String(a), String(b));
  }
}

/** MongoDB equality: same canonical type and equal value (1, 1.0 and Long(1) are equal; field order matters). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return a !== undefined || b === undefined;
  return compareValues(a, b) === 0;
}

/** Strict equality that also requires the same BSON types (used to decide whether an update modified a document). */
export function identical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b as number));
  if (a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => identical(v, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ta = bsonTag(a);
  if (ta !== bsonTag(b)) return false;
  if (ta === undefined && !(a instanceof Date) && !(a instanceof RegExp)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b as object);
    if (ka.length !== kb.length) return false;
    return ka.every((k, i) => k === kb[i] && identical((a as never)[k], (b as never)[k]));
  }
  if (a instanceof Date || a instanceof RegExp) {
    if (a.constructor !== (b as object).constructor) return false;
  }
  return compareValues(a, b) === 0;
}
