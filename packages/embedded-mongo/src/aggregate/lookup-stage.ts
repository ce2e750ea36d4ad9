import { canonicalKey } from '../bson/canonical-key.js';
import { EMPTY_ARRAY, collectPathValues, splitPath } from '../bson/paths.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import type { CollectionAccess } from '../data/access.js';
import { CollatedMap, type Collation } from '../query/collation.js';
import { DocWriter } from '../update/doc-paths.js';

/** The values a join key contributes: array elements are matched one by one, missing counts as null. */
function joinKeys(doc: Doc, parts: string[]): string[] {
  const keys = new Set<string>();
  for (const value of collectPathValues(doc, parts).values) {
    if (value !== EMPTY_ARRAY) keys.add(canonicalKey(value));
  }
  if (keys.size === 0) keys.add(canonicalKey(null));
  return [...keys];
}

/** The values a join key contributes (as joinKeys, unkeyed). */
function joinValues(doc: Doc, parts: string[]): unknown[] {
  const values = collectPathValues(doc, parts).values.filter((value) => value !== EMPTY_ARRAY);
  return values.length === 0 ? [null] : values;
}

/** The join under a collation: foreign documents grouped by their values' equality under it, built once per stage. */
function collatedJoin(foreign: CollectionAccess, foreignParts: string[], collation: Collation) {
  const byValue = new CollatedMap<Doc[]>(collation);
  for (const doc of foreign.all()) {
    for (const value of joinValues(doc, foreignParts)) {
      const list = byValue.getOrAdd(value, () => []);
      if (list[list.length - 1] !== doc) list.push(doc);
    }
  }
  return (value: unknown): Doc[] => byValue.get(value) ?? [];
}

/**
 * `$lookup` with `localField`/`foreignField` (no sub-pipeline), natively: the foreign side is read through `_id` or an
 * index on `foreignField` when there is one (one lookup per local value, no scan), otherwise through a hash map built
 * once per stage. Returns undefined for forms it does not handle, which then run in mingo.
 */
export function compileLookup(
  spec: unknown,
  foreign: (name: string) => CollectionAccess,
  collation?: Collation,
): ((docs: Doc[]) => Doc[]) | undefined {
  if (!isPlainObject(spec)) return undefined;
  const { from, localField, foreignField, as } = spec;
  if (spec.pipeline !== undefined || spec.let !== undefined) return undefined;
  if (
    typeof from !== 'string' ||
    typeof localField !== 'string' ||
    typeof foreignField !== 'string' ||
    typeof as !== 'string'
  ) {
    return undefined;
  }
  const localParts = splitPath(localField);
  const foreignParts = splitPath(foreignField);
  if (collation) {
    return (docs) => {
      const find = collatedJoin(foreign(from), foreignParts, collation);
      return docs.map((doc) => {
        const matches = new Set<Doc>();
        for (const value of joinValues(doc, localParts)) for (const match of find(value)) matches.add(match);
        return joined(doc, as, [...matches]);
      });
    };
  }
  return (docs) => {
    const access = foreign(from);
    // Only an index without a collation has canonical keys for strings.
    const index = access.indexes().find((i) => i.complete && !i.collation && i.spec.key[0]?.[0] === foreignField);
    let byKey: Map<string, Doc[]> | undefined;
    const find = (key: string): Iterable<Doc> => {
      if (foreignField === '_id') {
        const doc = access.get(key);
        return doc ? [doc] : [];
      }
      if (index) return access.lookup(index, 1, key);
      if (!byKey) {
        byKey = new Map();
        for (const doc of access.all()) {
          for (const k of joinKeys(doc, foreignParts)) {
            const list = byKey.get(k);
            if (list) list.push(doc);
            else byKey.set(k, [doc]);
          }
        }
      }
      return byKey.get(key) ?? [];
    };
    return docs.map((doc) => {
      const matches: Doc[] = [];
      const seen = new Set<Doc>();
      for (const key of joinKeys(doc, localParts)) {
        // Index keys equal canonical keys for every value a local field can contribute (empty arrays contribute none).
        for (const match of find(key)) {
          if (!seen.has(match)) {
            seen.add(match);
            matches.push(match);
          }
        }
      }
      return joined(doc, as, matches);
    });
  };
}

function joined(doc: Doc, as: string, matches: Doc[]): Doc {
  const writer = new DocWriter(doc);
  writer.set(splitPath(as), matches);
  return writer.root;
}
