import { compareValues } from '../bson/compare.js';
import { EMPTY_ARRAY, collectPathValues, splitPath } from '../bson/paths.js';
import { isNumeric, isPlainObject, toNumber } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { comparatorFor, type Collation } from './collation.js';

interface SortKey {
  parts: string[];
  direction: 1 | -1;
}

/** A parsed sort specification; `natural` is set for `{$natural: ±1}`. */
export interface SortPlan {
  keys: SortKey[];
  natural?: 1 | -1;
}

/** Parses and validates a sort document (`{field: 1 | -1}`; `$natural` allowed alone). */
export function parseSort(spec: unknown): SortPlan | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isPlainObject(spec)) fail(ErrorCode.BadValue, 'sort must be an object');
  const keys: SortKey[] = [];
  let natural: 1 | -1 | undefined;
  for (const [field, value] of Object.entries(spec)) {
    if (isPlainObject(value) && '$meta' in value) notSupported(`sorting by {$meta: ${String(value.$meta)}}`);
    if (!isNumeric(value) || (toNumber(value) !== 1 && toNumber(value) !== -1)) {
      fail(15974, `Illegal key in $sort specification: ${field}: ${JSON.stringify(value)}`);
    }
    const direction = toNumber(value) as 1 | -1;
    if (field === '$natural') natural = direction;
    else keys.push({ parts: splitPath(field), direction });
  }
  if (keys.length === 0 && natural === undefined) return undefined;
  return natural === undefined ? { keys } : { keys, natural };
}

/** The value a document sorts by on one key: the smallest (ascending) or largest (descending) element of arrays. */
export function sortKeyOf(doc: unknown, key: SortKey, compare = compareValues): unknown {
  if (key.parts.length === 1 && isPlainObject(doc)) {
    const direct = doc[key.parts[0] as string];
    if (!Array.isArray(direct)) return direct;
  }
  const { values } = collectPathValues(doc, key.parts);
  let best: unknown = values[0] === EMPTY_ARRAY ? undefined : values[0];
  for (let i = 1; i < values.length; i++) {
    const v = values[i] === EMPTY_ARRAY ? undefined : values[i];
    const c = compare(v, best);
    if (key.direction === 1 ? c < 0 : c > 0) best = v;
  }
  return best;
}

/**
 * Sorts documents by a plan (stable; ties keep their input order), keeping only the first `limit` when given. Strings
 * compare by the collation when there is one.
 */
export function sortDocuments<T>(
  docs: T[],
  plan: SortPlan,
  limit?: number,
  keyOf: (item: T) => unknown = (item) => item,
  collation?: Collation,
): T[] {
  if (plan.keys.length === 0) return plan.natural === -1 ? docs.slice().reverse() : docs;
  const keys = plan.keys;
  const compare = comparatorFor(collation);
  const decorated = docs.map((doc, index) => {
    const source = keyOf(doc);
    return { doc, index, sortKeys: keys.map((k) => sortKeyOf(source, k, compare)) };
  });
  const cmp = (a: (typeof decorated)[number], b: (typeof decorated)[number]) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compare(a.sortKeys[i], b.sortKeys[i]);
      if (c !== 0) return c * (keys[i] as SortKey).direction;
    }
    return a.index - b.index;
  };
  if (limit !== undefined && limit > 0 && limit * 8 < decorated.length) {
    return selectSmallest(decorated, cmp, limit).map((d) => d.doc);
  }
  decorated.sort(cmp);
  const sorted = decorated.map((d) => d.doc);
  return limit !== undefined && limit > 0 ? sorted.slice(0, limit) : sorted;
}

// Top-k by binary insertion into a bounded sorted buffer: O(n log k) instead of sorting everything.
function selectSmallest<T>(items: T[], cmp: (a: T, b: T) => number, k: number): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length === k && cmp(item, best[k - 1] as T) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(best[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}
