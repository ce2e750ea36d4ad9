import { canonicalKey } from '../bson/canonical-key.js';
import { ErrorCode, MongoCommandError, writeConflict } from '../errors.js';
import type { Logger } from '../logger.js';
import { Collection, splitNamespace } from '../storage/catalog.js';
import { idKeyOf } from '../storage/collection-data.js';
import { parseIndexSpec } from '../storage/index-spec.js';
import type { Store } from '../storage/store.js';
import type { WriteObserver } from '../data/committed-access.js';
import { Transaction, type SnapshotEntry } from './transaction.js';
import { RetryableWrite } from './retryable-write.js';
import type { ConflictGuard } from './txn-access.js';
import type { Doc } from '../bson/values.js';

interface SessionState {
  /** The newest txnNumber the session used, for a transaction (`txn`) or a retryable write (`retry`). */
  txnNumber: bigint;
  txn: Transaction | undefined;
  retry: RetryableWrite | undefined;
  lastUse: number;
}

type Undo = () => void;

function lockKey(ns: string, idKey: string): string {
  return `${ns}\u0000${idKey}`;
}

function noSuchTransaction(message: string): MongoCommandError {
  return new MongoCommandError(ErrorCode.NoSuchTransaction, message, { labels: ['TransientTransactionError'] });
}

/**
 * Sessions and their transactions. First writer wins: a transaction writing a document changed since its snapshot,
 * or locked by another open transaction, fails with WriteConflict (112, TransientTransactionError); a committed
 * non-transactional write to a document a transaction has written aborts that transaction the same way.
 */
