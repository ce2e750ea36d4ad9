import type { Doc } from '../bson/values.js';
import type { MongoCommandError } from '../errors.js';
import type { Collection } from '../storage/catalog.js';
import type { CollectionData } from '../storage/collection-data.js';
import type { JournalOp } from '../storage/journal-format.js';
import type { SecondaryIndex } from '../storage/secondary-index.js';

export type TransactionState = 'active' | 'committed' | 'aborted';

/** What a transaction saw of one collection when it started. */
export interface SnapshotEntry {
  collection: Collection;
  data: CollectionData;
}

/**
 * A multi-document transaction: a snapshot of every collection at its first operation, an overlay of its own writes
 * (a document, or null for a delete, per `_id`), and the ordered changes to apply atomically at commit.
 */
export class Transaction {
  readonly sessionKey: string;
  readonly txnNumber: bigint;
  readonly startSeq: number;
  readonly startedAt: number;
  readonly snapshot: Map<string, SnapshotEntry>;
  readonly overlays = new Map<string, Map<string, Doc | null>>();
  readonly ops: JournalOp[] = [];
  /** Collections this transaction created (implicitly, by writing to them, or with create/createIndexes). */
  readonly created = new Set<string>();
  /** Collections created by an explicit create/createIndexes: committing fails if another client created them since. */
  readonly createdExplicitly = new Set<string>();
  /** Indexes built on collections this transaction created (applied at commit with the collection). */
  readonly createdIndexes = new Map<string, SecondaryIndex[]>();
  readonly locks = new Set<string>();
  state: TransactionState = 'active';
  /** Why it was aborted (reported to the next command of this transaction). */
  abortReason: MongoCommandError | undefined;
  abortReported = false;

  constructor(sessionKey: string, txnNumber: bigint, startSeq: number, snapshot: Map<string, SnapshotEntry>) {
    this.sessionKey = sessionKey;
    this.txnNumber = txnNumber;
    this.startSeq = startSeq;
    this.startedAt = Date.now();
    this.snapshot = snapshot;
  }

  overlay(ns: string): Map<string, Doc | null> {
    let overlay = this.overlays.get(ns);
    if (!overlay) {
      overlay = new Map();
      this.overlays.set(ns, overlay);
    }
    return overlay;
  }
}
