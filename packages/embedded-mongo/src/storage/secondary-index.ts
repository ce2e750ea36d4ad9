import { canonicalKey } from '../bson/canonical-key.js';
import { EMPTY_ARRAY, collectPathValues, splitPath } from '../bson/paths.js';
import type { Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { compileFilter, type Matcher } from '../query/matcher.js';
import type { IndexSpec } from './index-spec.js';

/** One key a document contributes to an index: the canonical string per prefix length, and the values. */
interface IndexEntry {
  prefixes: string[];
  values: unknown[];
}

type Posting = Doc | Set<Doc>;

function isDocSet(posting: Posting): posting is Set<Doc> {
  return posting instanceof Set;
}

/** The canonical key of one indexed value (an empty array is keyed apart from null, as MongoDB does). */
export function indexValueKey(value: unknown): string {
  return value === EMPTY_ARRAY ? 'u' : canonicalKey(value);
}

/**
 * A secondary index as hash maps from canonical key to the documents holding it (one map per key-pattern prefix), so
 * equality on any prefix of a compound index is a lookup rather than a scan. Multikey: each array element is its own
 * key. Postings hold the stored (immutable) document objects themselves, so a lookup needs no second map access.
 */
export class SecondaryIndex {
  readonly spec: IndexSpec;
  readonly paths: string[][];
  private readonly partial: Matcher | undefined;
  private maps: Array<Map<string, Posting>>;
  multikey = false;

  constructor(spec: IndexSpec, maps?: Array<Map<string, Posting>>) {
    this.spec = spec;
    this.paths = spec.key.map(([field]) => splitPath(field));
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
    this.maps = maps ?? this.paths.map(() => new Map());
  }

  get name(): string {
    return this.spec.name;
  }

  /** A copy whose maps can change without affecting this one (copy-on-write for transaction snapshots). */
  clone(): SecondaryIndex {
    const maps = this.maps.map((m) => {
      const copy = new Map<string, Posting>();
      for (const [key, posting] of m) copy.set(key, isDocSet(posting) ? new Set(posting) : posting);
      return copy;
    });
    const copy = new SecondaryIndex(this.spec, maps);
    copy.multikey = this.multikey;
    return copy;
  }

  /** The entries a document contributes, or undefined when the index does not cover it (sparse/partial). */
  entriesOf(doc: Doc): IndexEntry[] | undefined {
    if (this.partial && !this.partial(doc)) return undefined;
    const perField = this.paths.map((parts) => collectPathValues(doc, parts));
    if (this.spec.sparse && perField.every((f) => f.values.every((v) => v === undefined))) return undefined;
    const multi = perField.filter((f) => f.values.length > 1);
    if (multi.length > 1) {
      fail(
        ErrorCode.CannotIndexParallelArrays,
        `cannot index parallel arrays [${this.spec.key[1]?.[0]}] [${this.spec.key[0]?.[0]}]`,
      );
    }
    const entries: IndexEntry[] = [];
    const seen = new Set<string>();
    const expand = (i: number, prefix: string, values: unknown[], prefixes: string[]) => {
      if (i === perField.length) {
        if (!seen.has(prefix)) {
          seen.add(prefix);
          entries.push({ prefixes, values });
        }
        return;
      }
      for (const value of (perField[i] as { values: unknown[] }).values) {
        const key = i === 0 ? indexValueKey(value) : `${prefix}|${indexValueKey(value)}`;
        expand(i + 1, key, [...values, value === EMPTY_ARRAY ? [] : value], [...prefixes, key]);
      }
    };
    expand(0, '', [], []);
    if (perField.some((f) => f.multikey)) this.multikey = true;
    return entries;
  }

  /** The entry another document (not `ownId`) already holds in this index (a unique violation), if any. */
  findConflict(entries: IndexEntry[], ownId: string): IndexEntry | undefined {
    const full = this.maps[this.maps.length - 1] as Map<string, Posting>;
    for (const entry of entries) {
      const posting = full.get(entry.prefixes[entry.prefixes.length - 1] as string);
      if (posting === undefined) continue;
      if (!isDocSet(posting)) {
        if (canonicalKey(posting._id) !== ownId) return entry;
      } else {
        for (const doc of posting) if (canonicalKey(doc._id) !== ownId) return entry;
      }
    }
    return undefined;
  }

  add(doc: Doc, entries: IndexEntry[] | undefined): void {
    if (!entries) return;
    for (const entry of entries) {
      entry.prefixes.forEach((key, i) => {
        const map = this.maps[i] as Map<string, Posting>;
        const posting = map.get(key);
        if (posting === undefined) map.set(key, doc);
        else if (!isDocSet(posting)) {
          if (posting !== doc) map.set(key, new Set([posting, doc]));
        } else posting.add(doc);
      });
    }
  }

  remove(doc: Doc, entries: IndexEntry[] | undefined): void {
    if (!entries) return;
    for (const entry of entries) {
      entry.prefixes.forEach((key, i) => {
        const map = this.maps[i] as Map<string, Posting>;
        const posting = map.get(key);
        if (posting === doc) map.delete(key);
        else if (posting !== undefined && isDocSet(posting)) {
          posting.delete(doc);
          if (posting.size === 1) map.set(key, posting.values().next().value as Doc);
          else if (posting.size === 0) map.delete(key);
        }
      });
    }
  }

  /** The documents whose first `prefixLength` key values have this canonical prefix key. */
  lookup(prefixLength: number, key: string): Iterable<Doc> {
    const posting = this.maps[prefixLength - 1]?.get(key);
    if (posting === undefined) return [];
    return isDocSet(posting) ? posting : [posting];
  }

  /** How many documents hold this prefix key: an O(1) selectivity estimate for the planner. */
  postingSize(prefixLength: number, key: string): number {
    const posting = this.maps[prefixLength - 1]?.get(key);
    if (posting === undefined) return 0;
    return isDocSet(posting) ? posting.size : 1;
  }

  /** True when the index can answer equality queries for any document (no sparse/partial gaps). */
  get complete(): boolean {
    return !this.spec.sparse && !this.partial;
  }
}
