import { Aggregator } from 'mingo/aggregator';
import type { Options } from 'mingo/types';
import { toView } from '../bson/normalize.js';
import { bsonTag, isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import type { DataAccess } from '../data/access.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import type { Collation } from '../query/collation.js';
import { computeOptions, mingoContext } from '../query/expressions.js';
import { compileFilter } from '../query/matcher.js';
import { planCandidates, planQuery } from '../query/planner.js';
import { parseSort, sortDocuments } from '../query/sort.js';
import { checkPipelineCollation, checkViewsUnderCollation } from './collation-check.js';
import { compileGroup } from './group-stage.js';
import { compileLookup } from './lookup-stage.js';
import { compileUnwind } from './unwind-stage.js';
import { typeStageOutput } from '../update/pipeline-update.js';

// Stages that reshape each document one to one: run on typed documents, their output keeps MongoDB's BSON types.
const TYPED_STAGES = new Set(['$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith']);

/** Where an aggregation reads from. */
export interface PipelineSource {
  data: DataAccess;
  db: string;
  /** Collection name, or undefined for database-level aggregations (`aggregate: 1`). */
  collection: string | undefined;
  variables?: Doc;
  hint?: unknown;
  /** The database's views, for stages that read another namespace by name ($lookup, $graphLookup, $unionWith). */
  views?: ViewReader;
  /** The aggregation's collation (undefined: simple): every stage and expression compares strings by it. */
  collation?: Collation;
}

/** Views readable by name: their documents are their pipeline's output. */
export interface ViewReader {
  has(name: string): boolean;
  read(name: string): Doc[];
}

const cleanDocs = new WeakSet<object>();

// True when a value holds no bson numeric wrapper, so mingo can read it as is (results are cached per stored doc).
function isPlainForMingo(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isPlainForMingo);
  const tag = bsonTag(value);
  if (tag === 'Double' || tag === 'Int32' || tag === 'Long' || tag === 'Decimal128') return false;
  if (tag !== undefined || value instanceof Date || value instanceof RegExp) return true;
  if (cleanDocs.has(value)) return true;
  for (const key in value) if (!isPlainForMingo((value as Doc)[key])) return false;
  cleanDocs.add(value);
  return true;
}

/** A read-only view of a stored document for expression evaluation (a copy only when it holds numeric wrappers). */
function readView(doc: Doc): Doc {
  return isPlainForMingo(doc) ? doc : (toView(doc) as Doc);
}

function count(value: unknown, stage: string): number {
  if (!isNumeric(value) || !Number.isInteger(toNumber(value)) || toNumber(value) < 0) {
    fail(ErrorCode.BadValue, `invalid argument to ${stage} stage: expected a non-negative integer`);
  }
  return toNumber(value);
}

/**
 * Runs a pipeline (without `$out`/`$merge`). A leading `$match` uses the query planner (no scan for `_id`/index
 * equality); `$match`, `$sort` (top-k before `$limit`), `$skip`, `$limit`, `$count`, `$group` with the common
 * accumulators and `$lookup` on local/foreign fields (through `_id` or an index when possible) run natively on the
 * stored documents without copying them; any other stage runs in mingo on copies, with a collection resolver that
 * sees the same snapshot.
 */
