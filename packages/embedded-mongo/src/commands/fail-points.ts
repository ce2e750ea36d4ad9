import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { ErrorCode, codeNameOf, fail } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CommandContext, CommandTable, ConnectionInfo } from './context.js';

/**
 * mongod's `failCommand` failpoint, for tests (enabled only with the engine's `enableTestCommands` option, as mongod
 * needs `enableTestCommands=1`). It fails the commands named in `failCommands`, sent by clients: before the command
 * runs (`closeConnection` hangs up without a reply, `blockConnection` waits `blockTimeMS`, `errorCode` answers with
 * that error and does not run the command), or after it ran (`writeConcernError` is added to the reply of a command
 * that takes a write concern; the write itself is applied). Modes: 'off', 'alwaysOn', {times: n}, {skip: n},
 * {activationProbability: p}; only activations count against `times`, as in mongod.
 */

const FAILPOINT_MESSAGE = "Failing command via 'failCommand' failpoint";

/** Command names and the aliases mongod treats as the same command. */
const ALIASES: readonly string[][] = [
  ['hello', 'isMaster', 'ismaster'],
  ['findAndModify', 'findandmodify'],
  ['dropIndexes', 'deleteIndexes'],
  ['buildInfo', 'buildinfo'],
];

/** Commands that accept a write concern (the only ones a `writeConcernError` applies to). */
const WRITE_CONCERN_COMMANDS = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'create',
  'drop',
  'dropDatabase',
  'createIndexes',
  'dropIndexes',
  'deleteIndexes',
  'collMod',
  'renameCollection',
  'commitTransaction',
  'abortTransaction',
]);

