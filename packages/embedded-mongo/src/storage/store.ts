import { mkdir } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import { Catalog } from './catalog.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { JournalOp } from './journal-format.js';
import { JournalWriter } from './journal-writer.js';
import { captureCatalog, deleteJournalsBefore, recoverCatalog, writeSnapshot } from './persistence.js';

export interface StoreOptions {
  /** Journal size that triggers a background snapshot + journal truncation. */
  compactThresholdBytes: number;
  /** Awaited by compaction with the snapshot half written (a test failpoint; resolves at once otherwise). */
  duringSnapshotWrite?: () => Promise<void>;
}

/**
 * The durable state: the in-memory catalog, the journal every change goes through, and compaction. Start-up takes
 * the directory lock, replays snapshot + journals, and compacts them into a fresh snapshot.
 */
export class Store {
  readonly catalog: Catalog;
  readonly dir: string;
  private readonly logger: Logger;
  private readonly options: StoreOptions;
  private journal: JournalWriter;
  private readonly lock: DataDirLock;
  private compacting: Promise<void> | undefined;
  private closed = false;
  /** Commit sequence: incremented by every committed change; transactions snapshot it. */
  seq = 0;

  private constructor(
    dir: string,
    catalog: Catalog,
    journal: JournalWriter,
    lock: DataDirLock,
    logger: Logger,
    options: StoreOptions,
  ) {
    this.dir = dir;
    this.catalog = catalog;
    this.journal = journal;
    this.lock = lock;
    this.logger = logger;
    this.options = options;
  }

  /** Opens a data directory: lock, recover, compact. */
  static async open(dir: string, logger: Logger, options: StoreOptions): Promise<Store> {
    await mkdir(dir, { recursive: true });
    const lock = await acquireDataDirLock(dir);
    try {
      const catalog = new Catalog();
      const lastJournal = await recoverCatalog(dir, catalog, logger);
      const next = lastJournal + 1;
      await writeSnapshot(dir, captureCatalog(catalog), next);
      await deleteJournalsBefore(dir, next);
      const journal = await JournalWriter.open(dir, next);
      return new Store(dir, catalog, journal, lock, logger, options);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Appends a group of changes as one journal record; resolves once durable. */
  append(ops: readonly JournalOp[]): Promise<void> {
    const done = this.journal.append(ops);
    if (this.journal.bytes > this.options.compactThresholdBytes && !this.compacting && !this.closed) {
      this.compacting = this.compact()
        .catch((error: Error) => this.logger.error(`compaction failed: ${error.message}`))
        .finally(() => {
          this.compacting = undefined;
        });
    }
    return done;
  }

  /** Resolves once every change appended so far is durable. */
  sync(): Promise<void> {
    return this.journal.sync();
  }

  /** Writes a snapshot of memory and drops the journals it replaces, while writes continue into a new journal. */
  async compact(): Promise<void> {
    const next = await this.journal.openNext(this.dir);
    this.logger.info(`compacting the journal into a snapshot (new journal ${next.seq})`);
    // Same tick: capture memory and route every unwritten record to the new journal.
    const image = captureCatalog(this.catalog);
    this.journal.switchTo(next);
    await writeSnapshot(this.dir, image, next.seq, this.options.duringSnapshotWrite);
    await deleteJournalsBefore(this.dir, next.seq);
    this.logger.info(`compacted the journal into a snapshot (${image.collections.length} collections)`);
  }

  /** Flushes the journal, waits for a running compaction and releases the directory lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.compacting;
    await this.journal.close();
    await this.lock.release();
  }
}
