import type { Binary, Decimal128, Long } from 'bson';

/** A document as the engine keeps it: decoded BSON where only Int32 and unambiguous doubles are JS numbers. */
export type Doc = Record<string, unknown>;

/** The BSON type tag of a bson class instance, or undefined for JS primitives, plain objects, arrays, Date, RegExp. */
export function bsonTag(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** True for plain embedded documents (not arrays, dates, regexes or bson class instances). */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value) || value instanceof Date || value instanceof RegExp) return false;
  return bsonTag(value) === undefined || bsonTag(value) === 'DBRef';
}

export function isLong(value: unknown): value is Long {
  return bsonTag(value) === 'Long';
}

export function isBinary(value: unknown): value is Binary {
  return bsonTag(value) === 'Binary';
}

/** Any BSON numeric value: a JS number, or a Double, Int32, Long or Decimal128 wrapper. */
export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return true;
  const tag = bsonTag(value);
  return tag === 'Double' || tag === 'Int32' || tag === 'Long' || tag === 'Decimal128';
}

/** A numeric value as a JS number (lossy for Long beyond 2^53 and for Decimal128). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  const tag = bsonTag(value);
  if (tag === 'Long') return (value as Long).toNumber();
  if (tag === 'Decimal128') return Number.parseFloat((value as Decimal128).toString());
  if (tag === 'Double' || tag === 'Int32') return (value as { value: number }).value;
  return Number.NaN;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** True when a JS number is encoded by bson as Int32 (integer in range, not negative zero). */
export function isInt32Number(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX && !Object.is(value, -0);
}

/** Canonical rank of a value's type in MongoDB's cross-type sort order (missing sorts as null). */
export function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 2;
  switch (typeof value) {
    case 'number':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    case 'bigint':
      return 3;
    default:
      break;
  }
  if (Array.isArray(value)) return 6;
  if (value instanceof Date) return 10;
  if (value instanceof RegExp) return 12;
  switch (bsonTag(value)) {
    case undefined:
    case 'DBRef':
      return 5;
    case 'MinKey':
      return 1;
    case 'Double':
    case 'Int32':
    case 'Long':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'Code':
      return 13;
    case 'MaxKey':
      return 127;
    default:
      return 126;
  }
}

/** The BSON type alias MongoDB's `$type` operator reports for a value. */
export function bsonTypeAlias(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return isInt32Number(value) ? 'int' : 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      break;
  }
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  switch (bsonTag(value)) {
    case undefined:
    case 'DBRef':
      return 'object';
    case 'Double':
      return 'double';
    case 'Int32':
      return 'int';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'Binary':
      return 'binData';
    case 'ObjectId':
      return 'objectId';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'BSONSymbol':
      return 'symbol';
    case 'Code':
      return 'javascript';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    default:
      return 'unknown';
  }
}

/** MongoDB's numeric type codes for `$type`, keyed by alias. */
export const BSON_TYPE_CODES: Readonly<Record<string, number>> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

/** Whether `a` holds exactly the bytes of `b` from `start` to `end` (all of `b` by default). */
export function sameBytes(a: Uint8Array, b: Uint8Array, start = 0, end = b.length): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}
