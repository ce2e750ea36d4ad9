import type { Options } from 'mingo/types';
import { canonicalKey } from '../bson/canonical-key.js';
import { compareValues } from '../bson/compare.js';
import { addNumbers, makeDouble } from '../bson/numeric.js';
import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { CollatedMap, comparatorFor, type Collation } from '../query/collation.js';
import { evaluateExpression } from '../query/expressions.js';

type Reader = (doc: Doc) => unknown;

/** An `_id` document as MongoDB builds it: fields that evaluate to missing are left out ({a: '$none'} is {}). */
function withoutMissing(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = withoutMissing(field);
  return out;
}

interface Accumulator {
  field: string;
  read: Reader;
  kind: string;
}

const NATIVE = new Set(['$sum', '$avg', '$min', '$max', '$first', '$last', '$push', '$addToSet', '$count']);

/** Reads an expression: plain field paths without arrays on the way are resolved directly, the rest by mingo. */
function compileReader(expr: unknown, view: (doc: Doc) => Doc, options: Options): Reader {
  if (typeof expr === 'string' && expr.startsWith('$') && !expr.startsWith('$$')) {
    const parts = expr.slice(1).split('.');
    return (doc) => {
      let current: unknown = doc;
      for (const part of parts) {
        if (Array.isArray(current)) return evaluateExpression(view(doc), expr, options);
        if (!isPlainObject(current)) return undefined;
        current = current[part];
      }
      return Array.isArray(current) ? evaluateExpression(view(doc), expr, options) : current;
    };
  }
  if (expr === null || typeof expr !== 'object' || expr instanceof Date) return () => expr;
  return (doc) => evaluateExpression(view(doc), expr, options);
}

/**
 * Compiles a `$group` spec natively when every accumulator is a common one; undefined means "let mingo do it". Under a
 * collation, group keys, `$addToSet` and `$min`/`$max` compare strings by it.
 */
export function compileGroup(
  spec: unknown,
  view: (doc: Doc) => Doc,
  options: Options,
  collation?: Collation,
): ((docs: Doc[]) => Doc[]) | undefined {
  if (!isPlainObject(spec) || !('_id' in spec)) return undefined;
  const accumulators: Accumulator[] = [];
  for (const [field, value] of Object.entries(spec)) {
    if (field === '_id') continue;
    if (!isPlainObject(value)) return undefined;
    const keys = Object.keys(value);
    const kind = keys[0] as string;
    if (keys.length !== 1 || !NATIVE.has(kind)) return undefined;
    if (kind === '$count' && !(isPlainObject(value.$count) && Object.keys(value.$count).length === 0)) return undefined;
    if (['$sum', '$avg', '$min', '$max'].includes(kind) && Array.isArray(value[kind])) return undefined;
    accumulators.push({ field, kind, read: kind === '$count' ? () => 1 : compileReader(value[kind], view, options) });
  }
  const readId = compileReader(spec._id, view, options);
  if (collation) return (docs) => collatedGroups(docs, readId, accumulators, collation);
  return (docs) => {
    const groups = new Map<string, { id: unknown; state: unknown[] }>();
    for (const doc of docs) {
      const id = withoutMissing(readId(doc)) ?? null;
      const key = canonicalKey(id);
      let group = groups.get(key);
      if (!group) {
        group = { id, state: accumulators.map((a) => initial(a.kind)) };
        groups.set(key, group);
      }
      for (let i = 0; i < accumulators.length; i++) {
        const accumulator = accumulators[i] as Accumulator;
        group.state[i] = step(accumulator.kind, group.state[i], accumulator.read(doc));
      }
    }
    return [...groups.values()].map((group) => {
      const out: Doc = { _id: group.id };
      accumulators.forEach((a, i) => (out[a.field] = finish(a.kind, group.state[i])));
      return out;
    });
  };
}

function collatedGroups(docs: Doc[], readId: Reader, accumulators: Accumulator[], collation: Collation): Doc[] {
  const groups = new CollatedMap<{ id: unknown; state: unknown[] }>(collation);
  const compare = comparatorFor(collation);
  for (const doc of docs) {
    const id = withoutMissing(readId(doc)) ?? null;
    const group = groups.getOrAdd(id, () => ({ id, state: accumulators.map((a) => initial(a.kind, collation)) }));
    for (let i = 0; i < accumulators.length; i++) {
      const accumulator = accumulators[i] as Accumulator;
      group.state[i] = step(accumulator.kind, group.state[i], accumulator.read(doc), compare);
    }
  }
  return groups.entries().map(({ item: group }) => {
    const out: Doc = { _id: group.id };
    accumulators.forEach((a, i) => (out[a.field] = finish(a.kind, group.state[i])));
    return out;
  });
}

const NONE = Symbol('none');

function initial(kind: string, collation?: Collation): unknown {
  switch (kind) {
    case '$sum':
    case '$count':
      return 0;
    case '$avg':
      return { sum: 0, n: 0 };
    case '$push':
      return [];
    case '$addToSet':
      return collation ? new CollatedMap<unknown>(collation) : new Map<string, unknown>();
    default:
      return NONE;
  }
}

function step(kind: string, state: unknown, value: unknown, compare = compareValues): unknown {
  switch (kind) {
    case '$sum':
    case '$count':
      // Typed addition: Int32 sums stay Int32 (Int64 on overflow), any double makes a double, as in MongoDB.
      return isNumeric(value) ? addNumbers(state, value) : state;
    case '$avg': {
      if (!isNumeric(value)) return state;
      const avg = state as { sum: number; n: number };
      avg.sum += toNumber(value);
      avg.n += 1;
      return avg;
    }
    case '$min':
    case '$max': {
      if (value === null || value === undefined) return state;
      if (state === NONE) return value;
      const c = compare(value, state);
      return (kind === '$min' ? c < 0 : c > 0) ? value : state;
    }
    case '$first':
      return state === NONE ? (value ?? null) : state;
    case '$last':
      return value ?? null;
    case '$push':
      if (value !== undefined) (state as unknown[]).push(value);
      return state;
    case '$addToSet': {
      if (value !== undefined && state instanceof CollatedMap) state.getOrAdd(value, () => value);
      else if (value !== undefined) {
        const set = state as Map<string, unknown>;
        const key = canonicalKey(value);
        if (!set.has(key)) set.set(key, value);
      }
      return state;
    }
    default:
      return state;
  }
}

function finish(kind: string, state: unknown): unknown {
  switch (kind) {
    case '$avg': {
      const avg = state as { sum: number; n: number };
      return avg.n === 0 ? null : makeDouble(avg.sum / avg.n);
    }
    case '$addToSet':
      if (state instanceof CollatedMap) return state.entries().map((entry) => entry.value);
      return [...(state as Map<string, unknown>).values()];
    default:
      return state === NONE ? null : state;
  }
}
