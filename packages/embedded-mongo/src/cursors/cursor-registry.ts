import { randomBytes } from 'node:crypto';
import { Long, calculateObjectSize } from 'bson';
import type { Doc } from '../bson/values.js';

/** Reply size budget for one batch (MongoDB caps batches at 16 MiB). */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
/** Documents in a first batch when the client does not say (MongoDB's default). */
export const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor {
  id: bigint;
  ns: string;
  source: Iterator<Doc>;
  /** A document read ahead to learn whether the cursor is exhausted. */
  lookahead: IteratorResult<Doc> | undefined;
  lastUsed: number;
  sessionKey: string | undefined;
  /** find's `noCursorTimeout`: never closed for being idle. */
  noTimeout: boolean;
}

/** One batch of results and the cursor id to continue from (0 when exhausted). */
export interface Batch {
  docs: Doc[];
  id: Long;
}

/** Open cursors, keyed by a random positive int64 id; idle cursors expire. */
export class CursorRegistry {
  private readonly cursors = new Map<bigint, OpenCursor>();

  constructor(private readonly idleTimeoutMs: number) {}

  /**
   * Takes the first batch from a result and registers a cursor for the rest, unless it is exhausted or the client
   * wants a single batch.
   */
  open(
    ns: string,
    results: Iterable<Doc>,
    batchSize: number | undefined,
    singleBatch: boolean,
    sessionKey?: string,
    noTimeout = false,
  ): Batch {
    const source = results[Symbol.iterator]();
    const lastUsed = Date.now();
    const cursor: OpenCursor = { id: 0n, ns, source, lookahead: undefined, lastUsed, sessionKey, noTimeout };
    const docs = this.take(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    if (singleBatch || this.exhausted(cursor)) return { docs, id: Long.ZERO };
    cursor.id = this.newId();
    this.cursors.set(cursor.id, cursor);
    return { docs, id: Long.fromBigInt(cursor.id) };
  }

  /** The next batch of an open cursor; undefined when the id is unknown (CursorNotFound). */
  next(id: bigint, ns: string, batchSize: number | undefined): Batch | undefined | 'wrong-namespace' {
    const cursor = this.cursors.get(id);
    if (!cursor) return undefined;
    if (cursor.ns !== ns) return 'wrong-namespace';
    cursor.lastUsed = Date.now();
    const docs = this.take(cursor, batchSize ?? Number.MAX_SAFE_INTEGER);
    if (this.exhausted(cursor)) {
      this.cursors.delete(id);
      return { docs, id: Long.ZERO };
    }
    return { docs, id: Long.fromBigInt(id) };
  }

  kill(id: bigint): boolean {
    return this.cursors.delete(id);
  }

  /** Closes cursors idle for longer than the timeout. */
  sweep(now = Date.now()): void {
    for (const [id, cursor] of this.cursors) {
      if (!cursor.noTimeout && now - cursor.lastUsed > this.idleTimeoutMs) this.cursors.delete(id);
    }
  }

  /** Drops every cursor of a session (endSessions). */
  closeSession(sessionKey: string): void {
    for (const [id, cursor] of this.cursors) if (cursor.sessionKey === sessionKey) this.cursors.delete(id);
  }

  get size(): number {
    return this.cursors.size;
  }

  private newId(): bigint {
    for (;;) {
      const id = randomBytes(8).readBigUInt64LE() & 0x7fffffffffffffffn;
      if (id !== 0n && !this.cursors.has(id)) return id;
    }
  }

  private pull(cursor: OpenCursor): IteratorResult<Doc> {
    if (cursor.lookahead) {
      const result = cursor.lookahead;
      cursor.lookahead = undefined;
      return result;
    }
    return cursor.source.next();
  }

  private exhausted(cursor: OpenCursor): boolean {
    if (!cursor.lookahead) cursor.lookahead = cursor.source.next();
    return cursor.lookahead.done === true;
  }

  private take(cursor: OpenCursor, count: number): Doc[] {
    const docs: Doc[] = [];
    let bytes = 0;
    while (docs.length < count) {
      const next = this.pull(cursor);
      if (next.done) {
        cursor.lookahead = next;
        break;
      }
      // The first document always goes in, so its size is only needed once a second one comes (a lookup by _id or
      // a unique key returns one document: no size to compute at all).
      if (docs.length === 1) bytes = calculateObjectSize(docs[0] as Doc);
      if (docs.length > 0) {
        const size = calculateObjectSize(next.value);
        if (bytes + size > MAX_BATCH_BYTES) {
          cursor.lookahead = next;
          break;
        }
        bytes += size;
      }
      docs.push(next.value);
    }
    return docs;
  }
}
