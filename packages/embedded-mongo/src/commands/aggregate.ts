import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { runPipeline } from '../aggregate/run-pipeline.js';
import { validatePipeline } from '../aggregate/stages.js';
import { writeMerge, writeOut } from '../aggregate/write-stages.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { describePlan, planQuery } from '../query/planner.js';
import { checkCollectionName } from '../storage/catalog.js';
import type { Collation } from '../query/collation.js';
import { flag, letVariables, operationCollation } from './args.js';
import type { CommandContext, CommandTable } from './context.js';
import { rejectUnknownFields } from './known-fields.js';
import { countMatching, cursorReply } from './crud-read.js';
import { SERVER_VERSION } from './handshake.js';
import { isView, refuseView, resolveView, viewReader, writeStageTarget } from './views.js';

/** Recognises the driver's countDocuments pipeline: [$match, $skip?, $limit?, $group {_id: 1, n: {$sum: 1}}]. */
function countShape(pipeline: Doc[]): { filter: Doc; skip: number; limit: number } | undefined {
  const [match, ...rest] = pipeline;
  if (!match || !isPlainObject(match.$match)) return undefined;
  let skip = 0;
  let limit = 0;
  let i = 0;
  if (rest[i] && isNumeric(rest[i]?.$skip)) skip = toNumber(rest[i++]?.$skip);
  if (rest[i] && isNumeric(rest[i]?.$limit)) limit = toNumber(rest[i++]?.$limit);
  const group = rest[i];
  if (i !== rest.length - 1 || !group || !isPlainObject(group.$group)) return undefined;
  const spec = group.$group;
  const keys = Object.keys(spec);
  const sum = spec[keys[1] ?? ''];
  if (keys.length !== 2 || keys[0] !== '_id' || !isNumeric(spec._id) || !isPlainObject(sum)) return undefined;
  if (Object.keys(sum).length !== 1 || !isNumeric(sum.$sum) || toNumber(sum.$sum) !== 1) return undefined;
  return { filter: match.$match, skip, limit };
}

interface ParsedAggregate {
  collection: string | undefined;
  ns: string;
  pipeline: Doc[];
  /** The aggregation's collation: its own, else the collection's default (undefined: simple). */
  collation: Collation | undefined;
}

function parseAggregate(ctx: CommandContext, body: Doc): ParsedAggregate {
  const target = body.aggregate;
  const collection = typeof target === 'string' ? checkCollectionName(target) : undefined;
  if (collection === undefined && !(isNumeric(target) && toNumber(target) === 1)) {
    fail(ErrorCode.FailedToParse, "Invalid command format: the 'aggregate' field must specify a collection name or 1");
  }
  rejectUnknownFields(body, 'aggregate');
  const collation = operationCollation(ctx, collection, body.collation);
  const ns = collection === undefined ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${collection}`;
  return { collection, ns, pipeline: validatePipeline(body.pipeline), collation };
}

/**
 * The explain of an aggregation (`explain: true` or the explain command), in the shape mongod gives a pipeline that
 * is not pushed down entirely: the leading `$match` is the `$cursor` stage's query, planned exactly as
 * `runPipeline` plans it, and the other stages follow as given. Plans only: no execution statistics are claimed.
 */
export function explainAggregate(ctx: CommandContext, body: Doc): Doc {
  const { collection, ns, pipeline, collation } = parseAggregate(ctx, body);
  if (collection !== undefined && isView(ctx.engine.store.catalog.get(ctx.db, collection))) {
    notSupported('explain of an aggregation on a view');
  }
  const first = pipeline[0];
  const filter = first && isPlainObject(first.$match) ? first.$match : undefined;
  const stages: Doc[] = [];
  if (collection !== undefined) {
    const plan = planQuery(filter, ctx.data.collection(ctx.db, collection), body.hint, collation);
    const queryPlanner = {
      namespace: ns,
      parsedQuery: filter ?? {},
      winningPlan: describePlan(plan),
      rejectedPlans: [],
    };
    stages.push({ $cursor: { queryPlanner } });
  }
  stages.push(...(filter ? pipeline.slice(1) : pipeline));
  return { explainVersion: '1', stages, command: body, serverInfo: { version: SERVER_VERSION } };
}

function aggregate(ctx: CommandContext): Doc {
  const { collection, ns, pipeline, collation } = parseAggregate(ctx, ctx.body);
  if (flag(ctx.body, 'explain')) return explainAggregate(ctx, ctx.body);
  if (!isPlainObject(ctx.body.cursor)) {
    fail(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  const last = pipeline[pipeline.length - 1];
  const writeStage = last && ('$out' in last ? '$out' : '$merge' in last ? '$merge' : undefined);
  if (writeStage && ctx.txn) {
    fail(ErrorCode.OperationNotSupportedInTransaction, `${writeStage} cannot be used in a transaction`);
  }
  if (writeStage) refuseView(ctx, writeStageTarget(last, ctx.db) ?? '');
  if (writeStage === '$merge' && collation) notSupported('$merge with a non-simple collation');
  const variables = letVariables(ctx.body, 'read');
  const counted = collection !== undefined && !variables ? countShape(pipeline) : undefined;
  let results: Doc[];
  if (counted) {
    const n = countMatching(
      ctx,
      collection as string,
      counted.filter,
      counted.skip,
      counted.limit,
      ctx.body.hint,
      collation,
    );
    const groupSpec = (pipeline[pipeline.length - 1]?.$group ?? {}) as Doc;
    const field = Object.keys(groupSpec)[1] as string;
    results = n > 0 ? [{ _id: groupSpec._id, [field]: n }] : [];
  } else {
    // On a view: its pipeline (and those of the views beneath it) first, on the collection it reads.
    const view = collection === undefined ? undefined : resolveView(ctx.engine.store.catalog, ctx.db, collection);
    const stages = writeStage ? pipeline.slice(0, -1) : pipeline;
    results = runPipeline(
      {
        data: ctx.data,
        db: ctx.db,
        collection: view ? view.collection : collection,
        hint: ctx.body.hint,
        variables,
        views: viewReader(ctx),
        collation,
      },
      view ? [...view.pipeline, ...stages] : stages,
    );
  }
  if (writeStage) ctx.engine.opCounters.countWriteStage(writeStage, last?.[writeStage], results.length);
  if (writeStage === '$out') {
    writeOut(ctx.engine.store.catalog, ctx.ops, ctx.db, last?.$out, results);
    results = [];
  } else if (writeStage === '$merge') {
    writeMerge(ctx.data, ctx.db, last?.$merge, results);
    results = [];
  }
  const cursor = ctx.body.cursor as Doc;
  const batchSize = isNumeric(cursor.batchSize) ? toNumber(cursor.batchSize) : undefined;
  const batch = ctx.engine.cursors.open(ns, results, batchSize, false, ctx.sessionKey);
  return cursorReply(batch.id, ns, batch.docs, true);
}

/** aggregate (with $out/$merge and the countDocuments fast path). */
export const aggregateCommands: CommandTable = {
  aggregate: { handler: aggregate, inTransaction: true },
};
