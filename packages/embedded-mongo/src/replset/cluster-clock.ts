import { Binary, Long, Timestamp, serialize } from 'bson';
import { bsonTag, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';

/** MongoDB refuses to advance its clock by gossip further than this past its wall clock (maxAcceptableLogicalClockDriftSecs). */
const MAX_DRIFT_SECONDS = 365 * 24 * 60 * 60;

const UNSIGNED = { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.fromNumber(0) };

function isTimestamp(value: unknown): value is Timestamp {
  return bsonTag(value) === 'Timestamp';
}

function isAfter(a: Timestamp, b: Timestamp): boolean {
  return a.t > b.t || (a.t === b.t && a.i > b.i);
}

/**
 * The replica set's logical clock (seconds + increment, like an oplog timestamp). Every write takes the next tick
 * (its optime); the cluster time is the newest time issued or gossiped by a client (`$clusterTime`), as in MongoDB. The
 * engine is one linearizable node, so anything it acknowledged is already visible: `afterClusterTime` only has to be
 * no newer than the cluster time (MongoDB answers 72 InvalidOptions otherwise).
 */
export class ClusterClock {
  private cluster: Timestamp;
  private lastOp: Timestamp;
  private lastWriteMs: number;
  private clusterDoc: Doc | undefined;
  private replyFieldBytes: Uint8Array | undefined;

  constructor(private readonly now: () => number = Date.now) {
    const ms = now();
    this.cluster = new Timestamp({ t: Math.floor(ms / 1000), i: 1 });
    this.lastOp = this.cluster;
    this.lastWriteMs = ms;
  }

  /** Takes the next optime for a write. */
  tick(): Timestamp {
    const ms = this.now();
    const seconds = Math.floor(ms / 1000);
    this.cluster =
      seconds > this.cluster.t
        ? new Timestamp({ t: seconds, i: 1 })
        : new Timestamp({ t: this.cluster.t, i: this.cluster.i + 1 });
    this.lastOp = this.cluster;
    this.lastWriteMs = ms;
    this.clusterDoc = undefined;
    this.replyFieldBytes = undefined;
    return this.lastOp;
  }

  /** Advances the cluster time to a client's gossiped `$clusterTime` (unsigned: the engine has no authentication). */
  gossip(value: unknown): void {
    const time = (value as { clusterTime?: unknown } | undefined)?.clusterTime;
    if (!isTimestamp(time) || !isAfter(time, this.cluster)) return;
    if (time.t > Math.floor(this.now() / 1000) + MAX_DRIFT_SECONDS) return;
    this.cluster = time;
    this.clusterDoc = undefined;
    this.replyFieldBytes = undefined;
  }

  /**
   * Waits for `readConcern.afterClusterTime`: fails if it is newer than the cluster time, otherwise it is already
   * satisfied (a newer time that only gossip advanced becomes the last optime, as MongoDB's no-op write does).
   */
  awaitClusterTime(after: unknown): void {
    if (!isTimestamp(after)) {
      fail(
        ErrorCode.TypeMismatch,
        "BSON field 'readConcern.afterClusterTime' is the wrong type, expected type 'timestamp'",
      );
    }
    if (isAfter(after, this.cluster)) {
      fail(
        ErrorCode.InvalidOptions,
        `readConcern afterClusterTime value must not be greater than the current clusterTime. Requested clusterTime: ${describe(after)}; current clusterTime: ${describe(this.cluster)}`,
      );
    }
    if (isAfter(after, this.lastOp)) {
      this.lastOp = after;
      this.replyFieldBytes = undefined;
    }
  }

  /** The optime of the last write (what replies report as `operationTime`). */
  get operationTime(): Timestamp {
    return this.lastOp;
  }

  get lastWriteDate(): Date {
    return new Date(Math.floor(this.lastWriteMs / 1000) * 1000);
  }

  /** The `$clusterTime` document every reply carries (reused until the clock moves). */
  get clusterTimeDoc(): Doc {
    this.clusterDoc ??= { clusterTime: this.cluster, signature: UNSIGNED };
    return this.clusterDoc;
  }

  /**
   * The `$clusterTime` and `operationTime` fields every reply ends with, as encoded BSON elements (no length, no
   * terminator): the clock only moves on writes and newer gossip, so most replies append the same bytes instead of
   * encoding two nested documents each time.
   */
  get replyFields(): Uint8Array {
    if (!this.replyFieldBytes) {
      const doc = serialize({ $clusterTime: this.clusterTimeDoc, operationTime: this.lastOp });
      this.replyFieldBytes = doc.subarray(4, doc.length - 1);
    }
    return this.replyFieldBytes;
  }
}

function describe(time: Timestamp): string {
  return `{ ts: Timestamp(${time.t}, ${time.i}) }`;
}
