import type { Options } from 'mingo/types';
import { Long } from 'bson';
import { compareValues } from '../bson/compare.js';
import { toView } from '../bson/normalize.js';
import {
  divideNumbers,
  foldNumbers,
  makeDouble,
  numericKind,
  subtractNumbers,
  type NumericKind,
} from '../bson/numeric.js';
import { isInt32Number, isLong, isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { DATE_INT_PART_OPERATORS, evaluateExpression } from '../query/expressions.js';
import { describeValue, typeNameOf } from './describe.js';

/** What an expression of a pipeline update sees: the typed document, `let` variables, and mingo for the rest. */
export interface TypedScope {
  root: Doc;
  variables: Doc;
  options: Options;
  view?: unknown;
  /**
   * Read commands (`aggregate`, `find`): an operator without a typed implementation gives mingo's JS number (the
   * documented difference) instead of failing; writes leave this unset and refuse.
   */
  lenient?: boolean;
}

// Operators whose result MongoDB always types as an int, so mingo's JS integer is already faithful.
const INT_RESULT_OPERATORS = new Set([
  '$size',
  '$strLenCP',
  '$strLenBytes',
  '$indexOfArray',
  '$indexOfBytes',
  '$indexOfCP',
  '$cmp',
  '$strcasecmp',
  ...DATE_INT_PART_OPERATORS,
]);

function containsNumber(value: unknown): boolean {
  if (typeof value === 'number' || isNumeric(value)) return true;
  if (Array.isArray(value)) return value.some(containsNumber);
  return isPlainObject(value) && Object.values(value).some(containsNumber);
}

/**
 * Evaluates an operator the engine has no typed version of with mingo (on the JS-number view). Its result is stored
 * only when no BSON numeric type can have been lost; otherwise the update fails rather than store another type.
 */
function delegated(op: string, expr: unknown, scope: TypedScope): unknown {
  scope.view ??= toView(scope.root);
  const result = evaluateExpression(scope.view, expr, scope.options);
  if (scope.lenient || (INT_RESULT_OPERATORS.has(op) && typeof result === 'number' && isInt32Number(result)))
    return result;
  if (containsNumber(result)) notSupported(`storing a number computed by ${op} in a pipeline update`);
  return result;
}

/** A field path as aggregation resolves it: arrays of documents yield the array of their values. */
function resolvePath(value: unknown, parts: readonly string[], i = 0): unknown {
  if (i === parts.length) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const element of value) {
      if (!Array.isArray(element) && !isPlainObject(element)) continue;
      const found = resolvePath(element, parts, i);
      if (found !== undefined) out.push(found);
    }
    return out;
  }
  return isPlainObject(value) ? resolvePath(value[parts[i] as string], parts, i + 1) : undefined;
}

function fieldOrVariable(path: string, scope: TypedScope): unknown {
  if (!path.startsWith('$$')) return resolvePath(scope.root, path.slice(1).split('.'));
  const [name, ...parts] = path.slice(2).split('.');
  if (name === 'ROOT' || name === 'CURRENT') return resolvePath(scope.root, parts);
  if (name !== undefined && name in scope.variables) return resolvePath(scope.variables[name], parts);
  return delegated(path, path, scope); // $$NOW, $$REMOVE, ...
}

function argumentList(operand: unknown, scope: TypedScope): unknown[] {
  return (Array.isArray(operand) ? operand : [operand]).map((arg) => evaluateTyped(arg, scope));
}

function exactly(op: string, args: unknown[], n: number): void {
  if (args.length !== n) {
    fail(16020, `Expression ${op} takes exactly ${n} arguments. ${args.length} were passed in.`);
  }
}

const isNullish = (value: unknown) => value === null || value === undefined;

