import { runPipeline, type ViewReader } from '../aggregate/run-pipeline.js';
import { validatePipeline } from '../aggregate/stages.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { compileFilter, type MatchDetails } from '../query/matcher.js';
import { compileProjection } from '../query/projection.js';
import { Collection, checkCollectionName, type Catalog } from '../storage/catalog.js';
import { rejectCollation } from './args.js';
import type { CommandContext } from './context.js';
import { cursorReply, findSpec } from './crud-read.js';

/**
 * Views (`create` with `viewOn` and `pipeline`). A view is a catalog entry whose options are its definition (so it is
 * journaled, snapshotted and listed like a collection); reading it runs its pipeline, and that of every view beneath
 * it, on the collection at the bottom, then the reader's own stages, as MongoDB does. Writing to it fails with 166.
 */

/** MongoDB's limit on how deep views (and the namespaces their pipelines read) may nest. */
const MAX_VIEW_DEPTH = 20;

export interface ViewDefinition {
  viewOn: string;
  pipeline: Doc[];
}

/** True for a catalog entry that is a view. */
export function isView(collection: Collection | undefined): boolean {
  return collection !== undefined && typeof collection.options.viewOn === 'string';
}

/** The definition of `db.name` when it is a view. */
export function viewDefinition(catalog: Catalog, db: string, name: string): ViewDefinition | undefined {
  const collection = catalog.get(db, name);
  if (!collection || !isView(collection)) return undefined;
  const { viewOn, pipeline } = collection.options;
  return { viewOn: viewOn as string, pipeline: Array.isArray(pipeline) ? (pipeline as Doc[]) : [] };
}

/** A view resolved down to the collection it reads: that collection, and the pipelines of every view, innermost first. */
export function resolveView(
  catalog: Catalog,
  db: string,
  name: string,
): { collection: string; pipeline: Doc[] } | undefined {
  let definition = viewDefinition(catalog, db, name);
  if (!definition) return undefined;
  const pipelines: Doc[][] = [];
  for (let depth = 1; definition; depth++) {
    if (depth > MAX_VIEW_DEPTH) fail(ErrorCode.ViewDepthLimitExceeded, `View depth too deep or view cycle detected`);
    pipelines.unshift(definition.pipeline);
    name = definition.viewOn;
    definition = viewDefinition(catalog, db, name);
  }
  return { collection: name, pipeline: pipelines.flat() };
}

/** The error for a command that needs a collection and was given a view. */
export function refuseView(ctx: CommandContext, name: string): void {
  if (isView(ctx.engine.store.catalog.get(ctx.db, name))) {
    fail(ErrorCode.CommandNotSupportedOnView, `Namespace ${ctx.db}.${name} is a view, not a collection`);
  }
}

/** Namespaces (in the same database) a pipeline reads besides its input: $lookup, $graphLookup, $unionWith, $facet. */
function pipelineReads(pipeline: Doc[]): string[] {
  const names: string[] = [];
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    const spec = stage[name ?? ''];
    if ((name === '$lookup' || name === '$graphLookup') && isPlainObject(spec)) {
      if (typeof spec.from === 'string') names.push(spec.from);
      if (Array.isArray(spec.pipeline)) names.push(...pipelineReads(spec.pipeline as Doc[]));
    } else if (name === '$unionWith') {
      if (typeof spec === 'string') names.push(spec);
      else if (isPlainObject(spec)) {
        if (typeof spec.coll === 'string') names.push(spec.coll);
        if (Array.isArray(spec.pipeline)) names.push(...pipelineReads(spec.pipeline as Doc[]));
      }
    } else if (name === '$facet' && isPlainObject(spec)) {
      for (const sub of Object.values(spec)) if (Array.isArray(sub)) names.push(...pipelineReads(sub as Doc[]));
    }
  }
  return names;
}

function hasWriteStage(pipeline: Doc[]): string | undefined {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (name === '$out' || name === '$merge') return name;
  }
  return undefined;
}

