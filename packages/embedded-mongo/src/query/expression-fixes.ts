import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { compareValues } from '../bson/compare.js';
import { viewSource } from '../bson/normalize.js';
import { bsonTypeAlias, isNumeric, isPlainObject, toNumber } from '../bson/values.js';
import { MongoCommandError } from '../errors.js';

/**
 * Expression operators whose mingo version answers differently from MongoDB (a wrong value, not an error), replaced
 * by MongoDB's semantics. Each is checked by a conformance case (silent-differences.int.test.ts).
 */

type Operator = (obj: unknown, expr: unknown, options: Options) => unknown;

const isNullish = (value: unknown) => value === null || value === undefined;

/** Aggregation truthiness (`$cond`, `$not`, ...): false, null, missing and numeric zero are false; '' is true. */
function coerceToBool(value: unknown): boolean {
  if (isNullish(value) || value === false) return false;
  return !(isNumeric(value) && toNumber(value) === 0);
}

/**
 * The operands of an accumulator used as an expression: one operand that resolves to an array is traversed, a list
 * of operands is not (MongoDB's `{$max: '$arr'}` vs `{$max: ['$a', '$b']}`).
 */
function accumulatorOperands(obj: unknown, expr: unknown, options: Options): unknown[] {
  const list = Array.isArray(expr) ? expr : [expr];
  if (list.length === 1) {
    const value = evalExpr(obj, list[0], options);
    return Array.isArray(value) ? value : [value];
  }
  return list.map((item) => evalExpr(obj, item, options));
}

function extreme(kind: 'max' | 'min'): Operator {
  return (obj, expr, options) => {
    let best: unknown = null;
    for (const value of accumulatorOperands(obj, expr, options)) {
      if (isNullish(value)) continue;
      if (best === null) best = value;
      else {
        const c = compareValues(value, best);
        if (kind === 'max' ? c > 0 : c < 0) best = value;
      }
    }
    return best;
  };
}

const sum: Operator = (obj, expr, options) => {
  let total = 0;
  for (const value of accumulatorOperands(obj, expr, options)) if (typeof value === 'number') total += value;
  return total;
};

const avg: Operator = (obj, expr, options) => {
  let total = 0;
  let n = 0;
  for (const value of accumulatorOperands(obj, expr, options)) {
    if (typeof value !== 'number') continue;
    total += value;
    n += 1;
  }
  return n === 0 ? null : total / n;
};

function single(obj: unknown, expr: unknown, options: Options): unknown {
  const operand = Array.isArray(expr) ? (expr.length === 1 ? expr[0] : expr) : expr;
  return evalExpr(obj, operand, options);
}

const not: Operator = (obj, expr, options) => !coerceToBool(single(obj, expr, options));

const size: Operator = (obj, expr, options) => {
  const value = single(obj, expr, options);
  if (!Array.isArray(value)) {
    throw new MongoCommandError(
      17124,
      `The argument to $size must be an array. Type of argument is ${bsonTypeAlias(value)}`,
    );
  }
  return value.length;
};

function logarithm(name: '$ln' | '$log10', code: number, fn: (n: number) => number): Operator {
  return (obj, expr, options) => {
    const value = single(obj, expr, options);
    if (isNullish(value)) return null;
    if (!isNumeric(value)) {
      throw new MongoCommandError(28765, `${name} only supports numeric types, not ${bsonTypeAlias(value)}`);
    }
    const n = toNumber(value);
    if (!(n > 0 || Number.isNaN(n))) {
      throw new MongoCommandError(code, `${name}'s argument must be a positive number, but is ${n}`);
    }
    return fn(n);
  };
}

const log: Operator = (obj, expr, options) => {
  const args = evalExpr(obj, expr, options);
  if (!Array.isArray(args) || args.length !== 2) {
    throw new MongoCommandError(16020, 'Expression $log takes exactly 2 arguments.');
  }
  const [value, base] = args as [unknown, unknown];
  if (isNullish(value) || isNullish(base)) return null;
  if (!isNumeric(value))
    throw new MongoCommandError(28756, `$log's argument must be numeric, not ${bsonTypeAlias(value)}`);
  if (!isNumeric(base)) throw new MongoCommandError(28757, `$log's base must be numeric, not ${bsonTypeAlias(base)}`);
  const n = toNumber(value);
  const b = toNumber(base);
  if (!(n > 0 || Number.isNaN(n)))
    throw new MongoCommandError(28758, `$log's argument must be a positive number, but is ${n}`);
  if (!(b > 0 && b !== 1) && !Number.isNaN(b)) {
    throw new MongoCommandError(28759, `$log's base must be a positive number not equal to 1, but is ${b}`);
  }
  return Math.log(n) / Math.log(b);
};

