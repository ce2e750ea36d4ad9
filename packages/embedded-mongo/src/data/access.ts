import type { Doc } from '../bson/values.js';
import type { SecondaryIndex } from '../storage/secondary-index.js';

/**
 * One collection as a command sees it: the committed state, or a transaction's snapshot plus its own writes. Every
 * command reads and writes through this, so queries, updates and index checks behave the same in and out of a
 * transaction.
 */
export interface CollectionAccess {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  exists(): boolean;
  indexes(): readonly SecondaryIndex[];
  /** The `_id` index of a collection with a default collation (see CollectionData.idIndex), for collated lookups. */
  collatedIdIndex?(): SecondaryIndex | undefined;
  get(idKey: string): Doc | undefined;
  all(): Iterable<Doc>;
  /** Documents whose first `prefixLength` key values of `index` have the canonical key `key` (a superset is fine). */
  lookup(index: SecondaryIndex, prefixLength: number, key: string): Iterable<Doc>;
  size(): number;
  /** Inserts a new document (E11000 on a duplicate `_id` or unique key); creates the collection if needed. */
  insert(doc: Doc): void;
  /** Replaces a stored document by a new version with the same `_id`. */
  replace(before: Doc, after: Doc): void;
  remove(doc: Doc): void;
}

/** The data a command works on. */
export interface DataAccess {
  readonly inTransaction: boolean;
  collection(db: string, name: string): CollectionAccess;
}
