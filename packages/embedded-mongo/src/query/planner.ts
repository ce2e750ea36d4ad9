import { canonicalKey } from '../bson/canonical-key.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import type { CollectionAccess } from '../data/access.js';
import { ErrorCode, fail } from '../errors.js';
import { collatedIndexKey, indexValueKey, type SecondaryIndex } from '../storage/secondary-index.js';
import { containsString, sameCollation, type Collation } from './collation.js';
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

/**
 * What a filter pins a field to: any one of `values` (equality, `$in`), or every one of them (`$all`), in which case
 * the documents holding any single value are already a complete candidate set.
 */
interface Pinned {
  values: unknown[];
  every: boolean;
}

/** The values a condition pins a field to, when it is an equality, an `$in` or an `$all` of plain values. */
function pinnedValues(condition: unknown): Pinned | undefined {
  if (!isOperatorObject(condition))
    return indexableValue(condition) ? { values: [condition], every: false } : undefined;
  if ('$eq' in condition && indexableValue(condition.$eq)) return { values: [condition.$eq], every: false };
  const all = condition.$all;
  if (Array.isArray(all)) {
    // `$all: []` matches nothing, so looking up no key at all is the complete (empty) candidate set.
    if (all.length === 0) return { values: [], every: false };
    // `$elemMatch` forms, regexes and nested arrays are only re-checked by the filter; one plain value suffices.
    const values = all.filter(indexableValue);
    if (values.length > 0) return { values, every: true };
  }
  const list = condition.$in;
  if (Array.isArray(list) && list.length <= MAX_KEYS && list.every(indexableValue))
    return { values: list, every: false };
  return undefined;
}

/** Collects field → pinned values from the top level of a filter and nested `$and`s. */
function collectEqualities(filter: Doc, into = new Map<string, Pinned>()): Map<string, Pinned> {
  for (const field of Object.keys(filter)) {
    const condition = filter[field];
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) collectEqualities(clause, into);
    } else if (!field.startsWith('$')) {
      const pinned = pinnedValues(condition);
      if (pinned && !into.has(field)) into.set(field, pinned);
    }
  }
  return into;
}

/** The key of a pinned value in an index, or undefined when the index cannot answer it (see lookupKeys). */
type KeyOf = (value: unknown) => string | undefined;

/**
 * How a query's values are looked up in an index. An index answers string comparisons only when its collation is
 * the query's (as in MongoDB); values without strings have the same key in any index.
 */
function lookupKeys(index: SecondaryIndex, collation: Collation | undefined): KeyOf {
  if (!index.collation && !collation) return indexValueKey;
  if (sameCollation(index.collation, collation)) return (value) => collatedIndexKey(value, collation);
  return (value) => (containsString(value) ? undefined : indexValueKey(value));
}

function extendKeys(prefixes: string[], prefixLength: number, values: unknown[], keyOf: KeyOf): string[] | undefined {
  const keys: string[] = [];
  for (const prefix of prefixLength === 0 ? [''] : prefixes) {
    for (const value of values) {
      const key = keyOf(value);
      if (key === undefined) return undefined;
      keys.push(prefixLength === 0 ? key : `${prefix}|${key}`);
    }
  }
  return keys;
}

function estimateDocs(index: SecondaryIndex, prefixLength: number, keys: string[]): number {
  let n = 0;
  for (const key of keys) n += index.postingSize(prefixLength, key);
  return n;
}

