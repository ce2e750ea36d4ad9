import { canonicalKey } from '../bson/canonical-key.js';
import type { Doc } from '../bson/values.js';
import { ErrorCode, MongoCommandError } from '../errors.js';
import type { Collation } from '../query/collation.js';
import { formatDuplicateKey } from './duplicate-key.js';
import type { IndexSpec } from './index-spec.js';
import { SecondaryIndex } from './secondary-index.js';

/** The `_id` lookup key of a document. */
export function idKeyOf(doc: Doc): string {
  return canonicalKey(doc._id);
}

/**
 * The documents and indexes of one collection. Documents are immutable once stored (an update stores a new object),
 * so a transaction snapshot can hold on to this object while committed writes go to a clone (`sharedBy` > 0).
 */
export class CollectionData {
  readonly docs: Map<string, Doc>;
  readonly indexes: SecondaryIndex[];
  /**
   * The `_id` index of a collection with a default collation: `_id` uniqueness follows that collation (the `docs` map
   * stays keyed by exact `_id`). Undefined for the simple collation.
   */
  idIndex: SecondaryIndex | undefined;
  /** Number of open transaction snapshots referencing this object; writes must clone it first. */
  sharedBy = 0;

  constructor(docs?: Map<string, Doc>, indexes?: SecondaryIndex[], idIndex?: SecondaryIndex) {
    this.docs = docs ?? new Map();
    this.indexes = indexes ?? [];
    this.idIndex = idIndex;
  }

  clone(): CollectionData {
    return new CollectionData(
      new Map(this.docs),
      this.indexes.map((index) => index.clone()),
      this.idIndex?.clone(),
    );
  }

  /** Gives `_id` the collection's default collation (set once, when the collection is created or replayed). */
  setIdCollation(collation: Collation): void {
    const spec: IndexSpec = {
      name: '_id_',
      key: [['_id', 1]],
      unique: true,
      sparse: false,
      collation,
      info: { v: 2, key: { _id: 1 }, name: '_id_', collation: collation.spec },
    };
    this.idIndex = new SecondaryIndex(spec);
    for (const doc of this.docs.values()) this.idIndex.add(doc, this.idIndex.entriesOf(doc));
  }

  findIndex(name: string): SecondaryIndex | undefined {
    return this.indexes.find((index) => index.name === name);
  }

  /**
   * Inserts or replaces a document, keeping every index in step. With `enforce`, unique indexes are checked first and
   * a violation throws E11000 without changing anything (replay of the journal trusts the log and skips checks).
   */
  put(doc: Doc, ns: string, enforce = true): void {
    const idKey = idKeyOf(doc);
    const previous = this.docs.get(idKey);
    const newEntries = this.indexes.map((index) => index.entriesOf(doc));
    const idIndex = this.idIndex;
    const idEntries = idIndex?.entriesOf(doc);
    if (enforce && idIndex && idEntries) {
      const conflict = idIndex.findConflict(idEntries, idKey);
      if (conflict) throw duplicateKeyError(ns, idIndex.spec, conflict.values);
    }
    if (enforce) {
      this.indexes.forEach((index, i) => {
        if (!index.spec.unique) return;
        const entries = newEntries[i];
        const conflict = entries && index.findConflict(entries, idKey);
        if (conflict) throw duplicateKeyError(ns, index.spec, conflict.values);
      });
    }
    if (previous !== undefined) {
      this.indexes.forEach((index) => index.remove(previous, index.entriesOf(previous)));
      idIndex?.remove(previous, idIndex.entriesOf(previous));
    }
    this.docs.set(idKey, doc);
    this.indexes.forEach((index, i) => index.add(doc, newEntries[i]));
    idIndex?.add(doc, idEntries);
  }

  /** Removes a document by id key; returns the removed document. */
  remove(idKey: string): Doc | undefined {
    const previous = this.docs.get(idKey);
    if (previous === undefined) return undefined;
    this.indexes.forEach((index) => index.remove(previous, index.entriesOf(previous)));
    this.idIndex?.remove(previous, this.idIndex.entriesOf(previous));
    this.docs.delete(idKey);
    return previous;
  }

  /** Builds a new index over the current documents; throws E11000 (leaving nothing behind) on duplicates. */
  addIndex(spec: IndexSpec, ns: string, enforce = true): SecondaryIndex {
    const index = new SecondaryIndex(spec);
    // A collated unique index is checked once built, by sorting (strings without a key would make per-document
    // checks quadratic).
    const checkEach = enforce && spec.unique && !spec.collation;
    for (const [idKey, doc] of this.docs) {
      const entries = index.entriesOf(doc);
      if (checkEach && entries) {
        const conflict = index.findConflict(entries, idKey);
        if (conflict) throw duplicateKeyError(ns, spec, conflict.values);
      }
      index.add(doc, entries);
    }
    const duplicate = enforce && spec.unique && spec.collation ? index.duplicateEntry() : undefined;
    if (duplicate) throw duplicateKeyError(ns, spec, duplicate.values);
    this.indexes.push(index);
    return index;
  }

  dropIndex(name: string): boolean {
    const at = this.indexes.findIndex((index) => index.name === name);
    if (at < 0) return false;
    this.indexes.splice(at, 1);
    return true;
  }
}

/** E11000 for a duplicate `_id`. */
export function duplicateIdError(ns: string, doc: Doc): MongoCommandError {
  return duplicateKeyError(ns, { name: '_id_', key: [['_id', 1]] }, [doc._id]);
}

/**
 * MongoDB's duplicate key error, with `keyPattern` and `keyValue` (and the index's `collation`, which MongoDB also
 * names in the message; where MongoDB shows a collated string as its hex collation key, the engine shows the string).
 */
export function duplicateKeyError(
  ns: string,
  spec: Pick<IndexSpec, 'name' | 'key' | 'collation'>,
  values: unknown[],
): MongoCommandError {
  const keyPattern: Doc = {};
  const keyValue: Doc = {};
  spec.key.forEach(([field, direction], i) => {
    keyPattern[field] = direction;
    keyValue[field] = values[i] === undefined ? null : values[i];
  });
  const collation = spec.collation ? ` collation: ${formatDuplicateKey(spec.collation.spec)}` : '';
  return new MongoCommandError(
    ErrorCode.DuplicateKey,
    `E11000 duplicate key error collection: ${ns} index: ${spec.name}${collation} dup key: ${formatDuplicateKey(keyValue)}`,
    { extra: spec.collation ? { keyPattern, keyValue, collation: spec.collation.spec } : { keyPattern, keyValue } },
  );
}