/** `$toUpper`/`$toLower`: null and missing give '' and numbers are converted to strings, as in MongoDB. */
function caseConversion(upper: boolean): Operator {
  return (obj, expr, options) => {
    const value = single(obj, expr, options);
    if (isNullish(value)) return '';
    const text = typeof value === 'string' ? value : isNumeric(value) ? String(toNumber(value)) : undefined;
    if (text === undefined) {
      throw new MongoCommandError(16007, `can't convert from BSON type ${bsonTypeAlias(value)} to String`);
    }
    // MongoDB changes the case of ASCII letters only.
    return text.replace(upper ? /[a-z]+/g : /[A-Z]+/g, (s) => (upper ? s.toUpperCase() : s.toLowerCase()));
  };
}

function indexArgs(name: string, obj: unknown, expr: unknown, options: Options) {
  const args = evalExpr(obj, expr, options);
  if (!Array.isArray(args) || args.length < 2 || args.length > 4) {
    throw new MongoCommandError(16020, `Expression ${name} takes at least 2 arguments, and at most 4`);
  }
  const [text, token, start, end] = args as unknown[];
  if (isNullish(text)) return null;
  if (typeof text !== 'string') {
    throw new MongoCommandError(
      40091,
      `${name} requires a string as the first argument, found: ${bsonTypeAlias(text)}`,
    );
  }
  if (typeof token !== 'string') {
    throw new MongoCommandError(
      40092,
      `${name} requires a string as the second argument, found: ${bsonTypeAlias(token)}`,
    );
  }
  for (const bound of [start, end]) {
    if (bound === undefined) continue;
    if (!isNumeric(bound) || !Number.isInteger(toNumber(bound))) {
      throw new MongoCommandError(
        40096,
        `${name} requires an integral starting index, found a value of type: ${bsonTypeAlias(bound)}`,
      );
    }
    if (toNumber(bound) < 0) throw new MongoCommandError(40097, `${name} requires a nonnegative start index`);
  }
  return {
    text,
    token,
    start: start === undefined ? 0 : toNumber(start),
    end: end === undefined ? undefined : toNumber(end),
  };
}

/** `$indexOfBytes`: positions in UTF-8 bytes (mingo counts UTF-16 code units). */
const indexOfBytes: Operator = (obj, expr, options) => {
  const args = indexArgs('$indexOfBytes', obj, expr, options);
  if (!args) return null;
  const text = Buffer.from(args.text, 'utf8');
  const token = Buffer.from(args.token, 'utf8');
  const end = Math.min(args.end ?? text.length, text.length);
  if (args.start > end) return -1;
  const found = text.subarray(0, end).indexOf(token, args.start);
  return found >= 0 && found + token.length <= end ? found : -1;
};

/** `$indexOfCP`: positions in Unicode code points (mingo lacks it). */
const indexOfCP: Operator = (obj, expr, options) => {
  const args = indexArgs('$indexOfCP', obj, expr, options);
  if (!args) return null;
  const text = [...args.text];
  const token = [...args.token];
  const end = Math.min(args.end ?? text.length, text.length);
  for (let i = args.start; i + token.length <= end; i++) {
    if (token.every((c, j) => text[i + j] === c)) return i;
  }
  return -1;
};

/** `$slice` of null or missing is null (mingo fails). */
function nullInput(operator: Operator): Operator {
  return (obj, expr, options) => {
    if (Array.isArray(expr) && expr.length >= 2 && isNullish(evalExpr(obj, expr[0], options))) return null;
    return operator(obj, expr, options);
  };
}

/**
 * Rounds (half to even) or truncates a double at a decimal place the way MongoDB does: on the double's exact decimal
 * value (1.55 is 1.5500000000000000444… and rounds to 1.6), where mingo scales in binary floating point.
 */
