import type { Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { findMatching } from '../query/execute.js';
import { compileProjection } from '../query/projection.js';
import { flag, letVariables, operationCollation, optionalDoc, targetCollection } from './args.js';
import type { CommandContext, CommandTable } from './context.js';
import { rejectUnknownFields } from './known-fields.js';
import { refuseView } from './views.js';
import { runUpdate } from './write-support.js';
import { statementId } from '../txn/retryable-write.js';

/**
 * findAndModify: the atomic read-modify-write behind findOneAndUpdate/Replace/Delete. As a retryable write, a retry
 * answers the first attempt's reply (the same pre- or post-image) instead of modifying again.
 */
function findAndModify(ctx: CommandContext): Doc {
  const done = ctx.retry?.executed(statementId(ctx.body, 0));
  if (done) return { ...done };
  const reply = modifyOnce(ctx);
  ctx.retry?.record(statementId(ctx.body, 0), { ...reply });
  return reply;
}

function modifyOnce(ctx: CommandContext): Doc {
  const body = ctx.body;
  rejectUnknownFields(body, ctx.name);
  const access = ctx.data.collection(ctx.db, targetCollection(body, ctx.name));
  refuseView(ctx, access.name);
  const collation = operationCollation(ctx, access.name, body.collation);
  const query = optionalDoc(body, 'query');
  const remove = flag(body, 'remove');
  const returnNew = flag(body, 'new');
  const upsert = flag(body, 'upsert');
  const variables = letVariables(body, 'write');
  const projection = compileProjection(optionalDoc(body, 'fields'), undefined, collation);
  const project = (doc: Doc | undefined) => (doc && projection ? projection.apply(doc) : (doc ?? null));
  if (remove) {
    if (body.update !== undefined) fail(ErrorCode.FailedToParse, 'Cannot specify both an update and remove=true');
    if (upsert) fail(ErrorCode.FailedToParse, 'Cannot specify both upsert=true and remove=true');
    if (body.arrayFilters !== undefined) fail(ErrorCode.FailedToParse, 'Cannot specify arrayFilters and remove=true');
    if (returnNew)
      fail(
        ErrorCode.FailedToParse,
        "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document",
      );
    const [match] = findMatching(access, query, {
      limit: 1,
      sort: body.sort,
      hint: body.hint,
      positional: false,
      variables,
      collation,
    });
    if (!match) return { lastErrorObject: { n: 0 }, value: null };
    access.remove(match.doc);
    return { lastErrorObject: { n: 1 }, value: project(match.doc) };
  }
  if (body.update === undefined) fail(ErrorCode.FailedToParse, 'Either an update or remove=true must be specified');
  const outcome = runUpdate(access, {
    filter: query,
    update: body.update,
    multi: false,
    upsert,
    arrayFilters: body.arrayFilters,
    sort: body.sort,
    hint: body.hint,
    variables,
    collation,
  });
  const change = outcome.changes[0];
  if (outcome.upsertedId !== undefined) {
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: outcome.upsertedId },
      value: returnNew ? project(change?.after) : null,
    };
  }
  if (!change) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: project(returnNew ? change.after : change.before),
  };
}

/** findAndModify (and its legacy lower-case spelling). */
export const findAndModifyCommands: CommandTable = {
  findAndModify: { handler: findAndModify, write: true, inTransaction: true, retryable: true },
  findandmodify: { handler: findAndModify, write: true, inTransaction: true, retryable: true },
};
