import { Long } from 'bson';
import { isPlainObject, type Doc } from '../bson/values.js';

/**
 * serverStatus `opcounters`, with mongod's meaning: what the server was asked to do since it started (counters only
 * grow; a restart starts them at zero). Plain numbers on the hot path (exact up to 2^53), NumberLong in the reply.
 *
 * As mongod counts:
 * - `insert` per document, `update` and `delete` per statement, each when the write command attempts it: failed ones
 *   count, those after an ordered batch stopped don't, nor those a retryable-write retry answers from its record.
 * - `query` per `find`, `getmore` per `getMore`, even when it fails (a bad filter, CursorNotFound).
 * - `command` per other recognised command (aggregate, count, distinct, findAndModify, explain, hello, serverStatus,
 *   commitTransaction…), even when it fails while running. Unknown commands (59) are not counted. mongod counts once a
 *   command is parsed, authorised and its session options checked, just before it runs; the engine counts just before
 *   the handler, so it also leaves out a few refusals mongod makes after counting (no such transaction, a read concern
 *   it cannot satisfy).
 * - Inside a transaction nothing differs: each command and statement counts as it runs, and an abort takes nothing back.
 * - `explain` is one command: the find or aggregate it explains is planned, not run, so counts as nothing else.
 * - TTL deletions are the server's own work, not operations: not counted (as in mongod). Nor is a command a test
 *   failpoint answers in its place (mongod evaluates failCommand before counting too).
 */
export class OpCounters {
  insert = 0;
  query = 0;
  update = 0;
  delete = 0;
  getmore = 0;
  command = 0;

  /** Counts a recognised command about to run (insert, update and delete count their documents/statements instead). */
  countCommand(name: string): void {
    switch (name) {
      case 'find':
        this.query++;
        return;
      case 'getMore':
        this.getmore++;
        return;
      case 'insert':
      case 'update':
      case 'delete':
        return;
      default:
        this.command++;
    }
  }

  /**
   * mongod writes the results of `$out` and `$merge` through its insert and update paths, which count them: `$out`
   * inserts each document, `$merge` inserts with whenMatched 'fail' and updates (upserts) in every other mode.
   */
  countWriteStage(stage: '$out' | '$merge', spec: unknown, documents: number): void {
    if (stage === '$merge' && !(isPlainObject(spec) && spec.whenMatched === 'fail')) this.update += documents;
    else this.insert += documents;
  }

  /** The `opcounters` document of serverStatus (64-bit integers, as mongod reports them since 4.2). */
  toReply(): Doc {
    return countersDoc(this.insert, this.query, this.update, this.delete, this.getmore, this.command);
  }
}

/**
 * serverStatus `opcountersRepl`: operations a secondary applied from its sync source. The engine is always the
 * primary of a one-member set and never applies replicated operations, so every counter stays zero — what a primary
 * that was never a secondary reports.
 */
export function replicatedOpCounters(): Doc {
  return countersDoc(0, 0, 0, 0, 0, 0);
}

function countersDoc(insert: number, query: number, update: number, remove: number, getmore: number, command: number) {
  return {
    insert: Long.fromNumber(insert),
    query: Long.fromNumber(query),
    update: Long.fromNumber(update),
    delete: Long.fromNumber(remove),
    getmore: Long.fromNumber(getmore),
    command: Long.fromNumber(command),
  };
}
