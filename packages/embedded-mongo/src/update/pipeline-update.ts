import { Aggregator } from 'mingo/aggregator';
import { identical } from '../bson/compare.js';
import { toView } from '../bson/normalize.js';
import { isNumeric, isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { computeOptions, mingoContext } from '../query/expressions.js';
import { evaluateTyped, type TypedScope } from './typed-expression.js';

/** The fields a stage computes, as path components and expression (`{a: {b: e}}` and `{'a.b': e}` alike). */
function computedFields(spec: unknown, isProject: boolean, prefix: string[] = []): Array<[string[], unknown]> {
  if (!isPlainObject(spec)) return [];
  const out: Array<[string[], unknown]> = [];
  for (const [key, value] of Object.entries(spec)) {
    const parts = [...prefix, ...key.split('.')];
    const keys = isPlainObject(value) ? Object.keys(value) : [];
    if (keys.length > 0 && !(keys[0] as string).startsWith('$')) out.push(...computedFields(value, isProject, parts));
    // In $project, numbers and booleans include or exclude a field rather than compute it.
    else if (!(isProject && (typeof value === 'boolean' || isNumeric(value)))) out.push([parts, value]);
  }
  return out;
}

/**
 * Puts the values mingo's (JS-number) result left unchanged back to their stored BSON values: a stage only passes
 * through or computes fields, so an unchanged value at the same path is the stored one.
 */
function restoreTypes(before: unknown, after: unknown): unknown {
  if (identical(toView(before), after)) return before;
  if (isPlainObject(after)) {
    const out: Doc = {};
    const previous = isPlainObject(before) ? before : {};
    for (const [key, value] of Object.entries(after)) {
      out[key] = key in previous ? restoreTypes(previous[key], value) : value;
    }
    return out;
  }
  if (Array.isArray(after) && Array.isArray(before) && before.length === after.length) {
    return after.map((value, i) => restoreTypes(before[i], value));
  }
  return after;
}

/** Writes a computed value wherever mingo placed one along the path (into every document of an array on the way). */
function placeTyped(node: unknown, parts: readonly string[], i: number, value: unknown): unknown {
  if (Array.isArray(node)) return node.map((element) => placeTyped(element, parts, i, value));
  const key = parts[i] as string;
  if (!isPlainObject(node) || !(key in node)) return node;
  const copy: Doc = { ...node };
  if (i < parts.length - 1) copy[key] = placeTyped(node[key], parts, i + 1, value);
  else if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** Reads the value mingo placed at a path (the first one, through arrays), to see whether it holds a number. */
function valueAt(node: unknown, parts: readonly string[], i = 0): unknown {
  if (i === parts.length) return node;
  if (Array.isArray(node)) return node.map((element) => valueAt(element, parts, i));
  return isPlainObject(node) ? valueAt(node[parts[i] as string], parts, i + 1) : undefined;
}

/** True when an expression uses `$type`, whose answer (a string) depends on the BSON types mingo does not see. */
function asksType(expr: unknown): boolean {
  if (Array.isArray(expr)) return expr.some(asksType);
  return isPlainObject(expr) && Object.entries(expr).some(([key, value]) => key === '$type' || asksType(value));
}

function holdsNumber(value: unknown): boolean {
  if (typeof value === 'number' || isNumeric(value)) return true;
  if (Array.isArray(value)) return value.some(holdsNumber);
  return isPlainObject(value) && Object.values(value).some(holdsNumber);
}

/**
 * Gives the document mingo computed for one stage (`$set`/`$addFields`/`$project`/`$unset`/`$replaceRoot`/
 * `$replaceWith`) MongoDB's BSON types: values passed through are the typed input's, computed ones are evaluated
 * typed. `scope.lenient` (aggregate): only computed values holding a number are re-evaluated, and operators without
 * a typed version keep mingo's JS number.
 */
export function typeStageOutput(before: Doc, stage: Doc, result: Doc, scope: TypedScope): Doc {
  const name = Object.keys(stage)[0] as string;
  const body = stage[name];
  if (name === '$replaceRoot' || name === '$replaceWith') {
    const root = evaluateTyped(name === '$replaceRoot' && isPlainObject(body) ? body.newRoot : body, scope);
    return isPlainObject(root) ? root : result;
  }
  let out = restoreTypes(before, result) as Doc;
  for (const [parts, expr] of computedFields(name === '$unset' ? undefined : body, name === '$project')) {
    if (scope.lenient && !holdsNumber(valueAt(result, parts)) && !asksType(expr)) continue;
    out = placeTyped(out, parts, 0, evaluateTyped(expr, scope)) as Doc;
  }
  return out;
}

function applyStage(before: Doc, stage: Doc, variables: Doc | undefined): Doc {
  // mingo decides the shape (and raises the stage's errors); the typed evaluation supplies the BSON values.
  const view = variables ? (toView(variables) as Doc) : undefined;
  const [result] = new Aggregator([toView(stage) as Doc], {
    context: mingoContext(),
    ...(view ? { variables: view } : {}),
  }).run([toView(before) as Doc]);
  if (!isPlainObject(result)) fail(ErrorCode.BadValue, 'the update pipeline must produce a document');
  return typeStageOutput(before, stage, result, {
    root: before,
    variables: variables ?? {},
    options: computeOptions(view),
  });
}

/**
 * Runs an update pipeline stage by stage, keeping BSON numeric types as MongoDB does: passed-through values keep
 * their stored types and computed ones get MongoDB's result types, or the update fails naming what it cannot type.
 */
export function runUpdatePipeline(original: Doc, pipeline: readonly Doc[], variables: Doc | undefined): Doc {
  let doc = original;
  for (const stage of pipeline) doc = applyStage(doc, stage, variables);
  return doc;
}