export function roundAtPlace(x: number, place: number, mode: 'round' | 'trunc'): number {
  if (!Number.isFinite(x) || x === 0 || Math.abs(x) >= 1e21) return x;
  const negative = x < 0;
  const [int = '', frac = ''] = Math.abs(x)
    .toFixed(Math.min(100, Math.max(place, 0) + 30))
    .split('.');
  const digits = int + frac;
  const cut = int.length + place;
  let kept = cut > 0 ? digits.slice(0, cut) : '';
  const rest = cut > 0 ? digits.slice(cut) : cut === 0 ? digits : '';
  let n = BigInt(kept === '' ? '0' : kept);
  if (mode === 'round' && rest.length > 0) {
    const first = rest[0] as string;
    const tail = /[1-9]/.test(rest.slice(1));
    if (first > '5' || (first === '5' && (tail || n % 2n === 1n))) n += 1n;
  }
  kept = n.toString();
  let text: string;
  if (place >= 0) {
    const padded = kept.padStart(place + 1, '0');
    text = `${padded.slice(0, padded.length - place)}.${padded.slice(padded.length - place)}`;
  } else text = n === 0n ? '0' : `${kept}${'0'.repeat(-place)}`;
  const result = Number.parseFloat(text);
  return negative ? -result : result;
}

/**
 * `$round`/`$trunc`: `<number>` or `[<number>, <place>?]`, computed by `roundAtPlace`; malformed arguments go to
 * mingo's version for its error.
 */
function roundOrTrunc(mode: 'round' | 'trunc', original: Operator): Operator {
  return (obj, expr, options) => {
    const list = Array.isArray(expr) ? expr : [expr];
    if (list.length < 1 || list.length > 2) return original(obj, expr, options);
    const value = evalExpr(obj, list[0], options);
    const place = list.length === 2 ? evalExpr(obj, list[1], options) : 0;
    if (isNullish(value) || isNullish(place)) return null;
    if (
      typeof value !== 'number' ||
      typeof place !== 'number' ||
      !Number.isInteger(place) ||
      place <= -20 ||
      place >= 100
    )
      return original(obj, [value, place], options);
    if (Number.isInteger(value) && place >= 0) return value;
    return roundAtPlace(value, place, mode);
  };
}

/** `$arrayToObject`: a repeated name takes the last value (mingo keeps the first); malformed input gets mingo's error. */
function arrayToObject(original: Operator): Operator {
  return (obj, expr, options) => {
    const value = single(obj, expr, options);
    if (isNullish(value)) return null;
    if (!Array.isArray(value)) return original(obj, expr, options);
    const out: Record<string, unknown> = {};
    for (const pair of value) {
      if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string') out[pair[0]] = pair[1];
      else if (isPlainObject(pair) && Object.keys(pair).length === 2 && typeof pair.k === 'string' && 'v' in pair)
        out[pair.k] = pair.v;
      else return original(obj, expr, options);
    }
    return out;
  };
}

/** `$substrCP` refuses a negative start or length (mingo answers '' or the whole string). */
function substrCP(original: Operator): Operator {
  return (obj, expr, options) => {
    if (Array.isArray(expr) && expr.length === 3) {
      const start = evalExpr(obj, expr[1], options);
      const length = evalExpr(obj, expr[2], options);
      if (isNumeric(start) && toNumber(start) < 0) {
        throw new MongoCommandError(34455, '$substrCP: the starting index must be nonnegative integer.');
      }
      if (isNumeric(length) && toNumber(length) < 0) {
        throw new MongoCommandError(34454, '$substrCP: length must be a nonnegative integer.');
      }
    }
    return original(obj, expr, options);
  };
}

/** Checks MongoDB makes before evaluating, where mingo answers instead: evaluated arguments in, error or nothing out. */
function guarded(original: Operator, check: (args: unknown[], expr: unknown) => void): Operator {
  return (obj, expr, options) => {
    if (Array.isArray(expr))
      check(
        expr.map((arg) => evalExpr(obj, arg, options)),
        expr,
      );
    return original(obj, expr, options);
  };
}

/** `$switch` without a matching branch and without a default fails (mingo gives missing). */
function switchOp(original: Operator): Operator {
  return (obj, expr, options) => {
    const spec = expr as { branches?: unknown; default?: unknown } | null;
    const result = original(obj, expr, options);
    if (isPlainObject(spec) && !('default' in spec) && Array.isArray(spec.branches)) {
      const matched = spec.branches.some(
        (branch) => isPlainObject(branch) && coerceToBool(evalExpr(obj, branch.case, options)),
      );
      if (!matched) {
        throw new MongoCommandError(
          40066,
          '$switch could not find a matching branch for an input, and no default was specified.',
        );
      }
    }
    return result;
  };
}