function add(operand: unknown, scope: TypedScope): unknown {
  const numbers: unknown[] = [];
  let date: Date | undefined;
  for (const value of argumentList(operand, scope)) {
    if (isNullish(value)) return null;
    if (isNumeric(value)) numbers.push(value);
    else if (value instanceof Date) {
      if (date) fail(16612, 'only one date allowed in an $add expression');
      date = value;
    } else fail(ErrorCode.TypeMismatch, `$add only supports numeric or date types, not ${typeNameOf(value)}`);
  }
  if (date) return new Date(date.getTime() + Math.round(toNumber(foldNumbers(numbers, 'add'))));
  return foldNumbers(numbers, 'add');
}

function multiply(operand: unknown, scope: TypedScope): unknown {
  const numbers: unknown[] = [];
  for (const value of argumentList(operand, scope)) {
    if (isNullish(value)) return null;
    if (!isNumeric(value))
      fail(ErrorCode.TypeMismatch, `$multiply only supports numeric types, not ${typeNameOf(value)}`);
    numbers.push(value);
  }
  return foldNumbers(numbers, 'multiply');
}

function subtract(operand: unknown, scope: TypedScope): unknown {
  const args = argumentList(operand, scope);
  exactly('$subtract', args, 2);
  const [a, b] = args;
  if (isNullish(a) || isNullish(b)) return null;
  if (isNumeric(a) && isNumeric(b)) {
    return subtractNumbers(a, b);
  }
  if (a instanceof Date && b instanceof Date) return Long.fromNumber(a.getTime() - b.getTime());
  if (a instanceof Date && isNumeric(b)) return new Date(a.getTime() - Math.round(toNumber(b)));
  return fail(ErrorCode.TypeMismatch, `cant $subtract a ${typeNameOf(b)} from a ${typeNameOf(a)}`);
}

function divide(operand: unknown, scope: TypedScope): unknown {
  const args = argumentList(operand, scope);
  exactly('$divide', args, 2);
  const [a, b] = args;
  if (isNullish(a) || isNullish(b)) return null;
  if (!isNumeric(a) || !isNumeric(b)) {
    fail(ErrorCode.TypeMismatch, `$divide only supports numeric types, not ${typeNameOf(a)} and ${typeNameOf(b)}`);
  }
  return divideNumbers(a, b);
}

function isTruthyTyped(value: unknown): boolean {
  if (isNullish(value) || value === false) return false;
  return !(isNumeric(value) && toNumber(value) === 0);
}

function cond(operand: unknown, scope: TypedScope): unknown {
  const [test, then, otherwise] = Array.isArray(operand)
    ? operand
    : isPlainObject(operand)
      ? [operand.if, operand.then, operand.else]
      : [];
  return evaluateTyped(isTruthyTyped(evaluateTyped(test, scope)) ? then : otherwise, scope);
}

function ifNull(operand: unknown, scope: TypedScope): unknown {
  const args = Array.isArray(operand) ? operand : [operand];
  let value: unknown = null;
  for (const arg of args) {
    value = evaluateTyped(arg, scope);
    if (!isNullish(value)) return value;
  }
  return value;
}

function mergeObjects(operand: unknown, scope: TypedScope): unknown {
  const out: Doc = {};
  for (const value of argumentList(operand, scope)) {
    if (isNullish(value)) continue;
    if (!isPlainObject(value)) {
      fail(
        40400,
        `$mergeObjects requires object inputs, but input ${describeValue(value)} is of type ${typeNameOf(value)}`,
      );
    }
    for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = field;
  }
  return out;
}

/** The field name of `$getField`/`$setField`/`$unsetField`: a string, or a `$literal` of one. */
function constantFieldName(field: unknown): string | undefined {
  if (isPlainObject(field) && Object.keys(field).length === 1 && typeof field.$literal === 'string')
    return field.$literal;
  return typeof field === 'string' && !field.startsWith('$') ? field : undefined;
}

