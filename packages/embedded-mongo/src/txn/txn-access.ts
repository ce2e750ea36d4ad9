import type { Doc } from '../bson/values.js';
import type { CollectionAccess, DataAccess } from '../data/access.js';
import { duplicateIdError, duplicateKeyError, idKeyOf } from '../storage/collection-data.js';
import type { SecondaryIndex } from '../storage/secondary-index.js';
import { ErrorCode, fail, writeConflict } from '../errors.js';
import type { Catalog } from '../storage/catalog.js';
import type { Transaction } from './transaction.js';

/**
 * An explicit `create` inside a transaction (MongoDB 4.4+): the collection exists for the transaction at once and for
 * everyone else when it commits. 48 if the transaction already sees it; WriteConflict if another client created it
 * after the snapshot (the commit would collide).
 */
export function createInTransaction(txn: Transaction, catalog: Catalog, db: string, name: string): void {
  const ns = `${db}.${name}`;
  if (txn.snapshot.has(ns) || txn.created.has(ns)) fail(ErrorCode.NamespaceExists, `Collection ${ns} already exists.`);
  if (catalog.get(db, name)) throw writeConflict();
  txn.created.add(ns);
  txn.createdExplicitly.add(ns);
  txn.ops.push({ o: 'c', ns, opts: {} });
}

/** Decides whether a transaction may write a document (write-conflict detection and document locks). */
export interface ConflictGuard {
  acquire(txn: Transaction, ns: string, idKey: string): void;
}

/** A transaction's view: its snapshot with its own writes layered on top. */
export class TransactionAccess implements DataAccess {
  readonly inTransaction = true;

  constructor(
    readonly txn: Transaction,
    private readonly guard: ConflictGuard,
  ) {}

  collection(db: string, name: string): CollectionAccess {
    return new TransactionCollection(this.txn, this.guard, db, name);
  }
}

class TransactionCollection implements CollectionAccess {
  readonly ns: string;

  constructor(
    private readonly txn: Transaction,
    private readonly guard: ConflictGuard,
    readonly db: string,
    readonly name: string,
  ) {
    this.ns = `${db}.${name}`;
  }

  private get base() {
    return this.txn.snapshot.get(this.ns)?.data;
  }

  private get overlay(): Map<string, Doc | null> | undefined {
    return this.txn.overlays.get(this.ns);
  }

  exists(): boolean {
    return this.base !== undefined || this.txn.created.has(this.ns);
  }

  collatedIdIndex(): SecondaryIndex | undefined {
    return this.base?.idIndex;
  }

  indexes(): readonly SecondaryIndex[] {
    return this.base?.indexes ?? this.txn.createdIndexes.get(this.ns) ?? [];
  }

  get(idKey: string): Doc | undefined {
    const overlay = this.overlay;
    if (overlay?.has(idKey)) return overlay.get(idKey) ?? undefined;
    return this.base?.docs.get(idKey);
  }

  *all(): Iterable<Doc> {
    const overlay = this.overlay;
    const docs = this.base?.docs;
    if (docs) {
      for (const [idKey, doc] of docs) {
        if (overlay?.has(idKey)) {
          const mine = overlay.get(idKey);
          if (mine) yield mine;
        } else {
          yield doc;
        }
      }
    }
    if (overlay) {
      for (const [idKey, doc] of overlay) if (doc && !docs?.has(idKey)) yield doc;
    }
  }

  *lookup(index: SecondaryIndex, prefixLength: number, key: string): Iterable<Doc> {
    const overlay = this.overlay;
    const docs = this.base?.docs;
    if (docs) {
      for (const doc of index.lookup(prefixLength, key)) {
        if (!overlay?.has(idKeyOf(doc))) yield doc;
      }
    }
    if (overlay) {
      for (const doc of overlay.values()) {
        // Unkeyed entries of a collated index are candidates for every key (a superset, as index.lookup gives).
        const entries = doc ? index.entriesOf(doc) : undefined;
        if (doc && entries?.some((entry) => entry.prefixes[prefixLength - 1] === key || entry.unkeyed)) yield doc;
      }
    }
  }

  size(): number {
    let n = 0;
    for (const _ of this.all()) n++;
    return n;
  }

  private checkUnique(doc: Doc, idKey: string): void {
    const idIndex = this.base?.idIndex;
    for (const index of idIndex ? [...this.indexes(), idIndex] : this.indexes()) {
      if (!index.spec.unique) continue;
      const entries = index.entriesOf(doc);
      if (!entries) continue;
      const length = index.paths.length;
      for (const entry of entries) {
        const key = entry.prefixes[length - 1] as string;
        // A collated index's candidates are compared by its collation (lookups may return more; unkeyed: all).
        const candidates = entry.unkeyed ? this.all() : this.lookup(index, length, key);
        for (const other of candidates) {
          if (idKeyOf(other) === idKey) continue;
          if (!index.collation || index.holdsEqualEntry(other, entry)) {
            throw duplicateKeyError(this.ns, index.spec, entry.values);
          }
        }
      }
    }
  }

  private write(idKey: string, doc: Doc | null): void {
    if (!this.exists()) {
      this.txn.created.add(this.ns);
      this.txn.ops.push({ o: 'c', ns: this.ns, opts: {} });
    }
    this.txn.overlay(this.ns).set(idKey, doc);
  }

  insert(doc: Doc): void {
    const idKey = idKeyOf(doc);
    if (this.get(idKey)) throw duplicateIdError(this.ns, doc);
    this.guard.acquire(this.txn, this.ns, idKey);
    this.checkUnique(doc, idKey);
    for (const index of this.indexes()) index.entriesOf(doc);
    this.write(idKey, doc);
    this.txn.ops.push({ o: 'p', ns: this.ns, d: doc });
  }

  replace(_before: Doc, after: Doc): void {
    const idKey = idKeyOf(after);
    this.guard.acquire(this.txn, this.ns, idKey);
    this.checkUnique(after, idKey);
    this.write(idKey, after);
    this.txn.ops.push({ o: 'p', ns: this.ns, d: after });
  }

  remove(doc: Doc): void {
    const idKey = idKeyOf(doc);
    this.guard.acquire(this.txn, this.ns, idKey);
    this.write(idKey, null);
    this.txn.ops.push({ o: 'd', ns: this.ns, id: doc._id });
  }
}
