import type { Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import type { CommandContext, CommandTable } from './context.js';

function requireTxn(ctx: CommandContext) {
  if (!ctx.txn) fail(ErrorCode.NoSuchTransaction, `${ctx.name} requires a transaction (autocommit: false, txnNumber)`);
  if (ctx.db !== 'admin') fail(ErrorCode.Unauthorized, `${ctx.name} may only be run against the admin database.`);
  return ctx.txn;
}

async function commitTransaction(ctx: CommandContext): Promise<Doc> {
  const txn = requireTxn(ctx);
  const applies = txn.state === 'active' && txn.ops.length > 0;
  const durable = ctx.engine.txns.commit(txn);
  // The commit's changes are in memory now (commit applies them synchronously): they take the next optime.
  if (applies) ctx.engine.clock.tick();
  await durable;
  return {};
}

function abortTransaction(ctx: CommandContext): Doc {
  const txn = requireTxn(ctx);
  if (txn.state === 'committed')
    fail(ErrorCode.TransactionCommitted, `Transaction ${txn.txnNumber} has been committed.`);
  ctx.engine.txns.abort(txn);
  return {};
}

/** commitTransaction and abortTransaction. */
export const transactionCommands: CommandTable = {
  commitTransaction: { handler: commitTransaction, inTransaction: true },
  abortTransaction: { handler: abortTransaction, inTransaction: true },
};
