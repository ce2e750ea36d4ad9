import type { Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import type { CommandContext, CommandTable } from './context.js';

function requireTxn(ctx: CommandContext) {
  if (!ctx.txn) fail(ErrorCode.NoSuchTransaction, `${ctx.name} requires a transaction (autocommit: false, txnNumber)`);
  if (ctx.db !== 'admin') fail(ErrorCode.Unauthorized, `${ctx.name} may only be run against the admin database.`);
  return ctx.txn;
}

async function commitTransaction(ctx: CommandContext): Promise<Doc> {
  await ctx.engine.txns.commit(requireTxn(ctx));
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
