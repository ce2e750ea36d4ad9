import { BSONError, type Binary } from 'bson';
import { isBinary, isPlainObject, sameBytes, type Doc } from '../bson/values.js';
import { CommittedAccess } from '../data/committed-access.js';
import type { Engine } from '../engine.js';
import { ErrorCode, MongoCommandError, notSupported } from '../errors.js';
import type { JournalOp } from '../storage/journal-format.js';
import { checkDatabaseName } from '../storage/catalog.js';
import { TransactionAccess } from '../txn/txn-access.js';
import type { Transaction } from '../txn/transaction.js';
import { toBigInt } from './args.js';
import { COMMANDS } from './registry.js';
import type { CommandContext, CommandDefinition, ConnectionInfo } from './context.js';
import { writeConcernError } from '../replset/write-concern.js';
import type { RetryableWrite } from '../txn/retryable-write.js';

const NO_DB_CHECK = new Set(['hello', 'isMaster', 'ismaster']);

/**
 * The hex key of the command's `lsid`. A driver keeps using the same few sessions on a connection, so the connection
 * remembers its last one and most commands compare 16 bytes instead of building the string again.
 */
function sessionKeyOf(body: Doc, connection: ConnectionInfo): string | undefined {
  const lsid = body.lsid;
  if (!isPlainObject(lsid) || !isBinary(lsid.id)) return undefined;
  const id = lsid.id as Binary;
  const bytes = id.buffer.subarray(0, id.position);
  const last = connection.lastSession;
  if (last && sameBytes(last.id, bytes)) return last.key;
  const key = Buffer.from(bytes).toString('hex');
  // A copy (on a Buffer `slice` is a view): the id must not keep the whole message it came in alive.
  connection.lastSession = { id: new Uint8Array(bytes), key };
  return key;
}

/** Maps anything thrown by a handler to a MongoDB error. */
export function toCommandError(error: unknown): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // mingo's MingoError does not set `name`: its class name tells it apart from an engine bug.
  if (error instanceof Error && (error.name === 'MingoError' || error.constructor.name === 'MingoError')) {
    const unknown = /'(\$\w+)' is not registered/.exec(message);
    if (unknown) return new MongoCommandError(168, `Unrecognized expression '${unknown[1]}'`);
    return new MongoCommandError(ErrorCode.BadValue, message);
  }
  if (error instanceof BSONError) return new MongoCommandError(ErrorCode.BadValue, `invalid BSON: ${message}`);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return new MongoCommandError(ErrorCode.BadValue, 'document or expression nested too deeply');
  }
  return new MongoCommandError(ErrorCode.InternalError, `internal error in the embedded engine: ${message}`);
}

/**
 * A reply of a replica-set member: the document and, encoded once per clock state, the `$clusterTime` and
 * `operationTime` fields every such reply ends with (errors included), as of the moment it was made.
 */
export interface MemberReply {
  doc: Doc;
  clusterTime: Uint8Array;
}

/** Pairs a reply with the cluster time and operation time it carries. */
export function withClusterTime(engine: Engine, doc: Doc): MemberReply {
  return { doc, clusterTime: engine.clock.replyFields };
}

/** The retryable write a command belongs to: `txnNumber` without `autocommit` (retryable writes only). */
function resolveRetryableWrite(
  engine: Engine,
  body: Doc,
  name: string,
  definition: CommandDefinition,
  sessionKey: string | undefined,
): RetryableWrite | undefined {
  if (body.txnNumber === undefined || body.autocommit !== undefined) return undefined;
  if (!definition.retryable) {
    throw new MongoCommandError(
      50768,
      `txnNumber may only be provided for multi-document transactions and retryable write commands. autocommit:false was not provided, and ${name} is not a retryable write command.`,
    );
  }
  if (!sessionKey) {
    throw new MongoCommandError(
      ErrorCode.InvalidOptions,
      'Transaction number requires a session ID to also be specified',
    );
  }
  return engine.txns.retryableWrite(sessionKey, toBigInt(body.txnNumber, 'txnNumber'));
}

/** Commands that end a transaction: the only ones inside a transaction that take a write concern. */
const ENDS_TRANSACTION = new Set(['commitTransaction', 'abortTransaction']);

function resolveTransaction(
  engine: Engine,
  body: Doc,
  name: string,
  sessionKey: string | undefined,
): Transaction | undefined {
  if (body.autocommit === undefined) return undefined;
  if (body.autocommit !== false) {
    throw new MongoCommandError(ErrorCode.InvalidOptions, 'autocommit must be false when specified');
  }
  if (!sessionKey) throw new MongoCommandError(ErrorCode.InvalidOptions, 'Transaction requires a session id (lsid)');
  if (body.txnNumber === undefined)
    throw new MongoCommandError(ErrorCode.InvalidOptions, 'Transaction requires a txnNumber');
  return engine.txns.resolve(sessionKey, toBigInt(body.txnNumber, 'txnNumber'), body.startTransaction === true, name);
}

