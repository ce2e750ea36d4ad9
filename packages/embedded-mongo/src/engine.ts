import { FailPoints } from './commands/fail-points.js';
import { OpCounters } from './commands/op-counters.js';
import { CursorRegistry } from './cursors/cursor-registry.js';
import type { Logger } from './logger.js';
import { ClusterClock } from './replset/cluster-clock.js';
import { Store } from './storage/store.js';
import { TransactionRegistry } from './txn/registry.js';
import { runTtlPass } from './storage/ttl-monitor.js';

/** Tunables of the engine (all have defaults matching MongoDB's). */
export interface EngineOptions {
  /** How often expired TTL documents are deleted (MongoDB: 60 s). */
  ttlMonitorIntervalMs: number;
  /** Transactions older than this are aborted (MongoDB: transactionLifetimeLimitSeconds = 60). */
  transactionLifetimeMs: number;
  /** Idle cursors are closed after this (MongoDB: 10 min). */
  cursorTimeoutMs: number;
  /** Journal size that triggers a snapshot. */
  compactThresholdBytes: number;
  /** The replica set name `hello` reports (the engine is the primary of a one-member replica set). */
  replSetName: string;
  /** Test-only commands (configureFailPoint), like mongod's enableTestCommands=1. Off: CommandNotFound. */
  enableTestCommands: boolean;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  ttlMonitorIntervalMs: 60_000,
  transactionLifetimeMs: 60_000,
  cursorTimeoutMs: 10 * 60_000,
  compactThresholdBytes: 64 * 1024 * 1024,
  replSetName: 'rs0',
  enableTestCommands: false,
};

/** Everything a command can reach: durable store, transactions, cursors, options. */
export class Engine {
  readonly store: Store;
  readonly txns: TransactionRegistry;
  readonly cursors: CursorRegistry;
  readonly logger: Logger;
  readonly options: EngineOptions;
  /** Test failpoints (configureFailPoint, with enableTestCommands only). */
  readonly failPoints: FailPoints;
  readonly startedAt = new Date();
  /** serverStatus.opcounters: operations asked of this engine since it started. */
  readonly opCounters = new OpCounters();
  /** The replica set's logical clock: operationTime and $clusterTime of every reply. */
  readonly clock = new ClusterClock();
  private readonly timers: NodeJS.Timeout[] = [];
  private nextConnectionId = 1;
  /** Set by the server: host:port clients connect to (the replica set's only member, as `hello` reports it). */
  address = '';

  private constructor(store: Store, failPoints: FailPoints, logger: Logger, options: EngineOptions) {
    this.store = store;
    this.failPoints = failPoints;
    this.logger = logger;
    this.options = options;
    this.txns = new TransactionRegistry(store, logger, options.transactionLifetimeMs);
    this.cursors = new CursorRegistry(options.cursorTimeoutMs);
  }

  /** Opens the data directory and starts the background monitors (TTL, transaction and cursor timeouts). */
  static async open(dbPath: string, logger: Logger, options: EngineOptions): Promise<Engine> {
    const failPoints = new FailPoints(logger);
    const store = await Store.open(dbPath, logger, {
      compactThresholdBytes: options.compactThresholdBytes,
      duringSnapshotWrite: () => failPoints.duringSnapshotWrite(),
    });
    const engine = new Engine(store, failPoints, logger, options);
    engine.every(options.ttlMonitorIntervalMs, () => {
      runTtlPass(engine).catch((error: Error) => logger.error(`TTL monitor: ${error.message}`));
    });
    engine.every(Math.min(1000, options.transactionLifetimeMs), () => engine.txns.sweep());
    engine.every(Math.min(60_000, options.cursorTimeoutMs), () => engine.cursors.sweep());
    return engine;
  }

  private every(ms: number, task: () => void): void {
    const timer = setInterval(task, ms);
    timer.unref();
    this.timers.push(timer);
  }

  connectionId(): number {
    return this.nextConnectionId++;
  }

  /** Stops the monitors, aborts open transactions and closes the store (flushing the journal). */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.txns.abortAll();
    // A compaction held by the test failpoint would keep close() waiting for ever.
    this.failPoints.releaseSnapshotHang();
    await this.store.close();
  }
}
