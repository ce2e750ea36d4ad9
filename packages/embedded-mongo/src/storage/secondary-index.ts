import { canonicalKey } from '../bson/canonical-key.js';
import { EMPTY_ARRAY, collectPathValues, splitPath } from '../bson/paths.js';
import type { Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { collationKey, compareCollated, type Collation } from '../query/collation.js';
import { compileFilter, type Matcher } from '../query/matcher.js';
import type { IndexSpec } from './index-spec.js';

/** One key a document contributes to an index: the canonical string per prefix length, and the values. */
export interface IndexEntry {
  prefixes: string[];
  values: unknown[];
  /** Set when a string in the values has no collation key (the entry is then keyed by its exact value). */
  unkeyed?: boolean;
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
 * The key of one value in an index with this collation, undefined when a string in it has no collation key (such
 * values are only found by comparing). Values without strings have the same key whatever the collation.
 */
export function collatedIndexKey(value: unknown, collation: Collation | undefined): string | undefined {
  if (!collation) return indexValueKey(value);
  return value === EMPTY_ARRAY ? 'u' : collationKey(value, collation);
}

/**
 * A secondary index as hash maps from canonical key to the documents holding it (one map per key-pattern prefix), so
 * equality on any prefix of a compound index is a lookup rather than a scan. Multikey: each array element is its own
 * key. Postings hold the stored (immutable) document objects themselves, so a lookup needs no second map access.
 */
export class SecondaryIndex {
  readonly spec: IndexSpec;
  readonly paths: string[][];
  readonly collation: Collation | undefined;
  private readonly partial: Matcher | undefined;
  private maps: Array<Map<string, Posting>>;
  /**
   * Documents with an unkeyed entry, and their entries (collated indexes only): every lookup includes them as
   * candidates, and unique
   * checks compare with them.
   */
  private unkeyed: Map<Doc, IndexEntry[]>;
  multikey = false;

  constructor(spec: IndexSpec, maps?: Array<Map<string, Posting>>, unkeyed?: Map<Doc, IndexEntry[]>) {
    this.spec = spec;
    this.collation = spec.collation;
    this.paths = spec.key.map(([field]) => splitPath(field));
    this.partial = spec.partialFilterExpression
      ? compileFilter(spec.partialFilterExpression, { collation: spec.collation })
      : undefined;
    this.maps = maps ?? this.paths.map(() => new Map());
    this.unkeyed = unkeyed ?? new Map();
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
    const copy = new SecondaryIndex(this.spec, maps, new Map(this.unkeyed));
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
    const collation = this.collation;
    let unkeyed = false;
    const keyOf = (value: unknown): string => {
      if (!collation) return indexValueKey(value);
      const key = collatedIndexKey(value, collation);
      if (key !== undefined) return key;
      unkeyed = true;
      return `~${canonicalKey(value)}`;
    };
    const expand = (i: number, prefix: string, values: unknown[], prefixes: string[], loose: boolean) => {
      if (i === perField.length) {
        if (!seen.has(prefix)) {
          seen.add(prefix);
          entries.push(loose ? { prefixes, values, unkeyed: true } : { prefixes, values });
        }
        return;
      }
      for (const value of (perField[i] as { values: unknown[] }).values) {
        unkeyed = false;
        const part = keyOf(value);
        const key = i === 0 ? part : `${prefix}|${part}`;
        expand(i + 1, key, [...values, value === EMPTY_ARRAY ? [] : value], [...prefixes, key], loose || unkeyed);
      }
    };
    expand(0, '', [], [], false);
    if (perField.some((f) => f.multikey)) this.multikey = true;
    return entries;
  }

  /** The entry another document (not `ownId`) already holds in this index (a unique violation), if any. */
  findConflict(entries: IndexEntry[], ownId: string): IndexEntry | undefined {
    const full = this.maps[this.maps.length - 1] as Map<string, Posting>;
    for (const entry of entries) {
      if (entry.unkeyed) {
        // No key to look up: compare with every document of the index.
        for (const posting of full.values()) {
          for (const doc of isDocSet(posting) ? posting : [posting]) {
            if (canonicalKey(doc._id) !== ownId && this.holdsEqualEntry(doc, entry)) return entry;
          }
        }
        continue;
      }
      const posting = full.get(entry.prefixes[entry.prefixes.length - 1] as string);
      if (posting !== undefined) {
        if (!isDocSet(posting)) {
          if (canonicalKey(posting._id) !== ownId) return entry;
        } else {
          for (const doc of posting) if (canonicalKey(doc._id) !== ownId) return entry;
        }
      }
      for (const doc of this.unkeyed.keys()) {
        if (canonicalKey(doc._id) !== ownId && this.holdsEqualEntry(doc, entry)) return entry;
      }
    }
    return undefined;
  }

  /** True when a document has an entry equal to `entry` under the index's collation. */
  holdsEqualEntry(doc: Doc, entry: IndexEntry): boolean {
    const collation = this.collation;
    if (!collation) return false;
    return (this.unkeyed.get(doc) ?? this.entriesOf(doc) ?? []).some((other) =>
      other.values.every((value, i) => compareCollated(value, entry.values[i], collation) === 0),
    );
  }

  /**
   * An entry that two documents hold equally under the index's collation (a unique violation), found by sorting every
   * entry: how a collated unique index is checked when it is built.
   */
  duplicateEntry(): IndexEntry | undefined {
    const collation = this.collation;
    if (!collation) return undefined;
    const all: Array<{ doc: Doc; entry: IndexEntry }> = [];
    const seen = new Set<Doc>();
    for (const posting of (this.maps[this.maps.length - 1] as Map<string, Posting>).values()) {
      for (const doc of isDocSet(posting) ? posting : [posting]) {
        if (seen.has(doc)) continue;
        seen.add(doc);
        for (const entry of this.entriesOf(doc) ?? []) all.push({ doc, entry });
      }
    }
    const compare = (a: IndexEntry, b: IndexEntry) => {
      for (let i = 0; i < a.values.length; i++) {
        const c = compareCollated(a.values[i], b.values[i], collation);
        if (c !== 0) return c;
      }
      return 0;
    };
    all.sort((a, b) => compare(a.entry, b.entry));
    for (let i = 1; i < all.length; i++) {
      const previous = all[i - 1] as { doc: Doc; entry: IndexEntry };
      const current = all[i] as { doc: Doc; entry: IndexEntry };
      if (previous.doc !== current.doc && compare(previous.entry, current.entry) === 0) return current.entry;
    }
    return undefined;
  }

  /** True when a lookup key must be complemented by comparing with unkeyed documents (see `lookup`). */
  get hasUnkeyed(): boolean {
    return this.unkeyed.size > 0;
  }

  add(doc: Doc, entries: IndexEntry[] | undefined): void {
    if (!entries) return;
    if (this.collation && entries.some((entry) => entry.unkeyed)) this.unkeyed.set(doc, entries);
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
    if (this.unkeyed.size > 0) this.unkeyed.delete(doc);
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

  /**
   * The documents whose first `prefixLength` key values have this canonical prefix key. In a collated index that holds
   * strings without a collation key, those documents are added (a superset: queries re-check their filter).
   */
  lookup(prefixLength: number, key: string): Iterable<Doc> {
    const posting = this.maps[prefixLength - 1]?.get(key);
    if (this.unkeyed.size > 0) {
      const found = posting === undefined ? [] : isDocSet(posting) ? [...posting] : [posting];
      const held = new Set(found);
      for (const doc of this.unkeyed.keys()) if (!held.has(doc)) found.push(doc);
      return found;
    }
    if (posting === undefined) return [];
    return isDocSet(posting) ? posting : [posting];
  }

  /** How many documents hold this prefix key: an O(1) selectivity estimate for the planner. */
  postingSize(prefixLength: number, key: string): number {
    const posting = this.maps[prefixLength - 1]?.get(key);
    if (posting === undefined) return this.unkeyed.size;
    return (isDocSet(posting) ? posting.size : 1) + this.unkeyed.size;
  }

  /** True when the index can answer equality queries for any document (no sparse/partial gaps). */
  get complete(): boolean {
    return !this.spec.sparse && !this.partial;
  }
}