/** MongoDB's retryable error codes (its RetriableError category). */
const RETRIABLE_CODES = new Set([6, 7, 89, 91, 134, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

/** Official names of codes a test is likely to inject that the engine itself never reports. */
const CODE_NAMES: Record<number, string> = {
  6: 'HostUnreachable',
  7: 'HostNotFound',
  8: 'UnknownError',
  24: 'LockTimeout',
  46: 'LockBusy',
  50: 'MaxTimeMSExpired',
  64: 'WriteConcernFailed',
  79: 'UnknownReplWriteConcern',
  89: 'NetworkTimeout',
  91: 'ShutdownInProgress',
  100: 'UnsatisfiableWriteConcern',
  117: 'ConflictingOperationInProgress',
  133: 'FailedToSatisfyReadPreference',
  134: 'ReadConcernMajorityNotAvailableYet',
  175: 'QueryPlanKilled',
  189: 'PrimarySteppedDown',
  239: 'SnapshotTooOld',
  246: 'SnapshotUnavailable',
  262: 'ExceededTimeLimit',
  267: 'PreparedTransactionInProgress',
  9001: 'SocketException',
  10107: 'NotWritablePrimary',
  11600: 'InterruptedAtShutdown',
  11601: 'Interrupted',
  11602: 'InterruptedDueToReplStateChange',
  13435: 'NotPrimaryNoSecondaryOk',
  13436: 'NotPrimaryOrSecondary',
};

type Mode =
  | { kind: 'off' }
  | { kind: 'alwaysOn' }
  | { kind: 'times'; left: number }
  | { kind: 'skip'; left: number }
  | { kind: 'random'; probability: number };

/** What the failpoint does to a command before it runs. */
export interface FailBefore {
  /** Wait this long first (blockConnection). */
  blockMs?: number;
  /** Hang up without replying (closeConnection). */
  close?: boolean;
  /** Answer with this instead of running the command (errorCode). */
  reply?: Doc;
}

function integer(value: unknown): number | undefined {
  return isNumeric(value) && Number.isInteger(toNumber(value)) ? toNumber(value) : undefined;
}

function parseMode(mode: unknown): Mode {
  if (mode === undefined) fail(ErrorCode.IllegalOperation, "When setting a failpoint, you must supply a 'mode'");
  if (typeof mode === 'string') {
    if (mode === 'off') return { kind: 'off' };
    if (mode === 'alwaysOn') return { kind: 'alwaysOn' };
    fail(ErrorCode.BadValue, `unknown mode: ${mode}`);
  }
  if (!isPlainObject(mode)) fail(ErrorCode.TypeMismatch, "'mode' must be a string or JSON object");
  for (const key of ['times', 'skip'] as const) {
    if (mode[key] === undefined) continue;
    const n = integer(mode[key]);
    if (n === undefined) fail(ErrorCode.TypeMismatch, `the '${key}' option to 'mode' must be an integer`);
    if (n < 0) fail(ErrorCode.BadValue, `'${key}' option to 'mode' must be positive`);
    if (n > 2 ** 31 - 1) fail(ErrorCode.BadValue, `'${key}' option to 'mode' is too large`);
    return key === 'times' ? { kind: 'times', left: n } : { kind: 'skip', left: n };
  }
  if (mode.activationProbability !== undefined) {
    if (!isNumeric(mode.activationProbability)) {
      fail(ErrorCode.TypeMismatch, "the 'activationProbability' option to 'mode' must be a double between 0 and 1");
    }
    const p = toNumber(mode.activationProbability);
    if (p < 0 || p > 1) fail(ErrorCode.BadValue, `activationProbability must be between 0.0 and 1.0; found ${p}`);
    return { kind: 'random', probability: p };
  }
  return fail(
    ErrorCode.BadValue,
    "'mode' must be one of 'off', 'alwaysOn', '{times:n}', '{skip:n}' or '{activationProbability:p}'",
  );
}

/** The namespace a command works on, as mongod's failpoint `namespace` filter compares it. */
function namespaceOf(name: string, body: Doc, db: string): string {
  const target = body[name];
  return typeof target === 'string' ? `${db}.${target}` : `${db}.$cmd.${name}`;
}

function isInTransaction(body: Doc): boolean {
  return body.txnNumber !== undefined && body.autocommit !== undefined;
}

function isRetryableWrite(name: string, body: Doc): boolean {
  if (body.txnNumber === undefined) return false;
  return body.autocommit === undefined || name === 'commitTransaction' || name === 'abortTransaction';
}

/** The labels mongod adds by itself to an error (what an `errorLabels` field in the failpoint data overrides). */
function automaticLabels(name: string, body: Doc, code: number): string[] {
  const labels: string[] = [];
  if (isInTransaction(body)) {
    const commitOrAbort = name === 'commitTransaction' || name === 'abortTransaction';
    const transient =
      code === ErrorCode.WriteConflict ||
      code === 24 ||
      code === 267 ||
      code === 246 ||
      code === 239 ||
      (commitOrAbort ? code === ErrorCode.NoSuchTransaction : RETRIABLE_CODES.has(code) || code === 251);
    if (transient) labels.push('TransientTransactionError');
  }
  if (isRetryableWrite(name, body) && RETRIABLE_CODES.has(code)) labels.push('RetryableWriteError');
  return labels;
}

/**
 * The engine's own storage failpoint: compaction pauses with `snapshot.tmp` half written (after its header and first
 * collection) until the failpoint is turned off, so a test can kill the process at exactly that moment instead of
 * hoping a signal lands inside a write that takes milliseconds.
 */
export const HANG_DURING_SNAPSHOT_WRITE = 'hangDuringSnapshotWrite';

/** A failpoint's mode and how many times it fired. */
interface FailPointState {
  mode: Mode;
  entered: number;
}

/** Counts one activation against the failpoint's mode; false when the mode says not this time. */
function fire(state: FailPointState): boolean {
  const mode = state.mode;
  let active: boolean;
  switch (mode.kind) {
    case 'off':
      return false;
    case 'alwaysOn':
      active = true;
      break;
    case 'times':
      mode.left -= 1;
      if (mode.left <= 0) state.mode = { kind: 'off' };
      active = true;
      break;
    case 'skip':
      active = mode.left <= 0 || --mode.left < 0;
      break;
    case 'random':
      active = Math.random() < mode.probability;
      break;
  }
  if (active) state.entered += 1;
  return active;
}

/** The state of the `failCommand` failpoint and of `hangDuringSnapshotWrite`. */
export class FailPoints {
  private readonly command: FailPointState = { mode: { kind: 'off' }, entered: 0 };
  private data: Doc = {};
  private readonly snapshotHang: FailPointState = { mode: { kind: 'off' }, entered: 0 };
  private snapshotHangWaiters: Array<() => void> = [];

  constructor(private readonly logger: Logger) {}

  /** Sets a failpoint (configureFailPoint); returns how many times it had fired before. */
  configure(name: unknown, body: Doc): number {
    if (name === HANG_DURING_SNAPSHOT_WRITE) return this.configureSnapshotHang(body);
    if (name !== 'failCommand') {
      fail(
        266, // FailPointSetFailed
        `${String(name)} not found: the embedded MongoDB engine implements only the 'failCommand' and ` +
          `'${HANG_DURING_SNAPSHOT_WRITE}' failpoints`,
      );
    }
    const mode = parseMode(body.mode);
    if (body.data !== undefined && !isPlainObject(body.data)) {
      fail(ErrorCode.TypeMismatch, "the 'data' option must be a JSON object");
    }
    this.command.mode = mode;
    this.data = mode.kind === 'off' ? {} : ((body.data as Doc | undefined) ?? {});
    return this.command.entered;
  }

  private configureSnapshotHang(body: Doc): number {
    const mode = parseMode(body.mode);
    if (mode.kind === 'skip' || mode.kind === 'random') {
      fail(ErrorCode.BadValue, `${HANG_DURING_SNAPSHOT_WRITE} takes the modes 'off', 'alwaysOn' and {times: n}`);
    }
    if (mode.kind === 'off') this.releaseSnapshotHang();
    else this.snapshotHang.mode = mode;
    return this.snapshotHang.entered;
  }

  /** Turns `hangDuringSnapshotWrite` off and lets every compaction it holds go on. */
  releaseSnapshotHang(): void {
    this.snapshotHang.mode = { kind: 'off' };
    for (const release of this.snapshotHangWaiters.splice(0)) release();
  }

  /**
   * Called by compaction with the snapshot half written: resolves at once unless `hangDuringSnapshotWrite` is on, in
   * which case it logs that it hangs and resolves when the failpoint is turned off.
   */
  duringSnapshotWrite(): Promise<void> {
    if (!fire(this.snapshotHang)) return Promise.resolve();
    this.logger.warn(`failpoint ${HANG_DURING_SNAPSHOT_WRITE}: hanging with the snapshot half written`);
    return new Promise((resolve) => this.snapshotHangWaiters.push(resolve));
  }

  /** True when the failpoint applies to this command from this client (mongod's shouldActivateFailCommandFailPoint). */
  private applies(name: string, body: Doc, db: string, connection: ConnectionInfo): boolean {
    const data = this.data;
    if (name === 'configureFailPoint') return false;
    if (data.threadName !== undefined && data.threadName !== `conn${connection.id}`) return false;
    if (data.appName !== undefined && data.appName !== (connection.appName ?? '')) return false;
    if (data.namespace !== undefined && data.namespace !== namespaceOf(name, body, db)) return false;
    if (data.failAllCommands !== undefined) return true;
    const listed = Array.isArray(data.failCommands) ? data.failCommands : [];
    const names = ALIASES.find((group) => group.includes(name)) ?? [name];
    return listed.some((entry) => typeof entry === 'string' && names.includes(entry));
  }

  /** What happens before the command runs; undefined (the usual case) when nothing does. */
  before(name: string, body: Doc, db: string, connection: ConnectionInfo): FailBefore | undefined {
    if (this.command.mode.kind === 'off') return undefined;
    const data = this.data;
    const close = data.closeConnection === true;
    const block = data.blockConnection === true;
    const code = integer(data.errorCode);
    if (!(close || block || code !== undefined) || !this.applies(name, body, db, connection)) return undefined;
    if (!fire(this.command)) return undefined;
    const labels = this.labelsFor(name, body, code);
    const outcome: FailBefore = {};
    if (block) {
      const ms = integer(data.blockTimeMS);
      if (ms === undefined || ms < 0) {
        const message =
          ms === undefined
            ? "must specify 'blockTimeMS' when 'blockConnection' is true"
            : "'blockTimeMS' must be non-negative";
        outcome.reply = errorReply(ErrorCode.InvalidOptions, message, labels);
        return outcome;
      }
      outcome.blockMs = ms;
    }
    if (close) outcome.close = true;
    else if (code !== undefined) {
      const extra = isPlainObject(data.errorExtraInfo) ? data.errorExtraInfo : {};
      outcome.reply = { ...errorReply(code, FAILPOINT_MESSAGE, labels), ...extra };
    }
    return outcome;
  }

  /** After the command ran: adds the configured writeConcernError to the reply of a write. */
  after(name: string, body: Doc, db: string, connection: ConnectionInfo, reply: Doc): void {
    if (this.command.mode.kind === 'off') return;
    const wce = this.data.writeConcernError;
    if (wce === undefined || !takesWriteConcern(name, body)) return;
    if (!this.applies(name, body, db, connection) || !fire(this.command)) return;
    reply.writeConcernError = wce;
    const wceCode = isPlainObject(wce) ? integer(wce.code) : undefined;
    const labels = this.labelsFor(name, body, wceCode, Array.isArray(reply.errorLabels) ? reply.errorLabels : []);
    if (labels.length > 0) reply.errorLabels = labels;
    else delete reply.errorLabels;
  }

  /** The failpoint's `errorLabels` when given (even empty: no labels at all), else what mongod would add. */
  private labelsFor(name: string, body: Doc, code: number | undefined, existing: unknown[] = []): string[] {
    const configured = this.data.errorLabels;
    if (Array.isArray(configured)) return configured.filter((label): label is string => typeof label === 'string');
    const labels = existing.filter((label): label is string => typeof label === 'string');
    for (const label of code === undefined ? [] : automaticLabels(name, body, code)) {
      if (!labels.includes(label)) labels.push(label);
    }
    return labels;
  }
}

function takesWriteConcern(name: string, body: Doc): boolean {
  if (WRITE_CONCERN_COMMANDS.has(name)) return true;
  if (name !== 'aggregate' || !Array.isArray(body.pipeline)) return false;
  const last: unknown = body.pipeline[body.pipeline.length - 1];
  return isPlainObject(last) && ('$out' in last || '$merge' in last);
}

function errorReply(code: number, errmsg: string, labels: string[]): Doc {
  const reply: Doc = { ok: 0, errmsg, code, codeName: CODE_NAMES[code] ?? codeNameOf(code) };
  if (labels.length > 0) reply.errorLabels = labels;
  return reply;
}

/** The client's application name from its first handshake (`client.application.name`), as mongod records it. */
export function appNameOf(body: Doc): string | undefined {
  const client = body.client;
  if (!isPlainObject(client) || !isPlainObject(client.application)) return undefined;
  const name = client.application.name;
  return typeof name === 'string' ? name : undefined;
}

function configureFailPoint(ctx: CommandContext): Doc {
  if (!ctx.engine.options.enableTestCommands) {
    fail(ErrorCode.CommandNotFound, `no such command: '${ctx.name}'`);
  }
  if (ctx.db !== 'admin')
    fail(ErrorCode.Unauthorized, 'configureFailPoint may only be run against the admin database.');
  const count = ctx.engine.failPoints.configure(ctx.body.configureFailPoint, ctx.body);
  ctx.engine.logger.warn(`failpoint ${String(ctx.body.configureFailPoint)} set to ${JSON.stringify(ctx.body.mode)}`);
  return { count };
}

/** Commands that exist only with `enableTestCommands` (CommandNotFound otherwise, like a production mongod). */
export const testCommands: CommandTable = {
  configureFailPoint: { handler: configureFailPoint },
};
