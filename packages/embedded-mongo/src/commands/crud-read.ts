import { Long } from 'bson';
import { canonicalKey } from '../bson/canonical-key.js';
import { compareValues } from '../bson/compare.js';
import { EMPTY_ARRAY, collectPathValues, splitPath } from '../bson/paths.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, MongoCommandError, fail, notSupported } from '../errors.js';
import { CollatedMap, comparatorFor, parseCollation, type Collation } from '../query/collation.js';
import { runQuery, type QueryStats } from '../query/execute.js';
import { compileFilter } from '../query/matcher.js';
import { planCandidates, planQuery } from '../query/planner.js';
import {
  flag,
  letVariables,
  optionalCount,
  optionalDoc,
  optionalInteger,
  operationCollation,
  targetCollection,
  toBigInt,
} from './args.js';
import type { CommandContext, CommandTable } from './context.js';
import { countOnView, findOnView, isView, readView } from './views.js';
import { rejectUnknownFields } from './known-fields.js';

/** The `{cursor: {...}}` part of a find/aggregate/list reply. */
export function cursorReply(id: Long, ns: string, docs: Doc[], first: boolean): Doc {
  return { cursor: first ? { firstBatch: docs, id, ns } : { nextBatch: docs, id, ns } };
}

/** Parses find's arguments into a query (shared with explain). */
export function findSpec(body: Doc): {
  spec: Parameters<typeof runQuery>[1];
  batchSize: number | undefined;
  singleBatch: boolean;
} {
  for (const option of ['tailable', 'awaitData', 'min', 'max', 'returnKey', 'showRecordId']) {
    if (body[option] !== undefined && body[option] !== false) notSupported(`the find option '${option}'`);
  }
  rejectUnknownFields(body, 'find');
  // Validated here; find and explain replace it by the operation's collation (the collection default when absent).
  const collation = parseCollation(body.collation);
  let limit = optionalInteger(body, 'limit');
  let singleBatch = flag(body, 'singleBatch');
  if (limit !== undefined && limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const filter = optionalDoc(body, 'filter');
  const variables = letVariables(body, 'read');
  return {
    spec: {
      filter,
      sort: optionalDoc(body, 'sort'),
      projection: optionalDoc(body, 'projection'),
      skip: optionalCount(body, 'skip') ?? 0,
      limit: limit ?? 0,
      hint: body.hint,
      variables,
      collation,
    },
    batchSize: optionalCount(body, 'batchSize'),
    singleBatch,
  };
}

function find(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'find');
  const collation = operationCollation(ctx, name, ctx.body.collation);
  if (isView(ctx.engine.store.catalog.get(ctx.db, name))) return findOnView(ctx, name);
  const access = ctx.data.collection(ctx.db, name);
  const { spec, batchSize, singleBatch } = findSpec(ctx.body);
  const results = runQuery(access, { ...spec, collation });
  const noTimeout = flag(ctx.body, 'noCursorTimeout');
  const batch = ctx.engine.cursors.open(access.ns, results, batchSize, singleBatch, ctx.sessionKey, noTimeout);
  return cursorReply(batch.id, access.ns, batch.docs, true);
}

