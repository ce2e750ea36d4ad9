import type { Doc } from '../bson/values.js';
import type { CollectionAccess } from '../data/access.js';
import type { Collation } from './collation.js';
import { compileFilter, type MatchDetails, type Matcher } from './matcher.js';
import { planCandidates, planQuery, singleLookup, type QueryPlan } from './planner.js';
import { compileProjection } from './projection.js';
import { parseSort, sortDocuments } from './sort.js';

/** A find-style query. */
export interface QuerySpec {
  filter?: Doc;
  sort?: unknown;
  projection?: unknown;
  skip?: number;
  /** 0 or undefined: no limit. */
  limit?: number;
  hint?: unknown;
  variables?: Doc;
  /** The operation's collation (undefined: simple) for the filter, the sort and projection expressions. */
  collation?: Collation;
}

/** Counters for explain. */
export interface QueryStats {
  docsExamined: number;
  plan?: QueryPlan;
}

interface Matched {
  doc: Doc;
  details: MatchDetails | undefined;
}

function* matching(
  access: CollectionAccess,
  plan: QueryPlan,
  matcher: Matcher,
  positional: boolean,
  stats?: QueryStats,
) {
  for (const doc of planCandidates(plan, access)) {
    if (stats) stats.docsExamined += 1;
    const details: MatchDetails | undefined = positional ? {} : undefined;
    if (matcher(doc, details)) yield { doc, details } as Matched;
  }
}

function* matchingDocs(access: CollectionAccess, plan: QueryPlan, matcher: Matcher, stats?: QueryStats) {
  for (const doc of planCandidates(plan, access)) {
    if (stats) stats.docsExamined += 1;
    if (matcher(doc)) yield doc;
  }
}

function window<T>(items: Iterable<T>, skip: number, limit: number): Iterable<T> {
  if (skip === 0 && limit === 0) return items;
  return (function* () {
    let skipped = 0;
    let produced = 0;
    for (const item of items) {
      if (skipped < skip) {
        skipped++;
        continue;
      }
      yield item;
      if (limit > 0 && ++produced >= limit) return;
    }
  })();
}

function* mapped<T, U>(items: Iterable<T>, fn: (item: T) => U): Iterable<U> {
  for (const item of items) yield fn(item);
}

/**
 * Runs a query: plan (id/index/scan), filter, sort (top-k when limited), skip, limit, projection. Without a sort the
 * result is produced lazily, so a cursor's first batch does not pay for the whole collection.
 */
export function runQuery(access: CollectionAccess, spec: QuerySpec, stats?: QueryStats): Iterable<Doc> {
  const collation = spec.collation;
  const matcher = compileFilter(spec.filter, spec.variables ? { variables: spec.variables, collation } : { collation });
  const projection = compileProjection(spec.projection, spec.variables, collation);
  const sortPlan = parseSort(spec.sort);
  const plan = planQuery(spec.filter, access, spec.hint, collation);
  if (stats) stats.plan = plan;
  const skip = spec.skip ?? 0;
  const limit = spec.limit ?? 0;
  const sorted = sortPlan && (sortPlan.keys.length > 0 || sortPlan.natural === -1);
  const top = limit > 0 ? skip + limit : undefined;
  if (projection?.positional) {
    const project = (m: Matched) => projection.apply(m.doc, m.details);
    let results: Iterable<Matched> = matching(access, plan, matcher, true, stats);
    if (sorted) results = sortDocuments([...results], sortPlan, top, (m) => m.doc, collation);
    return mapped(window(results, skip, limit), project);
  }
  const single = singleLookup(plan, access);
  if (single) {
    // A lookup by _id or unique key: at most one document, so no generators to stream it through.
    if (stats) stats.docsExamined += single.length;
    const found = single.filter((doc) => matcher(doc));
    const docs = skip > 0 || limit > 0 ? found.slice(skip, top) : found;
    return projection ? mapped(docs, (doc) => projection.apply(doc)) : docs;
  }
  let results: Iterable<Doc> = matchingDocs(access, plan, matcher, stats);
  if (sorted) results = sortDocuments([...results], sortPlan, top, undefined, collation);
  results = window(results, skip, limit);
  return projection ? mapped(results, (doc) => projection.apply(doc)) : results;
}

/** The stored documents matching a filter (for updates and deletes), in natural order, stopping after `limit`. */
export function findMatching(
  access: CollectionAccess,
  filter: Doc | undefined,
  options: {
    limit?: number;
    sort?: unknown;
    hint?: unknown;
    variables?: Doc;
    positional?: boolean;
    collation?: Collation;
  } = {},
): Matched[] {
  const collation = options.collation;
  const matcher = compileFilter(
    filter,
    options.variables ? { variables: options.variables, collation } : { collation },
  );
  const plan = planQuery(filter, access, options.hint, collation);
  const sortPlan = parseSort(options.sort);
  const out: Matched[] = [];
  for (const m of matching(access, plan, matcher, options.positional ?? true)) {
    out.push(m);
    if (!sortPlan && options.limit && out.length >= options.limit) break;
  }
  if (sortPlan && sortPlan.keys.length > 0) {
    const sorted = sortDocuments(
      out,
      { ...sortPlan, keys: sortPlan.keys.map((k) => ({ ...k, parts: ['doc', ...k.parts] })) },
      options.limit,
      undefined,
      collation,
    );
    return options.limit ? sorted.slice(0, options.limit) : sorted;
  }
  return out;
}

export type { Matched };
