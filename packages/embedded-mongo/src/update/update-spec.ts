import { ObjectId } from 'bson';
import { identical } from '../bson/compare.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { isOperatorObject } from '../query/matcher.js';
import { applyOperators, validateOperatorUpdate, type UpdateContext } from './apply-operators.js';
import { DocWriter } from './doc-paths.js';
import { runUpdatePipeline } from './pipeline-update.js';
import { compileArrayFilters } from './positional.js';

/** A parsed update: operators, a replacement document, or an aggregation pipeline. */
export type UpdateSpec =
  | { kind: 'operators'; update: Doc; arrayFilters: ReturnType<typeof compileArrayFilters> }
  | { kind: 'replacement'; replacement: Doc }
  | { kind: 'pipeline'; pipeline: Doc[]; variables: Doc | undefined };

const PIPELINE_UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/** Parses the `u` of an update statement (or `update` of findAndModify). */
export function parseUpdate(u: unknown, arrayFilters: unknown, variables?: Doc): UpdateSpec {
  if (Array.isArray(u)) {
    for (const stage of u) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_UPDATE_STAGES.has(name)) {
        fail(ErrorCode.InvalidOptions, `${name ?? 'stage'} is not allowed to be used within an update`);
      }
    }
    if (arrayFilters !== undefined)
      fail(ErrorCode.FailedToParse, 'arrayFilters may not be specified for pipeline-style updates');
    return { kind: 'pipeline', pipeline: u as Doc[], variables };
  }
  if (!isPlainObject(u)) fail(ErrorCode.FailedToParse, 'Update argument must be either an object or an array');
  if (isOperatorObject(u) || Object.keys(u).some((k) => k.startsWith('$'))) {
    validateOperatorUpdate(u);
    return { kind: 'operators', update: u, arrayFilters: compileArrayFilters(arrayFilters) };
  }
  if (arrayFilters !== undefined && Array.isArray(arrayFilters) && arrayFilters.length > 0) {
    fail(ErrorCode.FailedToParse, 'arrayFilters may not be specified for replacement-style updates');
  }
  return { kind: 'replacement', replacement: u };
}

/** Puts `_id` first, as MongoDB stores it. */
export function withIdFirst(doc: Doc, id: unknown): Doc {
  const out: Doc = { _id: id };
  for (const [key, value] of Object.entries(doc)) if (key !== '_id') out[key] = value;
  return out;
}

/** Applies a parsed update to a stored document; returns the new version. */
export function applyUpdate(original: Doc, spec: UpdateSpec, ctx: Omit<UpdateContext, 'arrayFilters'>): Doc {
  switch (spec.kind) {
    case 'operators':
      return applyOperators(original, spec.update, { ...ctx, arrayFilters: spec.arrayFilters });
    case 'replacement': {
      if (
        spec.replacement._id !== undefined &&
        original._id !== undefined &&
        !identical(spec.replacement._id, original._id)
      ) {
        fail(
          ErrorCode.ImmutableField,
          `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${String(spec.replacement._id)}`,
        );
      }
      return withIdFirst(spec.replacement, original._id !== undefined ? original._id : spec.replacement._id);
    }
    case 'pipeline':
      return applyPipeline(original, spec);
  }
}

function applyPipeline(original: Doc, spec: Extract<UpdateSpec, { kind: 'pipeline' }>): Doc {
  const out = runUpdatePipeline(original, spec.pipeline, spec.variables);
  // A result without `_id` ($replaceWith, $project, $unset of it) keeps the original one, as in MongoDB.
  if (original._id !== undefined && out._id !== undefined && !identical(original._id, out._id)) {
    fail(ErrorCode.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return withIdFirst(out, original._id !== undefined ? original._id : out._id);
}

/** The equality fields of a query, as the starting document of an upsert. */
export function upsertSeed(filter: Doc | undefined): Doc {
  const writer = new DocWriter({});
  const visit = (clause: Doc) => {
    for (const [field, condition] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const c of condition) if (isPlainObject(c)) visit(c);
      } else if (!field.startsWith('$')) {
        if (!isOperatorObject(condition)) writer.set(field.split('.'), condition);
        else if ('$eq' in condition) writer.set(field.split('.'), condition.$eq);
      }
    }
  };
  if (filter) visit(filter);
  return writer.root;
}

/** Builds the document an upsert inserts: query equalities + update (with `$setOnInsert`), `_id` first. */
export function buildUpsertDocument(filter: Doc | undefined, spec: UpdateSpec, now: Date): Doc {
  const seed = upsertSeed(filter);
  let doc: Doc;
  if (spec.kind === 'replacement') {
    doc = { ...spec.replacement };
    if (doc._id === undefined && seed._id !== undefined) doc._id = seed._id;
  } else if (spec.kind === 'pipeline') {
    doc = applyPipeline(seed, spec);
  } else {
    doc = applyOperators(seed, spec.update, { arrayFilters: spec.arrayFilters, isInsert: true, now });
  }
  // `_id: null` from the filter or the update is kept: only a missing `_id` gets a fresh ObjectId.
  return withIdFirst(doc, doc._id === undefined ? new ObjectId() : doc._id);
}