/** `$setField`/`$unsetField`: a copy of the input with one field set (in place, else appended) or removed. */
function setField(op: '$setField' | '$unsetField', operand: unknown, scope: TypedScope): unknown {
  const field = isPlainObject(operand) ? constantFieldName(operand.field) : undefined;
  if (!isPlainObject(operand) || field === undefined || !('input' in operand)) {
    return delegated(op, { [op]: operand }, scope);
  }
  if (op === '$setField' && !('value' in operand)) return delegated(op, { [op]: operand }, scope);
  const input = evaluateTyped(operand.input, scope);
  if (isNullish(input)) return null;
  if (!isPlainObject(input)) return delegated(op, { [op]: operand }, scope);
  const value = op === '$setField' ? evaluateTyped(operand.value, scope) : undefined;
  const out: Doc = { ...input };
  if (value === undefined) delete out[field];
  else out[field] = value;
  return out;
}

function getField(operand: unknown, scope: TypedScope): unknown {
  const spec = isPlainObject(operand) && 'field' in operand ? operand : { field: operand };
  const field = constantFieldName(spec.field);
  if (field === undefined) return delegated('$getField', { $getField: operand }, scope);
  const input = 'input' in spec ? evaluateTyped(spec.input, scope) : scope.root;
  if (isNullish(input)) return null;
  if (!isPlainObject(input)) return delegated('$getField', { $getField: operand }, scope);
  return input[field];
}

function arrayElemAt(operand: unknown, scope: TypedScope): unknown {
  const args = argumentList(operand, scope);
  exactly('$arrayElemAt', args, 2);
  const [array, index] = args;
  if (isNullish(array) || isNullish(index)) return null;
  if (!Array.isArray(array) || !isNumeric(index) || !Number.isInteger(toNumber(index))) {
    return delegated('$arrayElemAt', { $arrayElemAt: operand }, scope);
  }
  const i = toNumber(index);
  return i < 0 ? array[array.length + i] : array[i];
}

function firstOrLast(op: '$first' | '$last', operand: unknown, scope: TypedScope): unknown {
  const value = evaluateTyped(Array.isArray(operand) && operand.length === 1 ? operand[0] : operand, scope);
  if (isNullish(value)) return null;
  if (!Array.isArray(value)) return delegated(op, { [op]: operand }, scope);
  return op === '$first' ? value[0] : value[value.length - 1];
}

/** `$max`/`$min` pick one of their operands (null and missing ignored), which keeps its type. */
function extreme(op: '$max' | '$min', operand: unknown, scope: TypedScope): unknown {
  let values = argumentList(operand, scope);
  if (values.length === 1 && Array.isArray(values[0])) values = values[0];
  let best: unknown = null;
  for (const value of values) {
    if (isNullish(value)) continue;
    const c = best === null ? 1 : compareValues(value, best);
    if (best === null || (op === '$max' ? c > 0 : c < 0)) best = value;
  }
  return best;
}

function switchOp(operand: unknown, scope: TypedScope): unknown {
  const branches = isPlainObject(operand) ? operand.branches : undefined;
  if (!isPlainObject(operand) || !Array.isArray(branches) || !branches.every(isPlainObject)) {
    return delegated('$switch', { $switch: operand }, scope);
  }
  for (const branch of branches as Doc[]) {
    if (isTruthyTyped(evaluateTyped(branch.case, scope))) return evaluateTyped(branch.then, scope);
  }
  if ('default' in operand) return evaluateTyped(operand.default, scope);
  return delegated('$switch', { $switch: operand }, scope);
}

/** mingo's value for an expression, whatever it holds (the caller gives it its BSON type). */
function mingoValue(expr: unknown, scope: TypedScope): unknown {
  scope.view ??= toView(scope.root);
  return evaluateExpression(scope.view, expr, scope.options);
}

