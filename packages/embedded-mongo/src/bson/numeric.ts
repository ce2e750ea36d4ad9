import { Decimal128, Double, Long } from 'bson';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { bsonTag, isInt32Number, toNumber } from './values.js';

/** MongoDB's numeric widths, narrowest first: arithmetic results take the widest operand's type. */
export type NumericKind = 'int' | 'long' | 'double' | 'decimal';

const RANK: Record<NumericKind, number> = { int: 0, long: 1, double: 2, decimal: 3 };

/** The numeric kind of a value already known to be numeric. */
export function numericKind(value: unknown): NumericKind {
  if (typeof value === 'number') return isInt32Number(value) ? 'int' : 'double';
  switch (bsonTag(value)) {
    case 'Int32':
      return 'int';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    default:
      return 'double';
  }
}

/** A double as the engine stores it: integral values in the Int32 range keep a Double wrapper so they stay doubles. */
export function makeDouble(value: number): unknown {
  return isInt32Number(value) || Object.is(value, -0) ? new Double(value) : value;
}

function toBigInt(value: unknown): bigint {
  if (bsonTag(value) === 'Long') return (value as Long).toBigInt();
  return BigInt(Math.trunc(toNumber(value)));
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function fromInteger(result: bigint, kind: NumericKind): unknown {
  if (kind === 'int' && result >= -2147483648n && result <= 2147483647n) return Number(result);
  if (result >= INT64_MIN && result <= INT64_MAX) return Long.fromBigInt(result);
  return makeDouble(Number(result));
}

function widest(values: readonly unknown[]): NumericKind {
  let kind: NumericKind = 'int';
  for (const value of values) {
    const next = numericKind(value);
    if (RANK[next] > RANK[kind]) kind = next;
  }
  return kind;
}

/**
 * The result type of arithmetic on `values`. Decimal128 arithmetic would have to go through a double here
 * (0.1 + 0.2 ≠ 0.3), which is exactly the silent difference Decimal128 exists to avoid, so it is refused until the
 * engine has exact decimal arithmetic.
 */
function arithmeticKind(values: readonly unknown[]): Exclude<NumericKind, 'decimal'> {
  const kind = widest(values);
  if (kind === 'decimal') notSupported('arithmetic on Decimal128 values');
  return kind;
}

/**
 * `$add`/`$multiply` (and `$inc`/`$mul`, `$sum`) over numbers as MongoDB computes them: exact integers while every
 * operand is an int or a long (an int if no long was involved and the result fits, else a long, a double beyond 64
 * bits), a double as soon as one operand is a double; Decimal128 is refused.
 */
export function foldNumbers(values: readonly unknown[], op: 'add' | 'multiply'): unknown {
  const kind = arithmeticKind(values);
  if (kind === 'int' || kind === 'long') {
    let total = op === 'add' ? 0n : 1n;
    for (const value of values) total = op === 'add' ? total + toBigInt(value) : total * toBigInt(value);
    return fromInteger(total, kind);
  }
  // Starting from the first operand, not from 0 or 1, keeps IEEE results such as -0 + -0 = -0.
  let total = toNumber(values[0]);
  for (const value of values.slice(1)) total = op === 'add' ? total + toNumber(value) : total * toNumber(value);
  return makeDouble(total);
}

/** Adds two numeric values with MongoDB's type promotion (int32 overflows into int64, any double makes a double). */
export function addNumbers(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    // Fast path for plain JS numbers (Int32 or non-integral doubles), the common case.
    const sum = a + b;
    if (isInt32Number(a) && isInt32Number(b)) {
      if (isInt32Number(sum)) return sum;
    } else {
      return makeDouble(sum);
    }
  }
  return foldNumbers([a, b], 'add');
}

/** Multiplies two numeric values with MongoDB's type promotion. */
export function multiplyNumbers(a: unknown, b: unknown): unknown {
  return foldNumbers([a, b], 'multiply');
}

/** `$subtract` of two numbers with the same promotion rules as `foldNumbers`. */
export function subtractNumbers(a: unknown, b: unknown): unknown {
  const kind = arithmeticKind([a, b]);
  if (kind === 'int' || kind === 'long') return fromInteger(toBigInt(a) - toBigInt(b), kind);
  return makeDouble(toNumber(a) - toNumber(b));
}

/** `$divide`: always a double, as in MongoDB (Decimal128 refused like every other arithmetic). */
export function divideNumbers(a: unknown, b: unknown): unknown {
  arithmeticKind([a, b]);
  if (toNumber(b) === 0) fail(ErrorCode.BadValue, "can't $divide by zero");
  return makeDouble(toNumber(a) / toNumber(b));
}

/** Applies a bitwise operator to two integral values ($bit): int op int stays int, anything with a long is a long. */
export function bitwiseNumbers(a: unknown, b: unknown, op: 'and' | 'or' | 'xor'): unknown {
  const kind = widest([a, b]);
  const x = toBigInt(a);
  const y = toBigInt(b);
  const result = op === 'and' ? x & y : op === 'or' ? x | y : x ^ y;
  if (kind === 'int') return Number(BigInt.asIntN(32, result));
  return Long.fromBigInt(BigInt.asIntN(64, result));
}

/** Zero of the same numeric kind as the operand (what `$inc`/`$mul` start from on a missing field). */
export function zeroLike(value: unknown): unknown {
  switch (numericKind(value)) {
    case 'int':
      return 0;
    case 'long':
      return Long.fromNumber(0);
    case 'decimal':
      return Decimal128.fromString('0');
    default:
      return new Double(0);
  }
}