function getMore(ctx: CommandContext): Doc {
  const id = toBigInt(ctx.body.getMore, 'getMore');
  const collection = ctx.body.collection;
  if (typeof collection !== 'string') fail(ErrorCode.TypeMismatch, "Field 'collection' must be a string");
  const ns = `${ctx.db}.${collection}`;
  const batch = ctx.engine.cursors.next(id, ns, optionalCount(ctx.body, 'batchSize') || undefined);
  if (batch === undefined) throw new MongoCommandError(ErrorCode.CursorNotFound, `cursor id ${id} not found`);
  if (batch === 'wrong-namespace') {
    fail(ErrorCode.Unauthorized, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace`);
  }
  return cursorReply(batch.id, ns, batch.docs, false);
}

function killCursors(ctx: CommandContext): Doc {
  const ids = ctx.body.cursors;
  if (!Array.isArray(ids)) fail(ErrorCode.FailedToParse, "BSON field 'cursors' is missing but a required field");
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const raw of ids) {
    const id = toBigInt(raw, 'cursors');
    (ctx.engine.cursors.kill(id) ? killed : notFound).push(Long.fromBigInt(id));
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [] };
}

/** Counts matching documents (count command, and countDocuments' aggregate shape). */
export function countMatching(
  ctx: CommandContext,
  name: string,
  filter: Doc | undefined,
  skip = 0,
  limit = 0,
  hint?: unknown,
  collation?: Collation,
): number {
  if (isView(ctx.engine.store.catalog.get(ctx.db, name))) return countOnView(ctx, name, filter, skip, limit, hint);
  const access = ctx.data.collection(ctx.db, name);
  if ((!filter || Object.keys(filter).length === 0) && !hint) {
    const n = Math.max(0, access.size() - skip);
    return limit > 0 ? Math.min(n, limit) : n;
  }
  const matcher = compileFilter(filter, { collation });
  let n = 0;
  for (const doc of planCandidates(planQuery(filter, access, hint, collation), access)) if (matcher(doc)) n++;
  n = Math.max(0, n - skip);
  return limit > 0 ? Math.min(n, limit) : n;
}

function count(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'count');
  const collation = operationCollation(ctx, name, ctx.body.collation);
  const limit = Math.abs(optionalInteger(ctx.body, 'limit') ?? 0);
  return {
    n: countMatching(
      ctx,
      name,
      optionalDoc(ctx.body, 'query'),
      optionalCount(ctx.body, 'skip') ?? 0,
      limit,
      ctx.body.hint,
      collation,
    ),
  };
}

function distinct(ctx: CommandContext): Doc {
  const name = targetCollection(ctx.body, 'distinct');
  const collation = operationCollation(ctx, name, ctx.body.collation);
  const key = ctx.body.key;
  if (typeof key !== 'string' || key.length === 0)
    fail(ErrorCode.TypeMismatch, "BSON field 'key' must be a non-empty string");
  if (key.startsWith('$')) fail(ErrorCode.BadValue, `FieldPath field names may not start with '$'`);
  const access = ctx.data.collection(ctx.db, name);
  const filter = optionalDoc(ctx.body, 'query');
  const matcher = compileFilter(filter, { collation });
  const parts = splitPath(key);
  const seen = new Map<string, unknown>();
  // Under a collation, values equal by it are one value (the first one met), as in MongoDB.
  const collated = collation ? new CollatedMap<unknown>(collation) : undefined;
  const onView = isView(ctx.engine.store.catalog.get(ctx.db, name));
  const candidates = onView
    ? readView(ctx, name, filter ? [{ $match: filter }] : [], undefined, ctx.body.hint)
    : planCandidates(planQuery(filter, access, ctx.body.hint, collation), access);
  for (const doc of candidates) {
    if (!matcher(doc)) continue;
    for (const value of collectPathValues(doc, parts).values) {
      if (value === undefined || value === EMPTY_ARRAY) continue;
      if (collated) {
        collated.getOrAdd(value, () => value);
        continue;
      }
      const k = canonicalKey(value);
      if (!seen.has(k)) seen.set(k, value);
    }
  }
  const found = collated ? collated.entries().map((entry) => entry.value) : [...seen.values()];
  const values = found.sort(collation ? comparatorFor(collation) : compareValues);
  return { values };
}

/** Runs a find and reports how it was planned (explain of a find). */
export function explainFind(
  ctx: CommandContext,
  body: Doc,
): { stats: QueryStats; ns: string; nReturned: number; millis: number; filter: Doc } {
  const name = targetCollection(body, 'find');
  if (isView(ctx.engine.store.catalog.get(ctx.db, name))) notSupported('explain of a find on a view');
  const access = ctx.data.collection(ctx.db, name);
  const { spec } = findSpec(body);
  const collation = operationCollation(ctx, name, body.collation);
  const stats: QueryStats = { docsExamined: 0 };
  const started = Date.now();
  const results = [...runQuery(access, { ...spec, collation }, stats)];
  return {
    stats,
    ns: access.ns,
    nReturned: results.length,
    millis: Date.now() - started,
    filter: spec.filter ?? {},
  };
}

function checkFilterDoc(value: unknown): void {
  if (value !== undefined && value !== null && !isPlainObject(value))
    fail(ErrorCode.TypeMismatch, 'filter must be an object');
}

/** find, getMore, killCursors, count, distinct. */
export const crudReadCommands: CommandTable = {
  find: { handler: (ctx) => (checkFilterDoc(ctx.body.filter), find(ctx)), inTransaction: true },
  getMore: { handler: getMore, inTransaction: true },
  killCursors: { handler: killCursors, inTransaction: true },
  count: { handler: count },
  distinct: { handler: distinct, inTransaction: true },
};
