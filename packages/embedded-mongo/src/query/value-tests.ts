import { canonicalKey } from '../bson/canonical-key.js';
import { compareValues, valuesEqual } from '../bson/compare.js';
import { bsonTag, isNumeric, isPlainObject, toNumber, typeRank, type Doc } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { CollatedMap, compareCollated, containsString, type Collation } from './collation.js';
import { buildRegex, regexMatches, toRegex } from './regex.js';

/** A test of one candidate value (`missing` when the path does not exist). */
export type ValueTest = (value: unknown, missing: boolean) => boolean;

/** True for `{ $op: ... }` objects whose first key is an operator. */
export function isOperatorObject(value: unknown): value is Doc {
  if (!isPlainObject(value)) return false;
  for (const key in value) return key.startsWith('$') && key !== '$ref' && key !== '$id' && key !== '$db';
  return false;
}

/**
 * Equality with MongoDB semantics: null matches missing, a regex matches strings, numbers compare across types. Under
 * a collation, strings (also inside documents and arrays) compare by it; regexes never do.
 */
export function equalityTest(operand: unknown, collation?: Collation): ValueTest {
  if (operand === null || operand === undefined) return (value, missing) => missing || value === null;
  const re = toRegex(operand);
  if (re) return (value) => regexMatches(re, value);
  if (collation && containsString(operand)) {
    if (typeof operand === 'string') {
      return (value) => typeof value === 'string' && collation.compareStrings(value, operand) === 0;
    }
    return (value) => compareCollated(value, operand, collation) === 0;
  }
  if (typeof operand === 'string') return (value) => value === operand;
  if (typeof operand === 'boolean') return (value) => value === operand;
  // NaN equals NaN in queries (and only NaN).
  if (typeof operand === 'number' && Number.isNaN(operand)) {
    return (value) => isNumeric(value) && Number.isNaN(toNumber(value));
  }
  if (typeof operand === 'number') {
    return (value) =>
      value === operand || (typeof value !== 'number' && isNumeric(value) && valuesEqual(value, operand));
  }
  return (value) => valuesEqual(value, operand);
}

/** `$gt`/`$gte`/`$lt`/`$lte`: only values of the operand's canonical type compare (type bracketing). */
export function comparisonTest(op: string, operand: unknown, collation?: Collation): ValueTest {
  const rank = typeRank(operand);
  if (toRegex(operand) && op !== '$eq') {
    return () => false;
  }
  const accept =
    op === '$gt'
      ? (c: number) => c > 0
      : op === '$gte'
        ? (c: number) => c >= 0
        : op === '$lt'
          ? (c: number) => c < 0
          : (c: number) => c <= 0;
  if (rank === 1) return (_v, missing) => !missing && (op === '$gt' || op === '$gte');
  if (rank === 127) return (_v, missing) => !missing && (op === '$lt' || op === '$lte');
  if (rank === 3) {
    // MongoDB's matcher: NaN is neither greater nor less than any number; $gte/$lte NaN match NaN only.
    const operandNaN = Number.isNaN(toNumber(operand));
    const closed = op === '$gte' || op === '$lte';
    return (value) => {
      if (typeRank(value) !== 3) return false;
      const valueNaN = Number.isNaN(toNumber(value));
      if (operandNaN || valueNaN) return operandNaN && valueNaN && closed;
      return accept(compareValues(value, operand));
    };
  }
  if (collation && containsString(operand)) {
    return (value) => typeRank(value) === rank && accept(compareCollated(value, operand, collation));
  }
  return (value) => typeRank(value) === rank && accept(compareValues(value, operand));
}

/** `$in` (and the positive half of `$nin`): equality with any listed value (under the collation) or regex. */
export function inTest(operand: unknown, op: string, collation?: Collation): ValueTest {
  if (!Array.isArray(operand)) fail(ErrorCode.BadValue, `${op} needs an array`);
  if (collation && operand.some(containsString)) return collatedInTest(operand, op, collation);
  const keys = new Set<string>();
  // Strings are equal exactly when they are the same string: looked up as they are, without building a canonical
  // key per tested value (a multikey field tested against a long list, such as search keys, tests hundreds).
  const strings = new Set<string>();
  const regexes: RegExp[] = [];
  let hasNull = false;
  let hasArray = false;
  for (const item of operand) {
    if (isOperatorObject(item)) fail(ErrorCode.BadValue, `cannot nest $ under ${op}`);
    const re = toRegex(item);
    if (re) regexes.push(re);
    else if (item === null) hasNull = true;
    else {
      keys.add(canonicalKey(item));
      // A symbol equals the string it spells (their canonical keys agree), so it is looked up as one too.
      if (typeof item === 'string' || bsonTag(item) === 'BSONSymbol') strings.add(String(item));
      if (Array.isArray(item)) hasArray = true;
    }
  }
  // A whole array equals only an array: without one listed, an array value is never keyed (its elements are tested
  // one by one by the caller).
  const isKeyed = (value: unknown) => keys.size > 0 && (hasArray || !Array.isArray(value));
  return (value, missing) => {
    if (missing || value === null) return hasNull;
    if (typeof value === 'string' ? strings.has(value) : isKeyed(value) && keys.has(canonicalKey(value))) return true;
    return regexes.length > 0 && regexes.some((re) => regexMatches(re, value));
  };
}

