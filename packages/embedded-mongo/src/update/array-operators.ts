import { compareValues, valuesEqual } from '../bson/compare.js';
import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { compileElementTest } from '../query/matcher.js';
import { parseSort, sortKeyOf } from '../query/sort.js';
import { describeValue, typeNameOf } from './describe.js';
import type { DocWriter } from './doc-paths.js';

function existingArray(writer: DocWriter, parts: string[], op: string, id: unknown): unknown[] | undefined {
  const current = writer.get(parts);
  if (current === undefined) return undefined;
  if (!Array.isArray(current)) {
    fail(
      op === '$pop' ? ErrorCode.TypeMismatch : ErrorCode.BadValue,
      `The field '${parts.join('.')}' must be an array but is of type ${typeNameOf(current)} in document {_id: ${describeValue(id)}}`,
    );
  }
  return writer.writableArray(parts);
}

function eachOf(operand: unknown): { values: unknown[]; modifiers: Doc } {
  if (isPlainObject(operand) && '$each' in operand) {
    if (!Array.isArray(operand.$each))
      fail(
        ErrorCode.BadValue,
        `The argument to $each must be an array but it was of type ${typeNameOf(operand.$each)}`,
      );
    return { values: operand.$each, modifiers: operand };
  }
  return { values: [operand], modifiers: {} };
}

/** `$push` with `$each`, `$position`, `$sort` and `$slice`. */
export function applyPush(writer: DocWriter, parts: string[], operand: unknown, id: unknown): void {
  const { values, modifiers } = eachOf(operand);
  for (const key of Object.keys(modifiers)) {
    if (!['$each', '$slice', '$sort', '$position'].includes(key))
      fail(ErrorCode.BadValue, `Unrecognized clause in $push: ${key}`);
  }
  let array = existingArray(writer, parts, '$push', id);
  if (!array) {
    writer.set(parts, []);
    array = writer.writableArray(parts) as unknown[];
  }
  let position = array.length;
  if (modifiers.$position !== undefined) {
    if (!isNumeric(modifiers.$position)) fail(ErrorCode.BadValue, 'The value for $position must be an integer value');
    const p = Math.trunc(toNumber(modifiers.$position));
    position = p < 0 ? Math.max(0, array.length + p) : Math.min(p, array.length);
  }
  array.splice(position, 0, ...values);
  if (modifiers.$sort !== undefined) sortArray(array, modifiers.$sort);
  if (modifiers.$slice !== undefined) {
    if (!isNumeric(modifiers.$slice)) fail(ErrorCode.BadValue, 'The value for $slice must be an integer value');
    const n = Math.trunc(toNumber(modifiers.$slice));
    const kept = n >= 0 ? array.slice(0, n) : array.slice(Math.max(0, array.length + n));
    array.splice(0, array.length, ...kept);
  }
}

function sortArray(array: unknown[], spec: unknown): void {
  if (isNumeric(spec)) {
    const direction = toNumber(spec);
    if (direction !== 1 && direction !== -1) fail(ErrorCode.BadValue, 'The $sort element value must be either 1 or -1');
    array.sort((a, b) => compareValues(a, b) * direction);
    return;
  }
  const plan = parseSort(spec);
  if (!plan) fail(ErrorCode.BadValue, 'The $sort pattern is empty when it should be a set of fields.');
  array.sort((a, b) => {
    for (const key of plan.keys) {
      const c = compareValues(sortKeyOf(a, key), sortKeyOf(b, key));
      if (c !== 0) return c * key.direction;
    }
    return 0;
  });
}

/** `$addToSet` (with `$each`): appends values not already present (MongoDB equality). */
export function applyAddToSet(writer: DocWriter, parts: string[], operand: unknown, id: unknown): void {
  const { values } = eachOf(operand);
  let array = existingArray(writer, parts, '$addToSet', id);
  if (!array) {
    writer.set(parts, []);
    array = writer.writableArray(parts) as unknown[];
  }
  for (const value of values) {
    if (!array.some((existing) => valuesEqual(existing, value))) array.push(value);
  }
}

/** `$pop`: 1 removes the last element, -1 the first. */
export function applyPop(writer: DocWriter, parts: string[], operand: unknown, id: unknown): void {
  if (!isNumeric(operand) || (toNumber(operand) !== 1 && toNumber(operand) !== -1)) {
    fail(ErrorCode.FailedToParse, `$pop expects 1 or -1, found: ${describeValue(operand)}`);
  }
  const array = existingArray(writer, parts, '$pop', id);
  if (!array || array.length === 0) return;
  if (toNumber(operand) === 1) array.pop();
  else array.shift();
}

/** `$pull`: removes elements equal to a value or matching a condition (query form for documents). */
export function applyPull(writer: DocWriter, parts: string[], operand: unknown, id: unknown): void {
  const test: (element: unknown) => boolean = isPlainObject(operand)
    ? compileElementTest(operand)
    : (element) => valuesEqual(element, operand);
  const array = existingArray(writer, parts, '$pull', id);
  if (!array) return;
  const kept = array.filter((element) => !test(element));
  if (kept.length !== array.length) array.splice(0, array.length, ...kept);
}

/** `$pullAll`: removes every element equal to one of the values. */
export function applyPullAll(writer: DocWriter, parts: string[], operand: unknown, id: unknown): void {
  if (!Array.isArray(operand))
    fail(ErrorCode.BadValue, `$pullAll requires an array argument but was given a ${typeNameOf(operand)}`);
  const array = existingArray(writer, parts, '$pullAll', id);
  if (!array) return;
  const kept = array.filter((element) => !operand.some((value) => valuesEqual(element, value)));
  if (kept.length !== array.length) array.splice(0, array.length, ...kept);
}
