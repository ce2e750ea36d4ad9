import type { Doc } from '../bson/values.js';
import { Collection } from '../storage/catalog.js';
import { duplicateIdError, idKeyOf } from '../storage/collection-data.js';
import type { JournalOp } from '../storage/journal-format.js';
import type { SecondaryIndex } from '../storage/secondary-index.js';
import type { Store } from '../storage/store.js';
import type { CollectionAccess, DataAccess } from './access.js';

/** Told about every committed change to a document (transactions use it to detect write conflicts). */
export interface WriteObserver {
  onCommittedWrite(ns: string, idKey: string, seq: number): void;
}

/** Committed state, recording each change in `ops` for the journal record of the current command. */
export class CommittedAccess implements DataAccess {
  readonly inTransaction = false;
  readonly ops: JournalOp[];
  private readonly store: Store;
  private readonly observer: WriteObserver;

  constructor(store: Store, observer: WriteObserver, ops: JournalOp[] = []) {
    this.store = store;
    this.observer = observer;
    this.ops = ops;
  }

  collection(db: string, name: string): CollectionAccess {
    return new CommittedCollection(this.store, this.observer, this.ops, db, name);
  }
}

class CommittedCollection implements CollectionAccess {
  readonly db: string;
  readonly name: string;
  readonly ns: string;

  constructor(
    private readonly store: Store,
    private readonly observer: WriteObserver,
    private readonly ops: JournalOp[],
    db: string,
    name: string,
  ) {
    this.db = db;
    this.name = name;
    this.ns = `${db}.${name}`;
  }

  private current(): Collection | undefined {
    return this.store.catalog.get(this.db, this.name);
  }

  private writable(): Collection {
    let collection = this.current();
    if (!collection) {
      collection = this.store.catalog.add(new Collection(this.db, this.name));
      this.ops.push({ o: 'c', ns: this.ns, opts: {} });
    }
    return collection;
  }

  private changed(idKey: string): void {
    this.store.seq += 1;
    this.observer.onCommittedWrite(this.ns, idKey, this.store.seq);
  }

  exists(): boolean {
    return this.current() !== undefined;
  }

  collatedIdIndex(): SecondaryIndex | undefined {
    return this.current()?.data.idIndex;
  }

  indexes(): readonly SecondaryIndex[] {
    return this.current()?.data.indexes ?? [];
  }

  get(idKey: string): Doc | undefined {
    return this.current()?.data.docs.get(idKey);
  }

  all(): Iterable<Doc> {
    return this.current()?.data.docs.values() ?? [];
  }

  lookup(index: SecondaryIndex, prefixLength: number, key: string): Iterable<Doc> {
    return index.lookup(prefixLength, key);
  }

  size(): number {
    return this.current()?.data.docs.size ?? 0;
  }

  insert(doc: Doc): void {
    const idKey = idKeyOf(doc);
    const existing = this.current();
    if (existing?.data.docs.has(idKey)) throw duplicateIdError(this.ns, doc);
    const data = this.writable().writableData();
    data.put(doc, this.ns);
    this.ops.push({ o: 'p', ns: this.ns, d: doc });
    this.changed(idKey);
  }

  replace(_before: Doc, after: Doc): void {
    const data = this.writable().writableData();
    data.put(after, this.ns);
    this.ops.push({ o: 'p', ns: this.ns, d: after });
    this.changed(idKeyOf(after));
  }

  remove(doc: Doc): void {
    const collection = this.current();
    if (!collection) return;
    const idKey = idKeyOf(doc);
    if (collection.writableData().remove(idKey)) {
      this.ops.push({ o: 'd', ns: this.ns, id: doc._id });
      this.changed(idKey);
    }
  }
}
