import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { describePlan } from '../query/planner.js';
import { explainAggregate } from './aggregate.js';
import type { CommandContext, CommandTable } from './context.js';
import { explainFind } from './crud-read.js';
import { SERVER_VERSION } from './handshake.js';

/**
 * explain of a find (the chosen plan and the documents it examined, as mongod's executionStats report them) or of an
 * aggregate (its plan only).
 */
function explain(ctx: CommandContext): Doc {
  const inner = ctx.body.explain;
  if (!isPlainObject(inner)) fail(ErrorCode.TypeMismatch, 'explain command requires a nested object');
  const innerName = Object.keys(inner)[0];
  if (innerName === 'aggregate') return explainAggregate(ctx, inner);
  if (innerName !== 'find') notSupported(`explain of '${innerName}'`);
  const run = explainFind(ctx, inner);
  const plan = run.stats.plan ? describePlan(run.stats.plan) : { stage: 'EOF' };
  return {
    explainVersion: '1',
    queryPlanner: { namespace: run.ns, parsedQuery: run.filter, winningPlan: plan, rejectedPlans: [] },
    executionStats: {
      executionSuccess: true,
      nReturned: run.nReturned,
      executionTimeMillis: run.millis,
      totalKeysExamined: plan.stage === 'COLLSCAN' ? 0 : run.stats.docsExamined,
      totalDocsExamined: run.stats.docsExamined,
      executionStages: plan,
    },
    command: inner,
    serverInfo: { version: SERVER_VERSION },
  };
}

/** explain (find and aggregate). */
export const explainCommands: CommandTable = {
  explain: { handler: explain },
};