/** The `$all` value held by the fewest documents (posting sizes are O(1) to read), so the fewest are examined. */
function rarestValue(
  index: SecondaryIndex,
  prefixLength: number,
  prefixes: string[],
  values: unknown[],
  keyOf: KeyOf,
): unknown {
  if (values.length === 1 || values.length * Math.max(prefixes.length, 1) > MAX_KEYS) return values[0];
  let best = values[0];
  let bestCount = Infinity;
  for (const value of values) {
    const keys = extendKeys(prefixes, prefixLength, [value], keyOf);
    const count = keys ? estimateDocs(index, prefixLength + 1, keys) : Infinity;
    if (count < bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

type IndexPlan = Extract<QueryPlan, { kind: 'index' }>;

/** The lookup keys of the longest pinned prefix of an index (at most MAX_KEYS of them). */
function indexPlan(
  index: SecondaryIndex,
  equalities: Map<string, Pinned>,
  collation: Collation | undefined,
): IndexPlan | undefined {
  const keyOf = lookupKeys(index, collation);
  let keys: string[] = [];
  let prefixLength = 0;
  for (const [field] of index.spec.key) {
    const pinned = equalities.get(field);
    if (!pinned) break;
    // A sparse index lacks the documents missing the field, and null matches those.
    let values = index.spec.sparse ? pinned.values.filter((v) => v !== null) : pinned.values;
    // Any one `$all` value gives a complete candidate set: only those the index can look up are considered.
    if (pinned.every) values = values.filter((v) => keyOf(v) !== undefined);
    if (pinned.every ? values.length === 0 : values.length < pinned.values.length) break;
    const chosen = pinned.every ? [rarestValue(index, prefixLength, keys, values, keyOf)] : values;
    const next = extendKeys(keys, prefixLength, chosen, keyOf);
    if (!next || next.length > MAX_KEYS) break;
    keys = next;
    prefixLength += 1;
  }
  return prefixLength > 0 ? { kind: 'index', index, prefixLength, keys } : undefined;
}

function resolveHint(hint: unknown, indexes: readonly SecondaryIndex[]): SecondaryIndex | 'id' | 'natural' | undefined {
  if (hint === undefined || hint === null) return undefined;
  if (isPlainObject(hint) && Object.keys(hint).length === 0) return undefined;
  if (isPlainObject(hint) && '$natural' in hint) return 'natural';
  if (hint === '_id_' || (isPlainObject(hint) && JSON.stringify(hint) === '{"_id":1}')) return 'id';
  // A hidden index is invisible to the planner, hints included (as in MongoDB).
  const found = indexes.find(
    (index) =>
      !index.spec.hidden &&
      (typeof hint === 'string'
        ? index.name === hint
        : isPlainObject(hint) && JSON.stringify(index.spec.info.key) === JSON.stringify(hint)),
  );
  if (!found)
    fail(
      ErrorCode.BadValue,
      'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
    );
  return found;
}

/**
 * Chooses how to find candidates: the `_id` map for `_id` equality, else the index whose pinned prefix holds the
 * fewest documents (hash lookups, never scans), else a collection scan. Sparse indexes are used only for non-null
 * values, partial indexes never (they may not contain every match). Under a collation, string values are looked up
 * only in indexes with that collation (the `_id` map is binary).
 */
export function planQuery(
  filter: Doc | undefined,
  access: CollectionAccess,
  hint?: unknown,
  collation?: Collation,
): QueryPlan {
  const indexes = access.indexes();
  const hinted = resolveHint(hint, indexes);
  if (hinted === 'natural' || !filter) return { kind: 'scan' };
  const equalities = collectEqualities(filter);
  const pinnedIds = equalities.get('_id');
  let ids = pinnedIds && (pinnedIds.every ? pinnedIds.values.slice(0, 1) : pinnedIds.values);
  let candidates = indexes;
  if (collation && ids?.some(containsString)) {
    // The `_id` map is binary: string ids under a collation go through the collection's collated `_id` index.
    ids = undefined;
    const idIndex = access.collatedIdIndex?.();
    if (idIndex && sameCollation(idIndex.collation, collation) && hinted === undefined)
      candidates = [...indexes, idIndex];
  }
  if (ids && hinted === undefined) return { kind: 'id', keys: ids.map(canonicalKey) };
  if (hinted === 'id') return ids ? { kind: 'id', keys: ids.map(canonicalKey) } : { kind: 'scan' };
  let best: { plan: IndexPlan; docs: number } | undefined;
  for (const index of hinted ? [hinted] : candidates) {
    if (index.spec.hidden) continue;
    if (!index.complete && !(index.spec.sparse && !index.spec.partialFilterExpression)) continue;
    const plan = indexPlan(index, equalities, collation);
    if (!plan) continue;
    const candidate = { plan, docs: estimateDocs(index, plan.prefixLength, plan.keys) };
    if (!best || isBetter(candidate, best)) best = candidate;
  }
  return best?.plan ?? { kind: 'scan' };
}

/** Exact unique lookups first, then the fewest documents to examine, then the longest prefix, then fewest keys. */
function isBetter(a: { plan: IndexPlan; docs: number }, b: { plan: IndexPlan; docs: number }): boolean {
  const aExact = a.plan.index.spec.unique && a.plan.prefixLength === a.plan.index.paths.length;
  const bExact = b.plan.index.spec.unique && b.plan.prefixLength === b.plan.index.paths.length;
  if (aExact !== bExact) return aExact;
  if (a.docs !== b.docs) return a.docs < b.docs;
  if (a.plan.prefixLength !== b.plan.prefixLength) return a.plan.prefixLength > b.plan.prefixLength;
  return a.plan.keys.length < b.plan.keys.length;
}

/**
 * The candidates of a lookup by one `_id` or one key of a unique index (every field pinned), which holds at most one
 * document, as an array; undefined for every other plan (planCandidates streams those).
 */
export function singleLookup(plan: QueryPlan, access: CollectionAccess): Doc[] | undefined {
  if (plan.kind === 'scan' || plan.keys.length !== 1) return undefined;
  const key = plan.keys[0] as string;
  if (plan.kind === 'id') {
    const doc = access.get(key);
    return doc ? [doc] : [];
  }
  const { index } = plan;
  // A collated index adds the documents it could not key to every lookup: not a single document.
  if (!index.spec.unique || index.collation || plan.prefixLength !== index.paths.length) return undefined;
  return [...access.lookup(index, plan.prefixLength, key)];
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
