import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { findMatching } from '../query/execute.js';
import { flag, letVariables, optionalDoc, operationCollation, targetCollection } from './args.js';
import type { CommandContext, CommandTable } from './context.js';
import { toCommandError } from './dispatch.js';
import { rejectUnknownFields, rejectUnknownStatementFields } from './known-fields.js';
import { refuseView } from './views.js';
import { prepareForInsert, runUpdate } from './write-support.js';
import { statementId } from '../txn/retryable-write.js';
import { isNumeric, toNumber } from '../bson/values.js';

function statements(body: Doc, field: string): unknown[] {
  const list = body[field];
  if (!Array.isArray(list)) fail(ErrorCode.FailedToParse, `BSON field '${field}' is missing but a required field`);
  return list;
}

function ordered(body: Doc): boolean {
  return body.ordered === undefined || flag(body, 'ordered');
}

/**
 * Adds a per-statement error; returns true when the batch must stop (ordered, or inside a transaction, which the
 * error aborts). Errors meant to make drivers retry (TransientTransactionError) go out as top-level errors instead.
 */
function recordWriteError(
  ctx: CommandContext,
  errors: Array<Record<string, unknown>>,
  index: number,
  error: unknown,
): boolean {
  const commandError = toCommandError(error);
  if (commandError.labels.length > 0) throw commandError;
  errors.push(commandError.toWriteError(index));
  if (ctx.txn) {
    ctx.engine.txns.abort(ctx.txn);
    return true;
  }
  return ordered(ctx.body);
}

/** The recorded outcome of an inserted document (a retry counts it again without inserting it). */
const INSERTED: Doc = { n: 1 };

function writeReply(n: number, errors: Array<Record<string, unknown>>, extra: Doc = {}): Doc {
  const reply: Doc = { n, ...extra };
  if (errors.length > 0) reply.writeErrors = errors;
  return reply;
}

function insert(ctx: CommandContext): Doc {
  rejectUnknownFields(ctx.body, 'insert');
  const access = ctx.data.collection(ctx.db, targetCollection(ctx.body, 'insert'));
  refuseView(ctx, access.name);
  const docs = statements(ctx.body, 'documents');
  const errors: Array<Record<string, unknown>> = [];
  let n = 0;
  for (const [index, raw] of docs.entries()) {
    try {
      // A retry of this retryable write: a document it already inserted counts as inserted, and is not inserted again.
      if (ctx.retry?.executed(statementId(ctx.body, index))) {
        n++;
        continue;
      }
      // opcounters: every document attempted, failed ones included (as mongod counts; see op-counters.ts).
      ctx.engine.opCounters.insert++;
      access.insert(prepareForInsert(raw));
      n++;
      ctx.retry?.record(statementId(ctx.body, index), INSERTED);
    } catch (error) {
      if (recordWriteError(ctx, errors, index, error)) break;
    }
  }
  return writeReply(n, errors);
}

/** An update statement's `c`: constants for its pipeline, beside the command's `let` variables. */
function statementVariables(raw: Doc, variables: Doc | undefined): Doc | undefined {
  const constants = optionalDoc(raw, 'c');
  if (constants === undefined) return variables;
  if (!Array.isArray(raw.u)) fail(51198, 'Constant values may only be specified for pipeline updates');
  return { ...variables, ...constants };
}

function update(ctx: CommandContext): Doc {
  rejectUnknownFields(ctx.body, 'update');
  rejectUnknownStatementFields(ctx.body.updates, 'update.updates');
  const access = ctx.data.collection(ctx.db, targetCollection(ctx.body, 'update'));
  refuseView(ctx, access.name);
  const variables = letVariables(ctx.body, 'write');
  const errors: Array<Record<string, unknown>> = [];
  const upserted: Doc[] = [];
  let n = 0;
  let nModified = 0;
  for (const [index, raw] of statements(ctx.body, 'updates').entries()) {
    try {
      const done = ctx.retry?.executed(statementId(ctx.body, index));
      if (done) {
        n += done.n as number;
        nModified += done.nModified as number;
        if (done.upserted !== undefined) upserted.push({ index, _id: done.upserted });
        continue;
      }
      ctx.engine.opCounters.update++;
      if (!isPlainObject(raw)) fail(ErrorCode.TypeMismatch, 'update statement must be an object');
      if (ctx.retry && flag(raw, 'multi'))
        fail(ErrorCode.InvalidOptions, 'Cannot use (or request) retryable writes with multi=true');
      const collation = operationCollation(ctx, access.name, raw.collation);
      const filter = optionalDoc(raw, 'q');
      const outcome = runUpdate(access, {
        filter,
        update: raw.u,
        multi: flag(raw, 'multi'),
        upsert: flag(raw, 'upsert'),
        arrayFilters: raw.arrayFilters,
        hint: raw.hint,
        variables: statementVariables(raw, variables),
        collation,
      });
      n += outcome.matched;
      nModified += outcome.modified;
      if (outcome.upsertedId !== undefined) {
        n += 1;
        upserted.push({ index, _id: outcome.upsertedId });
      }
      ctx.retry?.record(statementId(ctx.body, index), {
        n: outcome.matched + (outcome.upsertedId === undefined ? 0 : 1),
        nModified: outcome.modified,
        upserted: outcome.upsertedId,
      });
    } catch (error) {
      if (recordWriteError(ctx, errors, index, error)) break;
    }
  }
  return writeReply(n, errors, upserted.length > 0 ? { nModified, upserted } : { nModified });
}

function remove(ctx: CommandContext): Doc {
  rejectUnknownFields(ctx.body, 'delete');
  rejectUnknownStatementFields(ctx.body.deletes, 'delete.deletes');
  const access = ctx.data.collection(ctx.db, targetCollection(ctx.body, 'delete'));
  refuseView(ctx, access.name);
  const variables = letVariables(ctx.body, 'write');
  const errors: Array<Record<string, unknown>> = [];
  let n = 0;
  for (const [index, raw] of statements(ctx.body, 'deletes').entries()) {
    try {
      const done = ctx.retry?.executed(statementId(ctx.body, index));
      if (done) {
        n += done.n as number;
        continue;
      }
      ctx.engine.opCounters.delete++;
      if (!isPlainObject(raw)) fail(ErrorCode.TypeMismatch, 'delete statement must be an object');
      const collation = operationCollation(ctx, access.name, raw.collation);
      const limit = isNumeric(raw.limit) ? toNumber(raw.limit) : 0;
      if (limit !== 0 && limit !== 1)
        fail(ErrorCode.FailedToParse, 'The limit field in delete objects must be 0 or 1.');
      if (ctx.retry && limit === 0)
        fail(ErrorCode.InvalidOptions, 'Cannot use (or request) retryable writes with limit=0');
      const matches = findMatching(access, optionalDoc(raw, 'q'), {
        limit,
        hint: raw.hint,
        positional: false,
        variables,
        collation,
      });
      for (const match of matches) access.remove(match.doc);
      n += matches.length;
      ctx.retry?.record(statementId(ctx.body, index), { n: matches.length });
    } catch (error) {
      if (recordWriteError(ctx, errors, index, error)) break;
    }
  }
  return writeReply(n, errors);
}

/** insert, update and delete. */
export const crudWriteCommands: CommandTable = {
  insert: { handler: insert, write: true, inTransaction: true, retryable: true },
  update: { handler: update, write: true, inTransaction: true, retryable: true },
  delete: { handler: remove, write: true, inTransaction: true, retryable: true },
};
