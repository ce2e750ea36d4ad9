import { Timestamp } from 'bson';
import { compareValues, identical } from '../bson/compare.js';
import { addNumbers, bitwiseNumbers, multiplyNumbers, zeroLike } from '../bson/numeric.js';
import { isArrayIndex } from '../bson/paths.js';
import { isNumeric, isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { applyAddToSet, applyPop, applyPull, applyPullAll, applyPush } from './array-operators.js';
import { describeValue, typeNameOf } from './describe.js';
import { DocWriter } from './doc-paths.js';
import { expandPositional, type ArrayFilters } from './positional.js';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$setOnInsert',
  '$addToSet',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$bit',
]);

/** Context for applying an operator update to one document. */
export interface UpdateContext {
  /** Array position matched by the query (positional `$`). */
  position?: number;
  arrayFilters: ArrayFilters;
  /** Apply `$setOnInsert` (upsert inserting a new document). */
  isInsert: boolean;
  now: Date;
}

// MongoDB applies each operator's fields in lexicographic order (numeric components numerically).
function comparePaths(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    if (isArrayIndex(x) && isArrayIndex(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Validates an operator update document and checks that no two paths conflict (code 40). */
export function validateOperatorUpdate(update: Doc): void {
  const seen: string[][] = [];
  for (const [op, fields] of Object.entries(update)) {
    if (!OPERATORS.has(op))
      fail(
        ErrorCode.FailedToParse,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    if (!isPlainObject(fields))
      fail(
        ErrorCode.FailedToParse,
        `Modifiers operate on fields but we found type ${typeNameOf(fields)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${describeValue(fields)}}`,
      );
    const paths = Object.keys(fields);
    if (op === '$rename') paths.push(...Object.values(fields).map(String));
    for (const path of paths) {
      if (path === '') fail(ErrorCode.EmptyArrayOperation, 'An empty update path is not valid.');
      const parts = path.split('.');
      if (parts.some((p) => p === ''))
        fail(
          ErrorCode.EmptyArrayOperation,
          `The update path '${path}' contains an empty field name, which is not allowed.`,
        );
      for (const other of seen) {
        const n = Math.min(other.length, parts.length);
        let same = true;
        for (let i = 0; i < n; i++) if (other[i] !== parts[i]) same = false;
        if (same) {
          fail(
            ErrorCode.ConflictingUpdateOperators,
            `Updating the path '${path}' would create a conflict at '${parts.slice(0, n).join('.')}'`,
          );
        }
        // Below one field, MongoDB's update tree holds either array-filter children (`$[]`, `$[id]`) or named ones
        // (`0`, `x`): `a.$[].x` next to `a.0.y` conflicts at `a`.
        const at = other.findIndex((part, index) => part !== parts[index]);
        if (at > 0 && at < n && isArrayFilter(other[at]!) !== isArrayFilter(parts[at]!)) {
          fail(
            ErrorCode.ConflictingUpdateOperators,
            `Updating the path '${path}' would create a conflict at '${parts.slice(0, at).join('.')}'`,
          );
        }
      }
      seen.push(parts);
    }
  }
}

/** Applies an operator update (already validated) to a document; returns the new document (the input is untouched). */
export function applyOperators(original: Doc, update: Doc, ctx: UpdateContext): Doc {
  const writer = new DocWriter(original);
  const usedFilters = new Set<string>();
  for (const [op, fields] of Object.entries(update)) {
    if (op === '$setOnInsert' && !ctx.isInsert) continue;
    const entries = Object.entries(fields as Doc).sort(([a], [b]) => comparePaths(a, b));
    for (const [path, operand] of entries) {
      if (op === '$rename') {
        applyRename(writer, path, operand);
        continue;
      }
      for (const parts of expandPositional(writer.root, path.split('.'), ctx.position, ctx.arrayFilters, usedFilters)) {
        applyOne(writer, op, parts, operand, ctx, original._id);
      }
    }
  }
  for (const id of ctx.arrayFilters.keys()) {
    if (!usedFilters.has(id))
      fail(
        ErrorCode.FailedToParse,
        `The array filter for identifier '${id}' was not used in the update ${describeValue(update)}`,
      );
  }
  if (original._id !== undefined && !identical(original._id, writer.root._id)) {
    fail(ErrorCode.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return writer.root;
}

function applyOne(
  writer: DocWriter,
  op: string,
  parts: string[],
  operand: unknown,
  ctx: UpdateContext,
  id: unknown,
): void {
  switch (op) {
    case '$set':
    case '$setOnInsert':
      writer.set(parts, operand);
      return;
    case '$unset':
      writer.unset(parts);
      return;
    case '$inc':
    case '$mul':
      applyArithmetic(writer, op, parts, operand, id);
      return;
    case '$min':
    case '$max': {
      const current = writer.get(parts);
      const c = current === undefined ? 0 : compareValues(operand, current);
      if (current === undefined || (op === '$min' ? c < 0 : c > 0)) writer.set(parts, operand);
      return;
    }
    case '$currentDate':
      writer.set(parts, currentDateValue(operand, ctx.now));
      return;
    case '$push':
      applyPush(writer, parts, operand, id);
      return;
    case '$addToSet':
      applyAddToSet(writer, parts, operand, id);
      return;
    case '$pop':
      applyPop(writer, parts, operand, id);
      return;
    case '$pull':
      applyPull(writer, parts, operand, id);
      return;
    case '$pullAll':
      applyPullAll(writer, parts, operand, id);
      return;
    case '$bit':
      applyBit(writer, parts, operand, id);
      return;
    default:
      fail(ErrorCode.FailedToParse, `Unknown modifier: ${op}`);
  }
}

function applyArithmetic(writer: DocWriter, op: '$inc' | '$mul', parts: string[], operand: unknown, id: unknown): void {
  const verb = op === '$inc' ? 'increment' : 'multiply';
  if (!isNumeric(operand))
    fail(
      ErrorCode.TypeMismatch,
      `Cannot ${verb} with non-numeric argument: {${parts.join('.')}: ${describeValue(operand)}}`,
    );
  const current = writer.get(parts);
  if (current === undefined) {
    writer.set(parts, op === '$inc' ? operand : zeroLike(operand));
    return;
  }
  if (!isNumeric(current)) {
    fail(
      ErrorCode.TypeMismatch,
      `Cannot apply ${op} to a value of non-numeric type. {_id: ${describeValue(id)}} has the field '${parts[parts.length - 1]}' of non-numeric type ${typeNameOf(current)}`,
    );
  }
  writer.set(parts, op === '$inc' ? addNumbers(current, operand) : multiplyNumbers(current, operand));
}

function currentDateValue(operand: unknown, now: Date): unknown {
  if (operand === true) return new Date(now.getTime());
  if (isPlainObject(operand) && (operand.$type === 'date' || operand.$type === 'timestamp')) {
    if (operand.$type === 'date') return new Date(now.getTime());
    return new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 });
  }
  if (operand === false) return new Date(now.getTime());
  return fail(
    ErrorCode.BadValue,
    `${describeValue(operand)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
  );
}

function applyRename(writer: DocWriter, from: string, to: unknown): void {
  if (typeof to !== 'string' || to === '')
    fail(ErrorCode.BadValue, `The 'to' field for $rename must be a string: ${from}: ${describeValue(to)}`);
  if (from === to) fail(ErrorCode.BadValue, `The source and target field for $rename must differ: ${from}: "${to}"`);
  if ([from, to].some((p) => p.includes('$')))
    fail(ErrorCode.BadValue, 'The source and target field for $rename must not contain positional operators');
  const fromParts = from.split('.');
  const value = writer.get(fromParts);
  if (value === undefined) return;
  const parent = writer.parentFor(fromParts, false);
  if (parent && Array.isArray(parent.container))
    fail(ErrorCode.BadValue, `The source field cannot be an array element, '${from}' in doc`);
  writer.unset(fromParts);
  writer.set(to.split('.'), value);
}

function applyBit(writer: DocWriter, parts: string[], operand: unknown, id: unknown): void {
  if (!isPlainObject(operand) || Object.keys(operand).length === 0) {
    fail(
      ErrorCode.BadValue,
      `The $bit modifier is not compatible with a ${typeNameOf(operand)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`,
    );
  }
  let current: unknown = writer.get(parts) ?? 0;
  if (!isNumeric(current) || typeNameOf(current) === 'double' || typeNameOf(current) === 'decimal') {
    fail(
      ErrorCode.BadValue,
      `Cannot apply $bit to a value of non-integral type.{_id: ${describeValue(id)}} has the field ${parts.join('.')} of non-integer type ${typeNameOf(current)}`,
    );
  }
  for (const [bitOp, value] of Object.entries(operand)) {
    if (bitOp !== 'and' && bitOp !== 'or' && bitOp !== 'xor')
      fail(ErrorCode.BadValue, `The $bit modifier only supports 'and', 'or', and 'xor', not '${bitOp}'`);
    if (!isNumeric(value) || typeNameOf(value) === 'double')
      fail(
        ErrorCode.BadValue,
        `The $bit modifier field must be an Integer(32/64 bit); a '${typeNameOf(value)}' is not supported here: {${bitOp}: ${describeValue(value)}}`,
      );
    current = bitwiseNumbers(current, value, bitOp);
  }
  writer.set(parts, current);
}

/** `$[]` or `$[identifier]`: a path part that applies to array elements through filters. */
const isArrayFilter = (part: string): boolean => part.startsWith('$[') && part.endsWith(']');
