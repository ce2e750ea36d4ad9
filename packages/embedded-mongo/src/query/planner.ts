import { canonicalKey } from '../bson/canonical-key.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import type { CollectionAccess } from '../data/access.js';
import { ErrorCode, fail } from '../errors.js';
import { indexValueKey, type SecondaryIndex } from '../storage/secondary-index.js';
import { isOperatorObject } from './matcher.js';
import { toRegex } from './regex.js';

/** How a query finds its candidate documents; the full filter is always applied to them afterwards. */
export type QueryPlan =
  | { kind: 'id'; keys: string[] }
  | { kind: 'index'; index: SecondaryIndex; prefixLength: number; keys: string[] }
  | { kind: 'scan' };

const MAX_KEYS = 1000;

function indexableValue(value: unknown): boolean {
  if (Array.isArray(value) || toRegex(value)) return false;
  return !isOperatorObject(value);
}

/** Values a condition pins a field to, when it is an equality or an `$in` of plain values. */
function equalityValues(condition: unknown): unknown[] | undefined {
  if (!isOperatorObject(condition)) return indexableValue(condition) ? [condition] : undefined;
  if ('$eq' in condition && indexableValue(condition.$eq)) return [condition.$eq];
  const list = condition.$in;
  if (Array.isArray(list) && list.length <= MAX_KEYS && list.every(indexableValue)) return list;
  return undefined;
}

/** Collects field → pinned values from the top level of a filter and nested `$and`s. */
function collectEqualities(filter: Doc, into = new Map<string, unknown[]>()): Map<string, unknown[]> {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) collectEqualities(clause, into);
    } else if (!field.startsWith('$')) {
      const values = equalityValues(condition);
      if (values && !into.has(field)) into.set(field, values);
    }
  }
  return into;
}

function keysFor(valueLists: unknown[][]): string[] | undefined {
  let keys = [''];
  valueLists.forEach((values, i) => {
    const next: string[] = [];
    for (const prefix of keys) {
      for (const value of values) next.push(i === 0 ? indexValueKey(value) : `${prefix}|${indexValueKey(value)}`);
    }
    keys = next;
  });
  return keys.length <= MAX_KEYS ? keys : undefined;
}

function resolveHint(hint: unknown, indexes: readonly SecondaryIndex[]): SecondaryIndex | 'id' | 'natural' | undefined {
  if (hint === undefined || hint === null) return undefined;
  if (isPlainObject(hint) && Object.keys(hint).length === 0) return undefined;
  if (isPlainObject(hint) && '$natural' in hint) return 'natural';
  if (hint === '_id_' || (isPlainObject(hint) && JSON.stringify(hint) === '{"_id":1}')) return 'id';
  const found = indexes.find((index) =>
    typeof hint === 'string'
      ? index.name === hint
      : isPlainObject(hint) && JSON.stringify(index.spec.info.key) === JSON.stringify(hint),
  );
  if (!found)
    fail(
      ErrorCode.BadValue,
      'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
    );
  return found;
}

/**
 * Chooses how to find candidates: the `_id` map for `_id` equality, else the index with the longest equality-pinned
 * prefix (hash lookups, never scans), else a collection scan. Sparse indexes are used only for non-null values,
 * partial indexes never (they may not contain every match).
 */
export function planQuery(filter: Doc | undefined, access: CollectionAccess, hint?: unknown): QueryPlan {
  const indexes = access.indexes();
  const hinted = resolveHint(hint, indexes);
  if (hinted === 'natural' || !filter) return { kind: 'scan' };
  const equalities = collectEqualities(filter);
  const ids = equalities.get('_id');
  if (ids && hinted === undefined) return { kind: 'id', keys: ids.map(canonicalKey) };
  if (hinted === 'id') return ids ? { kind: 'id', keys: ids.map(canonicalKey) } : { kind: 'scan' };
  let best: QueryPlan | undefined;
  for (const index of hinted ? [hinted] : indexes) {
    if (!index.complete && !(index.spec.sparse && !index.spec.partialFilterExpression)) continue;
    const lists: unknown[][] = [];
    for (const [field] of index.spec.key) {
      const values = equalities.get(field);
      if (!values || (index.spec.sparse && values.some((v) => v === null))) break;
      lists.push(values);
    }
    if (lists.length === 0) continue;
    const keys = keysFor(lists);
    if (!keys) continue;
    const candidate: QueryPlan = { kind: 'index', index, prefixLength: lists.length, keys };
    if (!best || best.kind !== 'index' || isBetter(candidate, best)) best = candidate;
  }
  return best ?? { kind: 'scan' };
}

function isBetter(a: Extract<QueryPlan, { kind: 'index' }>, b: Extract<QueryPlan, { kind: 'index' }>): boolean {
  const aExact = a.index.spec.unique && a.prefixLength === a.index.paths.length;
  const bExact = b.index.spec.unique && b.prefixLength === b.index.paths.length;
  if (aExact !== bExact) return aExact;
  if (a.prefixLength !== b.prefixLength) return a.prefixLength > b.prefixLength;
  return a.keys.length < b.keys.length;
}

/** The candidate documents of a plan (each at most once). */
export function* planCandidates(plan: QueryPlan, access: CollectionAccess): Iterable<Doc> {
  if (plan.kind === 'scan') {
    yield* access.all();
    return;
  }
  if (plan.kind === 'id') {
    const seen = plan.keys.length > 1 ? new Set<string>() : undefined;
    for (const key of plan.keys) {
      if (seen?.has(key)) continue;
      seen?.add(key);
      const doc = access.get(key);
      if (doc) yield doc;
    }
    return;
  }
  const dedupe = plan.keys.length > 1 || plan.index.multikey;
  const seen = dedupe ? new Set<Doc>() : undefined;
  for (const key of plan.keys) {
    // Copied first: an update moves a document to the end of its posting set, and a cursor still reading the live
    // set would then return it twice.
    for (const doc of [...access.lookup(plan.index, plan.prefixLength, key)]) {
      if (seen) {
        if (seen.has(doc)) continue;
        seen.add(doc);
      }
      yield doc;
    }
  }
}

/** The plan as explain reports it (MongoDB stage names). */
export function describePlan(plan: QueryPlan): Doc {
  if (plan.kind === 'id') return { stage: 'IDHACK' };
  if (plan.kind === 'scan') return { stage: 'COLLSCAN', direction: 'forward' };
  return {
    stage: 'FETCH',
    inputStage: {
      stage: 'IXSCAN',
      indexName: plan.index.name,
      keyPattern: plan.index.spec.info.key,
      isMultiKey: plan.index.multikey,
      isUnique: plan.index.spec.unique,
      isSparse: plan.index.spec.sparse,
    },
  };
}