/**
 * Runs one command: looks it up (unknown → 59 CommandNotFound), attaches its transaction, runs the handler
 * synchronously (so the command is atomic), journals what it changed as one record, and replies only once that
 * record is durable. A command with nothing to wait for (a read) replies synchronously: no promise, no microtask.
 */
export function executeCommand(
  engine: Engine,
  body: Doc,
  db: string,
  connection: ConnectionInfo,
): MemberReply | Promise<MemberReply> {
  const name = Object.keys(body)[0] ?? '';
  const definition = COMMANDS.get(name);
  engine.clock.gossip(body.$clusterTime);
  if (!definition) {
    return withClusterTime(
      engine,
      new MongoCommandError(ErrorCode.CommandNotFound, `no such command: '${name}'`).toReply(),
    );
  }
  const ops: JournalOp[] = [];
  let txn: Transaction | undefined;
  let retry: RetryableWrite | undefined;
  let result: Doc | Promise<Doc> | undefined;
  let failure: unknown;
  try {
    if (!NO_DB_CHECK.has(name)) checkDatabaseName(db);
    const sessionKey = sessionKeyOf(body, connection);
    txn = resolveTransaction(engine, body, name, sessionKey);
    if (txn && !definition.inTransaction) {
      throw new MongoCommandError(
        ErrorCode.OperationNotSupportedInTransaction,
        `Cannot run '${name}' in a multi-document transaction.`,
      );
    }
    retry = resolveRetryableWrite(engine, body, name, definition, sessionKey);
    const readConcern = body.readConcern;
    if (isPlainObject(readConcern)) {
      if (readConcern.afterClusterTime !== undefined) engine.clock.awaitClusterTime(readConcern.afterClusterTime);
      // Snapshot reads outside transactions read at a point in time (atClusterTime): not implemented, so refused.
      if (!txn && (readConcern.level === 'snapshot' || readConcern.atClusterTime !== undefined)) {
        notSupported("readConcern level 'snapshot' outside a transaction (snapshot reads)");
      }
    }
    const ctx: CommandContext = {
      engine,
      name,
      db,
      body,
      data: txn ? new TransactionAccess(txn, engine.txns) : new CommittedAccess(engine.store, engine.txns, ops),
      ops,
      txn,
      retry,
      sessionKey,
      connection,
    };
    // Counted before it runs, as mongod does: a command that fails while running still counts.
    engine.opCounters.countCommand(name);
    result = definition.handler(ctx);
  } catch (error) {
    failure = error;
  }
  // A change takes the next optime; journal it in the same tick, so the journal's order is the order in memory.
  if (ops.length > 0) engine.clock.tick();
  const durable =
    ops.length > 0 ? engine.store.append(ops) : definition.write && !txn ? engine.store.sync() : undefined;
  const outcome: Outcome = { engine, name, body, definition, txn, retry, result: undefined, failure };
  if (result instanceof Promise || durable) return settleLater(outcome, result, durable);
  outcome.result = result;
  abortOnFailure(outcome);
  return reply(outcome);
}

/** What a command came to, for its reply. */
interface Outcome {
  engine: Engine;
  name: string;
  body: Doc;
  definition: CommandDefinition;
  txn: Transaction | undefined;
  retry: RetryableWrite | undefined;
  result: Doc | undefined;
  failure: unknown;
}

/** Waits for the handler's promise, then for the journal, and replies. */
async function settleLater(
  outcome: Outcome,
  result: Doc | Promise<Doc> | undefined,
  durable: Promise<void> | undefined,
): Promise<MemberReply> {
  try {
    outcome.result = await result;
  } catch (error) {
    outcome.failure = error;
  }
  abortOnFailure(outcome);
  try {
    await durable;
  } catch (error) {
    outcome.failure ??= new MongoCommandError(ErrorCode.InternalError, (error as Error).message);
  }
  return reply(outcome);
}

function abortOnFailure({ engine, name, txn, failure }: Outcome): void {
  if (failure !== undefined && txn?.state === 'active' && name !== 'commitTransaction') engine.txns.abort(txn);
}

function reply({ engine, name, body, definition, txn, retry, result, failure }: Outcome): MemberReply {
  if (retry && retry.retried > 0) engine.txns.noteRetried(retry.retried);
  if (failure !== undefined) {
    const error = toCommandError(failure);
    if (error.code === ErrorCode.InternalError) engine.logger.error(`${name}: ${error.message}`);
    return withClusterTime(engine, error.toReply());
  }
  // Plain assignment: object spread is slow in V8 and this runs for every command.
  const doc = result as Doc;
  doc.ok = 1;
  if ((definition.write && !txn) || ENDS_TRANSACTION.has(name)) {
    const unsatisfiable = writeConcernError(body.writeConcern);
    if (unsatisfiable) doc.writeConcernError = unsatisfiable;
  }
  return withClusterTime(engine, doc);
}