/** A JS number as a value of the given numeric kind (MongoDB's result type). */
function asKind(value: unknown, kind: NumericKind): unknown {
  if (typeof value !== 'number') return value;
  if (kind === 'long') return Number.isInteger(value) ? Long.fromNumber(value) : makeDouble(value);
  if (kind === 'double') return makeDouble(value);
  return isInt32Number(value) ? value : Number.isInteger(value) ? Long.fromNumber(value) : makeDouble(value);
}

/**
 * `$abs`, `$ceil`, `$floor`, `$round`, `$trunc`: the result has the type of the number (an int stays an int, a
 * double a double); mingo computes the value. Decimal128 is refused like every other arithmetic.
 */
function sameKind(op: string, operand: unknown, scope: TypedScope): unknown {
  const args = Array.isArray(operand) ? operand : [operand];
  const first = evaluateTyped(args[0], scope);
  if (!isNumeric(first)) return delegated(op, { [op]: operand }, scope);
  const kind = numericKind(first);
  if (kind === 'decimal') notSupported(`${op} of a Decimal128 value`);
  return asKind(mingoValue({ [op]: operand }, scope), kind);
}

/** `$sum`/`$avg` as expressions: numbers only (one array operand is traversed), with MongoDB's result types. */
function sumOrAvg(op: '$sum' | '$avg', operand: unknown, scope: TypedScope): unknown {
  let values = argumentList(operand, scope);
  if (values.length === 1 && Array.isArray(values[0])) values = values[0];
  const numbers = values.filter(isNumeric);
  if (op === '$sum') return numbers.length === 0 ? 0 : foldNumbers(numbers, 'add');
  if (numbers.length === 0) return null;
  const total = toNumber(foldNumbers(numbers, 'add'));
  return makeDouble(total / numbers.length);
}

/** `$type` of the typed value (an integral Double is 'double', not the 'int' mingo sees). */
function typeOf(operand: unknown, scope: TypedScope): unknown {
  const value = evaluateTyped(Array.isArray(operand) && operand.length === 1 ? operand[0] : operand, scope);
  return typeNameOf(value);
}

/** `$toDouble`/`$toLong`/`$toInt`: mingo converts, the result gets the target's BSON type. */
function convertTo(op: '$toDouble' | '$toLong' | '$toInt', operand: unknown, scope: TypedScope): unknown {
  const input = evaluateTyped(Array.isArray(operand) && operand.length === 1 ? operand[0] : operand, scope);
  if (numericKind(input) === 'decimal' && isNumeric(input)) notSupported(`${op} of a Decimal128 value`);
  if (isNumeric(input) && op === '$toLong' && isLong(input)) return input;
  const value = mingoValue({ [op]: operand }, scope);
  return asKind(value, op === '$toDouble' ? 'double' : op === '$toLong' ? 'long' : 'int');
}

/** `$mod`: the remainder has the wider type of its two numbers (int, long or double), as in MongoDB. */
function mod(operand: unknown, scope: TypedScope): unknown {
  const args = argumentList(operand, scope);
  exactly('$mod', args, 2);
  const [a, b] = args;
  if (!isNumeric(a) || !isNumeric(b)) return delegated('$mod', { $mod: operand }, scope);
  const kinds = [numericKind(a), numericKind(b)];
  if (kinds.includes('decimal')) notSupported('$mod of a Decimal128 value');
  const kind = kinds.includes('double') ? 'double' : kinds.includes('long') ? 'long' : 'int';
  return asKind(mingoValue({ $mod: operand }, scope), kind);
}

function integerOf(value: unknown): bigint {
  return isLong(value) ? (value as Long).toBigInt() : BigInt(Math.trunc(toNumber(value)));
}

/**
 * `$pow` with MongoDB's result types: a double if either number is a double; for ints and longs the exact power as
 * an int (if both are ints and it fits) or a long, and a double when it does not fit or the exponent is negative.
 */