function collatedInTest(operand: unknown[], op: string, collation: Collation): ValueTest {
  const values = new CollatedMap<true>(collation);
  const regexes: RegExp[] = [];
  let hasNull = false;
  for (const item of operand) {
    if (isOperatorObject(item)) fail(ErrorCode.BadValue, `cannot nest $ under ${op}`);
    const re = toRegex(item);
    if (re) regexes.push(re);
    else if (item === null) hasNull = true;
    else values.getOrAdd(item, () => true);
  }
  return (value, missing) => {
    if (missing || value === null) return hasNull;
    if (values.size > 0 && values.get(value)) return true;
    return regexes.length > 0 && regexes.some((re) => regexMatches(re, value));
  };
}

/** `$mod`: integer division remainder, truncating like MongoDB. */
export function modTest(operand: unknown): ValueTest {
  if (!Array.isArray(operand) || operand.length < 2) fail(ErrorCode.BadValue, 'malformed mod, not enough elements');
  if (operand.length > 2) fail(ErrorCode.BadValue, 'malformed mod, too many elements');
  if (!isNumeric(operand[0]) || !isNumeric(operand[1])) fail(ErrorCode.BadValue, 'malformed mod, divisor not a number');
  const divisor = Math.trunc(toNumber(operand[0]));
  const remainder = Math.trunc(toNumber(operand[1]));
  if (divisor === 0) fail(ErrorCode.BadValue, 'divisor cannot be 0');
  return (value) => {
    if (!isNumeric(value)) return false;
    const n = toNumber(value);
    return Number.isFinite(n) && Math.trunc(n) % divisor === remainder;
  };
}

/** `$bitsAllSet`/`$bitsAnySet`/`$bitsAllClear`/`$bitsAnyClear` on integral numbers. */
export function bitsTest(op: string, operand: unknown): ValueTest {
  let mask = 0n;
  if (Array.isArray(operand)) {
    for (const position of operand) {
      if (!isNumeric(position) || toNumber(position) < 0) fail(ErrorCode.BadValue, `bit positions must be >= 0`);
      mask |= 1n << BigInt(toNumber(position));
    }
  } else if (isNumeric(operand) && Number.isInteger(toNumber(operand)) && toNumber(operand) >= 0) {
    mask = BigInt(toNumber(operand));
  } else if (isNumeric(operand)) {
    fail(ErrorCode.BadValue, `${op} requires a non-negative whole number or an array of bit positions`);
  } else {
    notSupported(`${op} with a BinData mask`);
  }
  return (value) => {
    if (!isNumeric(value)) return false;
    const n = toNumber(value);
    if (!Number.isInteger(n)) return false;
    const bits = BigInt.asUintN(64, BigInt(n));
    const selected = bits & mask;
    switch (op) {
      case '$bitsAllSet':
        return selected === mask;
      case '$bitsAnySet':
        return selected !== 0n;
      case '$bitsAllClear':
        return selected === 0n;
      default:
        return selected !== mask;
    }
  };
}

/** `$regex` with `$options`. */
export function regexTest(condition: Doc): ValueTest {
  const pattern = condition.$regex;
  const options = condition.$options;
  if (options !== undefined && typeof options !== 'string') fail(ErrorCode.BadValue, '$options has to be a string');
  let re: RegExp;
  const given = toRegex(pattern);
  if (given) {
    re = options ? buildRegex(given.source, `${given.flags}${options}`) : given;
  } else if (typeof pattern === 'string') {
    re = buildRegex(pattern, options ?? '');
  } else {
    return fail(ErrorCode.BadValue, '$regex has to be a string');
  }
  return (value) => regexMatches(re, value);
}