export function runPipeline(source: PipelineSource, pipeline: Doc[]): Doc[] {
  let docs: Doc[] = [];
  let stored = false;
  let i = 0;
  const collation = source.collation;
  if (collation) checkPipelineCollation(pipeline);
  if (collation && source.views) checkViewsUnderCollation(pipeline, (name) => source.views?.has(name) === true);
  const options: Options = computeOptions(source.variables, collation);
  if (source.collection !== undefined) {
    const access = source.data.collection(source.db, source.collection);
    const first = pipeline[0];
    const filter = first && isPlainObject(first.$match) ? first.$match : undefined;
    if (filter) i = 1;
    const matcher = compileFilter(
      filter,
      source.variables ? { variables: source.variables, collation } : { collation },
    );
    const plan = planQuery(filter, access, source.hint, collation);
    for (const doc of planCandidates(plan, access)) if (matcher(doc)) docs.push(doc);
    stored = true;
  }
  while (i < pipeline.length) {
    const stage = pipeline[i] as Doc;
    const name = Object.keys(stage)[0] as string;
    const spec = stage[name];
    if (name === '$match') {
      const matcher = compileFilter(spec, { exprOptions: options, collation });
      docs = docs.filter((doc) => matcher(doc));
    } else if (name === '$sort') {
      const plan = parseSort(spec);
      const next = pipeline[i + 1];
      const limit = next && '$limit' in next ? count(next.$limit, '$limit') : undefined;
      if (plan) docs = sortDocuments(docs, plan, limit, undefined, collation);
    } else if (name === '$skip') {
      docs = docs.slice(count(spec, '$skip'));
    } else if (name === '$limit') {
      docs = docs.slice(0, count(spec, '$limit'));
    } else if (TYPED_STAGES.has(name) && stored) {
      // mingo computes the shape on copies; each result is then typed from its (typed) input document.
      const inputs = docs;
      const views = inputs.map((doc) => toView(doc) as Doc);
      const outputs = runInMingo(source, [stage], views);
      const variables = source.variables ?? {};
      docs = outputs.map((out, k) => {
        const root = inputs[k] as Doc;
        return typeStageOutput(root, stage, out, { root, variables, options, lenient: true });
      });
    } else if (name === '$unwind' && stored && compileUnwind(spec)) {
      // Natively on typed documents: unwound values keep their BSON types.
      docs = (compileUnwind(spec) as (input: Doc[]) => Doc[])(docs);
    } else if (name === '$count' && typeof spec === 'string' && spec.length > 0 && !spec.startsWith('$')) {
      docs = docs.length > 0 ? [{ [spec]: docs.length }] : [];
      stored = false;
    } else {
      const group =
        name === '$group' ? compileGroup(spec, stored ? readView : (doc) => doc, options, collation) : undefined;
      if (name === '$group' && !group && collation) notSupported('this $group accumulator with a non-simple collation');
      // A $lookup from a view runs in mingo, whose collection resolver reads the view.
      const fromView = isPlainObject(spec) && typeof spec.from === 'string' && source.views?.has(spec.from) === true;
      const lookup =
        name === '$lookup' && !fromView
          ? compileLookup(spec, (from) => source.data.collection(source.db, from), collation)
          : undefined;
      if (group) {
        // Group results keep stored BSON types (a $sum of doubles is a double); converted if mingo needs them.
        docs = group(docs);
        stored = true;
      } else if (lookup) {
        docs = lookup(docs);
        // Joined documents hold stored (typed) values, copied for mingo like stored documents.
        stored = true;
      } else {
        let end = i + 1;
        while (end < pipeline.length && !isNativeStage(pipeline[end] as Doc)) end++;
        docs = runInMingo(source, pipeline.slice(i, end), stored ? docs.map((doc) => toView(doc) as Doc) : docs);
        stored = false;
        i = end;
        continue;
      }
    }
    i++;
  }
  return docs;
}

function isNativeStage(stage: Doc): boolean {
  const name = Object.keys(stage)[0];
  if (name === '$lookup') return isPlainObject(stage.$lookup) && stage.$lookup.pipeline === undefined;
  if (name !== undefined && (TYPED_STAGES.has(name) || name === '$unwind')) return true;
  return name === '$match' || name === '$sort' || name === '$skip' || name === '$limit' || name === '$group';
}

function runInMingo(source: PipelineSource, stages: Doc[], input: Doc[]): Doc[] {
  const resolved = new Map<string, Doc[]>();
  const aggregator = new Aggregator(stages, {
    context: mingoContext(),
    ...(source.variables ? { variables: toView(source.variables) as Doc } : {}),
    // Carried to the engine's $match/$sort and comparison expressions inside mingo (see collationOfOptions).
    ...(source.collation ? { collation: source.collation.spec as unknown as Options['collation'] } : {}),
    collectionResolver: (name: string) => {
      let docs = resolved.get(name);
      if (!docs) {
        const stored = source.views?.has(name)
          ? source.views.read(name)
          : source.data.collection(source.db, name).all();
        docs = [...stored].map((doc) => toView(doc) as Doc);
        resolved.set(name, docs);
      }
      return docs;
    },
  });
  return aggregator.run<Doc>(input);
}