function pow(operand: unknown, scope: TypedScope): unknown {
  const args = argumentList(operand, scope);
  exactly('$pow', args, 2);
  const [base, exponent] = args;
  if (isNullish(base) || isNullish(exponent)) return null;
  if (!isNumeric(base) || !isNumeric(exponent)) return delegated('$pow', { $pow: operand }, scope);
  const kinds = [numericKind(base), numericKind(exponent)];
  if (kinds.includes('decimal')) notSupported('$pow of a Decimal128 value');
  if (toNumber(base) === 0 && toNumber(exponent) < 0) {
    fail(28764, '$pow cannot take a base of 0 and a negative exponent');
  }
  const asDouble = () => makeDouble(Math.pow(toNumber(base), toNumber(exponent)));
  if (kinds.includes('double')) return asDouble();
  const long = kinds.includes('long');
  const b = integerOf(base);
  const e = integerOf(exponent);
  let result: bigint;
  if (b === 0n || b === 1n) result = e === 0n ? 1n : b;
  else if (b === -1n) result = e % 2n === 0n ? 1n : -1n;
  else if (e < 0n || e > 63n) return asDouble();
  else result = b ** e;
  if (result < -(2n ** 63n) || result > 2n ** 63n - 1n) return asDouble();
  if (!long && result >= -2147483648n && result <= 2147483647n) return Number(result);
  return Long.fromBigInt(result);
}

const TYPED_OPERATORS: Record<string, (operand: unknown, scope: TypedScope) => unknown> = {
  $literal: (operand) => operand,
  $add: add,
  $subtract: subtract,
  $multiply: multiply,
  $divide: divide,
  $cond: cond,
  $ifNull: ifNull,
  $mergeObjects: mergeObjects,
  $setField: (operand, scope) => setField('$setField', operand, scope),
  $unsetField: (operand, scope) => setField('$unsetField', operand, scope),
  $getField: getField,
  $arrayElemAt: arrayElemAt,
  $first: (operand, scope) => firstOrLast('$first', operand, scope),
  $last: (operand, scope) => firstOrLast('$last', operand, scope),
  $max: (operand, scope) => extreme('$max', operand, scope),
  $min: (operand, scope) => extreme('$min', operand, scope),
  $switch: switchOp,
  $abs: (operand, scope) => sameKind('$abs', operand, scope),
  $ceil: (operand, scope) => sameKind('$ceil', operand, scope),
  $floor: (operand, scope) => sameKind('$floor', operand, scope),
  $round: (operand, scope) => sameKind('$round', operand, scope),
  $trunc: (operand, scope) => sameKind('$trunc', operand, scope),
  $sum: (operand, scope) => sumOrAvg('$sum', operand, scope),
  $avg: (operand, scope) => sumOrAvg('$avg', operand, scope),
  $mod: mod,
  $pow: pow,
  $type: typeOf,
  $toDouble: (operand, scope) => convertTo('$toDouble', operand, scope),
  $toLong: (operand, scope) => convertTo('$toLong', operand, scope),
  $toInt: (operand, scope) => convertTo('$toInt', operand, scope),
};

/**
 * Evaluates an aggregation expression over a typed document, keeping BSON numeric types as MongoDB does: values are
 * carried with their types, and arithmetic follows MongoDB's promotion (int → long on overflow, any double → double).
 */
export function evaluateTyped(expr: unknown, scope: TypedScope): unknown {
  if (typeof expr === 'string') return expr.startsWith('$') ? fieldOrVariable(expr, scope) : expr;
  if (Array.isArray(expr)) return expr.map((item) => evaluateTyped(item, scope));
  if (!isPlainObject(expr)) return expr;
  const keys = Object.keys(expr);
  const op = keys[0];
  if (op === undefined || !op.startsWith('$')) {
    const out: Doc = {};
    for (const key of keys) {
      const value = evaluateTyped(expr[key], scope);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  const typed = keys.length === 1 ? TYPED_OPERATORS[op] : undefined;
  return typed ? typed(expr[op], scope) : delegated(op, expr, scope);
}
