import { isNumeric, toNumber, type Doc } from '../bson/values.js';

/**
 * One retryable write (a write command with `lsid` + `txnNumber` and no `autocommit`): the outcome of each statement
 * it executed, by statement id. A retry of the same txnNumber skips the recorded statements and answers their recorded
 * outcome, so nothing is applied twice; statements that failed are not recorded and run again, as on MongoDB. Kept in
 * memory for the session's lifetime (MongoDB persists them in config.transactions).
 */
export class RetryableWrite {
  private readonly statements = new Map<number, Doc>();
  /** Statements the current command found already executed (reset for every command of this txnNumber). */
  retried = 0;

  constructor(readonly txnNumber: bigint) {}

  /** The recorded outcome of a statement, if it already executed. */
  executed(stmtId: number): Doc | undefined {
    const outcome = this.statements.get(stmtId);
    if (outcome) this.retried += 1;
    return outcome;
  }

  record(stmtId: number, outcome: Doc): void {
    this.statements.set(stmtId, outcome);
  }
}

/**
 * The statement id of the batch entry at `index`: `stmtIds[index]` or `stmtId + index` when the client numbers them
 * (mongos does), else the position, as mongod assigns for drivers.
 */
export function statementId(body: Doc, index: number): number {
  const ids = body.stmtIds;
  if (Array.isArray(ids) && isNumeric(ids[index])) return toNumber(ids[index]);
  if (isNumeric(body.stmtId)) return toNumber(body.stmtId) + index;
  return index;
}