/**
 * Validates a view definition for `create` or `collMod`: `viewOn` a collection name, the pipeline a valid one without
 * `$out`/`$merge`, and the graph of views it reads (through `viewOn` and its pipeline's lookups) neither cyclic
 * (93 GraphContainsCycle) nor deeper than 20 (182).
 */
export function checkViewDefinition(
  catalog: Catalog,
  db: string,
  name: string,
  command: string,
  viewOn: unknown,
  pipeline: unknown,
): ViewDefinition {
  if (typeof viewOn !== 'string') {
    fail(ErrorCode.TypeMismatch, `BSON field '${command}.viewOn' is the wrong type, expected type 'string'`);
  }
  if (viewOn.length === 0) fail(ErrorCode.BadValue, "'viewOn' cannot be empty");
  checkCollectionName(viewOn);
  const stages = pipeline === undefined ? [] : validatePipeline(pipeline);
  const writeStage = hasWriteStage(stages);
  if (writeStage) fail(ErrorCode.OptionNotSupportedOnView, `${writeStage} cannot be used in a view definition`);
  const definition = { viewOn, pipeline: stages };
  // The whole graph of the database's views, with this one as it would be: no cycle, no path of more than 20 views
  // (a view deep enough on its own can also make the views above it too deep).
  const readsOf = (view: string): string[] | undefined => {
    const def = view === name ? definition : viewDefinition(catalog, db, view);
    return def ? [def.viewOn, ...pipelineReads(def.pipeline)] : undefined;
  };
  const depths = new Map<string, number>();
  const depthOf = (view: string, path: string[]): number => {
    const known = depths.get(view);
    if (known !== undefined) return known;
    const reads = readsOf(view);
    if (!reads) return 0;
    let deepest = 0;
    for (const next of reads) {
      if (next === view || path.includes(next)) {
        const from = path.indexOf(next);
        const cycle = [...(from >= 0 ? path.slice(from) : []), view, next].map((v) => `${db}.${v}`);
        fail(ErrorCode.GraphContainsCycle, `View cycle detected: ${cycle.join(' => ')}`);
      }
      deepest = Math.max(deepest, depthOf(next, [...path, view]));
    }
    if (deepest + 1 > MAX_VIEW_DEPTH) {
      fail(ErrorCode.ViewDepthLimitExceeded, `View depth is too deep (more than ${MAX_VIEW_DEPTH}): ${db}.${view}`);
    }
    depths.set(view, deepest + 1);
    return deepest + 1;
  };
  depthOf(name, []);
  for (const collection of catalog.collections(db)) if (isView(collection)) depthOf(collection.name, []);
  return definition;
}

/** Collection options that make no sense for a view. */
const NOT_FOR_VIEWS = [
  'capped',
  'size',
  'max',
  'autoIndexId',
  'idIndex',
  'timeseries',
  'validator',
  'validationLevel',
  'validationAction',
  'clusteredIndex',
  'changeStreamPreAndPostImages',
  'encryptedFields',
  'expireAfterSeconds',
  'indexOptionDefaults',
  'storageEngine',
  'recordPreImages',
];

/** `create` with `viewOn` (and `pipeline`): a view, journaled like a collection whose options are its definition. */
export function createView(ctx: CommandContext, name: string): Doc {
  if (ctx.body.viewOn === undefined) fail(ErrorCode.BadValue, "'pipeline' requires 'viewOn' to also be specified");
  for (const option of NOT_FOR_VIEWS) {
    if (ctx.body[option] !== undefined) fail(ErrorCode.InvalidOptions, `option not supported on a view: ${option}`);
  }
  if (ctx.txn) {
    fail(ErrorCode.OperationNotSupportedInTransaction, 'Cannot create a view in a multi-document transaction.');
  }
  rejectCollation(ctx.body.collation);
  const catalog = ctx.engine.store.catalog;
  if (catalog.get(ctx.db, name)) fail(ErrorCode.NamespaceExists, `Namespace ${ctx.db}.${name} already exists`);
  const definition = checkViewDefinition(catalog, ctx.db, name, 'create', ctx.body.viewOn, ctx.body.pipeline);
  const options: Doc = { viewOn: definition.viewOn, pipeline: definition.pipeline };
  const view = catalog.add(new Collection(ctx.db, name, options));
  ctx.ops.push({ o: 'c', ns: view.ns, opts: options });
  return {};
}

