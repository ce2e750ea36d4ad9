import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeRecord, type JournalOp } from './journal-format.js';
import { syncDirectory } from './sync-directory.js';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/** The file name of journal number `seq`. */
export function journalFileName(seq: number): string {
  return `journal-${String(seq).padStart(8, '0')}.log`;
}

/**
 * Appends records to the current journal file with group commit: records appended while a write+fsync is in flight
 * are written together by the next one, so many concurrent writers share one fsync. `append` enqueues synchronously
 * (journal order is the order of in-memory changes) and resolves once the record is durable.
 */
export class JournalWriter {
  private file: FileHandle;
  private pending: Buffer[] = [];
  private pendingWaiters: Waiter[] = [];
  private inflight: Promise<void> | undefined;
  private currentBatch: Promise<void> | undefined;
  private nextFile: { handle: FileHandle; seq: number } | undefined;
  private failure: Error | undefined;
  private closed = false;
  seq: number;
  /** Bytes in the current journal file (drives compaction). */
  bytes: number;

  private constructor(file: FileHandle, seq: number, bytes: number) {
    this.file = file;
    this.seq = seq;
    this.bytes = bytes;
  }

  /** Opens (creating if needed) journal file `seq` in `dir` for appending. */
  static async open(dir: string, seq: number): Promise<JournalWriter> {
    const handle = await open(join(dir, journalFileName(seq)), 'a');
    const { size } = await handle.stat();
    await syncDirectory(dir);
    return new JournalWriter(handle, seq, size);
  }

  /** Queues a record; resolves when it is on disk (fsync). */
  append(ops: readonly JournalOp[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    const record = encodeRecord(ops);
    this.pending.push(record);
    const done = new Promise<void>((resolve, reject) => this.pendingWaiters.push({ resolve, reject }));
    this.kick();
    return done;
  }

  /** Resolves when everything appended so far is durable. */
  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending.length > 0) {
      return new Promise<void>((resolve, reject) => this.pendingWaiters.push({ resolve, reject }));
    }
    return this.currentBatch ?? Promise.resolve();
  }

  /** Opens the next journal file (`seq + 1`) ahead of a switch; see `switchTo`. */
  async openNext(dir: string): Promise<{ handle: FileHandle; seq: number }> {
    const seq = this.seq + 1;
    const handle = await open(join(dir, journalFileName(seq)), 'a');
    await syncDirectory(dir);
    return { handle, seq };
  }

  /**
   * Makes every record not yet written go to the next file. Call it in the same tick as memory is captured for a
   * snapshot: the in-flight write (older changes, all in the snapshot) finishes in the old file; everything pending
   * goes to the new one. Pending records are also in the snapshot, and replay is idempotent, so that is harmless.
   */
  switchTo(next: { handle: FileHandle; seq: number }): void {
    this.nextFile = next;
    this.kick();
  }

  private kick(): void {
    if (this.inflight) return;
    this.inflight = this.flushLoop().finally(() => {
      this.inflight = undefined;
      if (this.pending.length > 0 || this.nextFile) this.kick();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0 || this.nextFile) {
      if (this.nextFile) {
        const old = this.file;
        this.file = this.nextFile.handle;
        this.seq = this.nextFile.seq;
        this.bytes = 0;
        this.nextFile = undefined;
        await old.close().catch(() => undefined);
      }
      if (this.pending.length === 0) continue;
      const records = this.pending;
      const waiters = this.pendingWaiters;
      this.pending = [];
      this.pendingWaiters = [];
      const data = records.length === 1 ? (records[0] as Buffer) : Buffer.concat(records);
      const batch = this.writeBatch(data);
      this.currentBatch = batch;
      try {
        await batch;
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.failure = new Error(`journal write failed: ${(error as Error).message}`);
        for (const waiter of waiters) waiter.reject(this.failure);
      } finally {
        if (this.currentBatch === batch) this.currentBatch = undefined;
      }
    }
  }

  private async writeBatch(data: Buffer): Promise<void> {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.file.write(data, written, data.length - written);
      written += bytesWritten;
    }
    await this.file.datasync();
    this.bytes += data.length;
  }

  /** Flushes what is queued and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync().catch(() => undefined);
    this.closed = true;
    await this.file.close().catch(() => undefined);
  }
}
