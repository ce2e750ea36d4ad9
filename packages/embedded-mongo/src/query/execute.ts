import type { Doc } from '../bson/values.js';
import type { CollectionAccess } from '../data/access.js';
import { compileFilter, type MatchDetails, type Matcher } from './matcher.js';
import { planCandidates, planQuery, type QueryPlan } from './planner.js';
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

/**
 * Runs a query: plan (id/index/scan), filter, sort (top-k when limited), skip, limit, projection. Without a sort the
 * result is produced lazily, so a cursor's first batch does not pay for the whole collection.
 */
export function runQuery(access: CollectionAccess, spec: QuerySpec, stats?: QueryStats): Iterable<Doc> {
  const matcher = compileFilter(spec.filter, spec.variables ? { variables: spec.variables } : {});
  const projection = compileProjection(spec.projection, spec.variables);
  const sortPlan = parseSort(spec.sort);
  const plan = planQuery(spec.filter, access, spec.hint);
  if (stats) stats.plan = plan;
  const skip = spec.skip ?? 0;
  const limit = spec.limit ?? 0;
  const positional = projection?.positional ?? false;
  const project = (m: Matched) => (projection ? projection.apply(m.doc, m.details) : m.doc);
  if (sortPlan && (sortPlan.keys.length > 0 || sortPlan.natural === -1)) {
    const all = [...matching(access, plan, matcher, positional, stats)];
    const sorted = sortDocuments(
      all,
      { ...sortPlan, keys: sortPlan.keys.map((k) => ({ ...k, parts: ['doc', ...k.parts] })) },
      limit > 0 ? skip + limit : undefined,
    );
    const window = sorted.slice(skip, limit > 0 ? skip + limit : undefined);
    return window.map(project);
  }
  return (function* () {
    let skipped = 0;
    let produced = 0;
    for (const m of matching(access, plan, matcher, positional, stats)) {
      if (skipped < skip) {
        skipped++;
        continue;
      }
      yield project(m);
      produced++;
      if (limit > 0 && produced >= limit) return;
    }
  })();
}

/** The stored documents matching a filter (for updates and deletes), in natural order, stopping after `limit`. */
export function findMatching(
  access: CollectionAccess,
  filter: Doc | undefined,
  options: { limit?: number; sort?: unknown; hint?: unknown; variables?: Doc; positional?: boolean } = {},
): Matched[] {
  const matcher = compileFilter(filter, options.variables ? { variables: options.variables } : {});
  const plan = planQuery(filter, access, options.hint);
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
    );
    return options.limit ? sorted.slice(0, options.limit) : sorted;
  }
  return out;
}

export type { Matched };