/** Reads views by name for pipelines: `$lookup`, `$graphLookup` and `$unionWith` from a view see its documents. */
export function viewReader(ctx: CommandContext): ViewReader {
  return {
    has: (name) => isView(ctx.engine.store.catalog.get(ctx.db, name)),
    read: (name) => readView(ctx, name, []),
  };
}

/** The documents of view `name` followed by `stages` (the view's pipelines run first, on the collection beneath). */
export function readView(ctx: CommandContext, name: string, stages: Doc[], variables?: Doc, hint?: unknown): Doc[] {
  const resolved = resolveView(ctx.engine.store.catalog, ctx.db, name);
  if (!resolved) return [];
  return runPipeline(
    { data: ctx.data, db: ctx.db, collection: resolved.collection, variables, hint, views: viewReader(ctx) },
    [...resolved.pipeline, ...stages],
  );
}

/** find on a view: the view's pipeline, then the filter, sort, skip and limit, then the find projection. */
export function findOnView(ctx: CommandContext, name: string): Doc {
  const { spec, batchSize, singleBatch } = findSpec(ctx.body);
  const stages: Doc[] = [];
  if (spec.filter && Object.keys(spec.filter).length > 0) stages.push({ $match: spec.filter });
  if (isPlainObject(spec.sort) && Object.keys(spec.sort).length > 0) stages.push({ $sort: spec.sort });
  if (spec.skip) stages.push({ $skip: spec.skip });
  if (spec.limit) stages.push({ $limit: spec.limit });
  let docs = readView(ctx, name, stages, spec.variables, spec.hint);
  const projection = compileProjection(spec.projection, spec.variables);
  if (projection) {
    const matcher = projection.positional ? compileFilter(spec.filter, { variables: spec.variables }) : undefined;
    docs = docs.map((doc) => {
      if (!matcher) return projection.apply(doc);
      const details: MatchDetails = {};
      matcher(doc, details);
      return projection.apply(doc, details);
    });
  }
  const ns = `${ctx.db}.${name}`;
  const batch = ctx.engine.cursors.open(ns, docs, batchSize, singleBatch, ctx.sessionKey);
  return cursorReply(batch.id, ns, batch.docs, true);
}

/** Counts a view's documents matching `filter` (count, and countDocuments' aggregate on a view). */
export function countOnView(
  ctx: CommandContext,
  name: string,
  filter: Doc | undefined,
  skip: number,
  limit: number,
  hint?: unknown,
): number {
  const stages: Doc[] = [];
  if (filter && Object.keys(filter).length > 0) stages.push({ $match: filter });
  if (skip > 0) stages.push({ $skip: skip });
  if (limit > 0) stages.push({ $limit: limit });
  return readView(ctx, name, stages, undefined, hint).length;
}

/** listCollections' entry for a view. */
export function viewInfo(collection: Collection, nameOnly: boolean): Doc {
  if (nameOnly) return { name: collection.name, type: 'view' };
  const { viewOn, pipeline } = collection.options;
  return { name: collection.name, type: 'view', options: { viewOn, pipeline }, info: { readOnly: true } };
}

/** The collection a trailing `$out` or `$merge` writes to (same database), to refuse writing into a view. */
export function writeStageTarget(stage: Doc | undefined, db: string): string | undefined {
  if (!stage) return undefined;
  const spec = '$out' in stage ? stage.$out : '$merge' in stage ? stage.$merge : undefined;
  const into = isPlainObject(spec) && '$merge' in stage ? spec.into : spec;
  if (typeof into === 'string') return into;
  if (!isPlainObject(into) || (into.db !== undefined && into.db !== db)) return undefined;
  return typeof into.coll === 'string' ? into.coll : undefined;
}