export class TransactionRegistry implements WriteObserver, ConflictGuard {
  private readonly sessions = new Map<string, SessionState>();
  private readonly active = new Set<Transaction>();
  private readonly locks = new Map<string, Transaction>();
  private readonly lastWrite = new Map<string, number>();
  /** serverStatus `transactions` counters of retried writes. */
  readonly retryStats = { retriedCommandsCount: 0, retriedStatementsCount: 0 };

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly lifetimeMs: number,
  ) {}

  onCommittedWrite(ns: string, idKey: string, seq: number): void {
    if (this.active.size === 0) return;
    const key = lockKey(ns, idKey);
    this.lastWrite.set(key, seq);
    const holder = this.locks.get(key);
    if (holder) this.abort(holder, writeConflict());
  }

  acquire(txn: Transaction, ns: string, idKey: string): void {
    const key = lockKey(ns, idKey);
    if (txn.locks.has(key)) return;
    const holder = this.locks.get(key);
    const changedAfterSnapshot = (this.lastWrite.get(key) ?? -1) > txn.startSeq;
    if ((holder && holder !== txn) || changedAfterSnapshot) throw writeConflict();
    this.locks.set(key, txn);
    txn.locks.add(key);
  }

  private session(sessionKey: string): SessionState {
    let session = this.sessions.get(sessionKey);
    if (!session) {
      session = { txnNumber: -1n, txn: undefined, retry: undefined, lastUse: Date.now() };
      this.sessions.set(sessionKey, session);
    }
    session.lastUse = Date.now();
    return session;
  }

  /** The transaction a command belongs to, starting it when the command says `startTransaction`. */
  resolve(sessionKey: string, txnNumber: bigint, start: boolean, commandName: string): Transaction {
    const session = this.session(sessionKey);
    if (start) {
      if (txnNumber < session.txnNumber || (txnNumber === session.txnNumber && (session.txn || session.retry))) {
        const newer = session.retry ? 'retryable write' : 'transaction';
        throw new MongoCommandError(
          ErrorCode.TransactionTooOld,
          `Cannot start transaction ${txnNumber} on session because a newer ${newer} ${session.txnNumber} has already started`,
        );
      }
      if (session.txn?.state === 'active') this.abort(session.txn);
      session.txnNumber = txnNumber;
      session.retry = undefined;
      session.txn = this.begin(sessionKey, txnNumber);
      return session.txn;
    }
    const txn = session.txn;
    if (!txn || txnNumber !== session.txnNumber) {
      throw noSuchTransaction(`Given transaction number ${txnNumber} does not match any in-progress transactions.`);
    }
    if (txn.state === 'aborted') {
      if (commandName === 'abortTransaction') return txn;
      if (txn.abortReason && !txn.abortReported) {
        txn.abortReported = true;
        throw txn.abortReason;
      }
      throw noSuchTransaction(`Transaction with { txnNumber: ${txnNumber} } has been aborted.`);
    }
    if (txn.state === 'committed' && commandName !== 'commitTransaction' && commandName !== 'abortTransaction') {
      throw new MongoCommandError(ErrorCode.TransactionCommitted, `Transaction ${txnNumber} has been committed.`);
    }
    return txn;
  }

  /**
   * The retryable write `txnNumber` of a session (a write with `lsid` + `txnNumber` outside a transaction): a newer
   * number starts a fresh record (aborting an open transaction of the session, as MongoDB does), the same number is a
   * retry and gets the record of what already executed, an older one fails with 225 TransactionTooOld.
   */
  retryableWrite(sessionKey: string, txnNumber: bigint): RetryableWrite {
    const session = this.session(sessionKey);
    if (txnNumber < session.txnNumber) {
      const newer = session.txn ? 'transaction' : 'retryable write';
      throw new MongoCommandError(
        ErrorCode.TransactionTooOld,
        `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer ${newer} with txnNumber ${session.txnNumber} has already started on this session.`,
      );
    }
    if (txnNumber === session.txnNumber && session.txn) {
      throw new MongoCommandError(
        ErrorCode.OperationNotSupportedInTransaction,
        `txnNumber ${txnNumber} belongs to a multi-document transaction on this session; its writes must carry autocommit: false`,
      );
    }
    if (txnNumber > session.txnNumber || !session.retry) {
      if (session.txn?.state === 'active') this.abort(session.txn);
      session.txn = undefined;
      session.txnNumber = txnNumber;
      session.retry = new RetryableWrite(txnNumber);
    }
    session.retry.retried = 0;
    return session.retry;
  }

  /** Counts a command that found `statements` of its statements already executed (serverStatus). */
  noteRetried(statements: number): void {
    this.retryStats.retriedCommandsCount += 1;
    this.retryStats.retriedStatementsCount += statements;
  }

  private begin(sessionKey: string, txnNumber: bigint): Transaction {
    const snapshot = new Map<string, SnapshotEntry>();
    for (const collection of this.store.catalog.all()) {
      collection.data.sharedBy += 1;
      snapshot.set(collection.ns, { collection, data: collection.data });
    }
    const txn = new Transaction(sessionKey, txnNumber, this.store.seq, snapshot);
    this.active.add(txn);
    return txn;
  }

  private release(txn: Transaction): void {
    for (const key of txn.locks) if (this.locks.get(key) === txn) this.locks.delete(key);
    txn.locks.clear();
    for (const entry of txn.snapshot.values()) entry.data.sharedBy -= 1;
    txn.snapshot.clear();
    this.active.delete(txn);
    if (this.active.size === 0) this.lastWrite.clear();
  }

  /** Discards a transaction's writes. */
  abort(txn: Transaction, reason?: MongoCommandError): void {
    if (txn.state !== 'active') return;
    txn.state = 'aborted';
    txn.abortReason = reason;
    this.release(txn);
  }

  /**
   * Applies a transaction's changes to the committed state atomically (all or, on a late unique-key conflict with a
   * concurrent commit, none: then WriteConflict so the driver retries) and journals them as one record.
   */
  commit(txn: Transaction): Promise<void> {
    if (txn.state === 'committed') return this.store.sync();
    if (txn.state !== 'active') throw noSuchTransaction(`Transaction ${txn.txnNumber} has been aborted.`);
    const ops = txn.ops;
    this.release(txn);
    const undo: Undo[] = [];
    try {
      for (const op of ops) undo.push(this.applyCommitted(op, txn));
    } catch (error) {
      for (const step of undo.reverse()) step();
      txn.state = 'aborted';
      if (error instanceof MongoCommandError && error.code === ErrorCode.DuplicateKey) throw writeConflict();
      throw error;
    }
    txn.state = 'committed';
    return ops.length > 0 ? this.store.append(ops) : this.store.sync();
  }

  private applyCommitted(op: Transaction['ops'][number], txn: Transaction): Undo {
    const catalog = this.store.catalog;
    switch (op.o) {
      case 'c': {
        const { db, name } = splitNamespace(op.ns);
        if (catalog.get(db, name)) {
          // An explicit create (or an index build on the new collection) must not land on another client's collection.
          if (txn.createdExplicitly.has(op.ns)) throw writeConflict();
          return () => undefined;
        }
        catalog.add(new Collection(db, name, op.opts));
        return () => void catalog.remove(db, name);
      }
      case 'ci': {
        const { db, name } = splitNamespace(op.ns);
        const collection = catalog.get(db, name);
        if (!collection) throw writeConflict();
        const spec = parseIndexSpec(op.spec);
        collection.writableData().addIndex(spec, op.ns);
        return () => void collection.writableData().dropIndex(spec.name);
      }
      case 'p':
      case 'd': {
        const { db, name } = splitNamespace(op.ns);
        const collection = catalog.get(db, name);
        if (!collection) throw writeConflict();
        const data = collection.writableData();
        const idKey = op.o === 'p' ? idKeyOf(op.d) : canonicalKey(op.id);
        const previous = data.docs.get(idKey);
        if (op.o === 'p') data.put(op.d, op.ns);
        else data.remove(idKey);
        this.store.seq += 1;
        this.onCommittedWrite(op.ns, idKey, this.store.seq);
        return () => {
          const current = collection.writableData();
          if (previous) current.put(previous as Doc, op.ns, false);
          else current.remove(idKey);
        };
      }
      default:
        throw new MongoCommandError(ErrorCode.InternalError, `unexpected transaction operation ${op.o}`);
    }
  }

  /** Ends sessions (driver `endSessions`): aborts their open transactions. */
  endSession(sessionKey: string): void {
    const session = this.sessions.get(sessionKey);
    if (session?.txn?.state === 'active') this.abort(session.txn);
    this.sessions.delete(sessionKey);
  }

  /** Aborts transactions past their lifetime and forgets idle sessions; called periodically. */
  sweep(now = Date.now()): void {
    for (const txn of [...this.active]) {
      if (now - txn.startedAt > this.lifetimeMs) {
        this.logger.warn(`aborting transaction ${txn.txnNumber}: exceeded the ${this.lifetimeMs} ms lifetime`);
        this.abort(
          txn,
          noSuchTransaction(
            `Transaction ${txn.txnNumber} has been aborted because it exceeded transactionLifetimeLimitSeconds`,
          ),
        );
      }
    }
    for (const [key, session] of this.sessions) {
      if (now - session.lastUse > 30 * 60_000 && session.txn?.state !== 'active') this.sessions.delete(key);
    }
    this.pruneWriteLog();
  }

  // Only writes newer than the oldest open snapshot can conflict; with transactions always overlapping, the log would
  // otherwise grow forever.
  private pruneWriteLog(): void {
    if (this.active.size === 0) {
      this.lastWrite.clear();
      return;
    }
    let oldest = Infinity;
    for (const txn of this.active) oldest = Math.min(oldest, txn.startSeq);
    for (const [key, seq] of this.lastWrite) if (seq <= oldest) this.lastWrite.delete(key);
  }

  /** Aborts everything (shutdown). */
  abortAll(): void {
    for (const txn of [...this.active]) this.abort(txn);
  }

  get activeCount(): number {
    return this.active.size;
  }
}