/** `$setUnion`/`$setIntersection`/`$setDifference` of a null or missing argument are null (mingo fails). */
function nullSetOperands(original: Operator): Operator {
  return (obj, expr, options) => {
    if (Array.isArray(expr) && expr.some((arg) => isNullish(evalExpr(obj, arg, options)))) return null;
    return original(obj, expr, options);
  };
}

/** The BSON type of a field of the typed document a view was made from (an array met on the way: 'array'). */
function storedType(source: unknown, parts: readonly string[]): string {
  let value = source;
  for (const part of parts) {
    if (Array.isArray(value)) return 'array';
    value = isPlainObject(value) ? value[part] : undefined;
  }
  return bsonTypeAlias(value);
}

/**
 * `$type` of a field path answers from the stored document: its view holds JS numbers, where an integral Double
 * would read as 'int' and a Long as 'int' or 'double'.
 */
function typeOf(original: Operator): Operator {
  return (obj, expr, options) => {
    const arg = Array.isArray(expr) && expr.length === 1 ? expr[0] : expr;
    const source = viewSource(obj);
    if (source && typeof arg === 'string' && arg.startsWith('$') && !arg.startsWith('$$')) {
      return storedType(source, arg.slice(1).split('.'));
    }
    return original(obj, expr, options);
  };
}

/**
 * mingo evaluates `$group`'s accumulators through the expression table too, with the group's documents as the
 * object: those calls go to mingo's accumulator, expression calls (a document) to MongoDB's expression semantics.
 */
function expressionOrAccumulator(expression: Operator, accumulator: unknown): Operator {
  if (typeof accumulator !== 'function') return expression;
  return (obj, expr, options) =>
    Array.isArray(obj) ? (accumulator as Operator)(obj, expr, options) : expression(obj, expr, options);
}

/** The replacements, given mingo's own expression and accumulator operators (some wrap them). */
export function expressionFixes(
  original: Record<string, unknown>,
  accumulators: Record<string, unknown>,
): Record<string, unknown> {
  const fixes: Record<string, unknown> = {
    $max: expressionOrAccumulator(extreme('max'), accumulators.$max),
    $min: expressionOrAccumulator(extreme('min'), accumulators.$min),
    $sum: expressionOrAccumulator(sum, accumulators.$sum),
    $avg: expressionOrAccumulator(avg, accumulators.$avg),
    $not: not,
    $size: size,
    $ln: logarithm('$ln', 28766, Math.log),
    $log10: logarithm('$log10', 28761, Math.log10),
    $log: log,
    $toUpper: caseConversion(true),
    $toLower: caseConversion(false),
    $indexOfBytes: indexOfBytes,
    $indexOfCP: indexOfCP,
  };
  if (typeof original.$arrayToObject === 'function') {
    fixes.$arrayToObject = arrayToObject(original.$arrayToObject as Operator);
  }
  if (typeof original.$substrCP === 'function') fixes.$substrCP = substrCP(original.$substrCP as Operator);
  if (typeof original.$split === 'function') {
    fixes.$split = guarded(original.$split as Operator, ([text, separator]) => {
      if (typeof text === 'string' && separator === '') {
        throw new MongoCommandError(40087, '$split requires a non-empty separator');
      }
    });
  }
  if (typeof original.$mod === 'function') {
    fixes.$mod = guarded(original.$mod as Operator, ([a, b]) => {
      if (isNumeric(a) && isNumeric(b) && toNumber(b) === 0) throw new MongoCommandError(16610, "can't $mod by zero");
    });
  }
  if (typeof original.$switch === 'function') fixes.$switch = switchOp(original.$switch as Operator);
  for (const name of ['$setUnion', '$setIntersection', '$setDifference']) {
    if (typeof original[name] === 'function') fixes[name] = nullSetOperands(original[name] as Operator);
  }
  if (typeof original.$type === 'function') fixes.$type = typeOf(original.$type as Operator);
  if (typeof original.$slice === 'function') fixes.$slice = nullInput(original.$slice as Operator);
  if (typeof original.$round === 'function') fixes.$round = roundOrTrunc('round', original.$round as Operator);
  if (typeof original.$trunc === 'function') fixes.$trunc = roundOrTrunc('trunc', original.$trunc as Operator);
  return fixes;
}
