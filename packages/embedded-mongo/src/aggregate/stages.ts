import * as pipelineOperators from 'mingo/operators/pipeline';
import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { ErrorCode, fail, notSupported } from '../errors.js';

const SUPPORTED = new Set([...Object.keys(pipelineOperators), '$out', '$merge']);

const UNSUPPORTED = new Set([
  '$geoNear',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$changeStream',
  '$changeStreamSplitLargeEvent',
  '$listSearchIndexes',
  '$shardedDataDistribution',
  '$queryStats',
]);

/** The name of a pipeline stage, validated: one key, a known stage, and one the engine implements. */
export function stageName(stage: unknown): string {
  if (!isPlainObject(stage)) fail(ErrorCode.TypeMismatch, "Each element of the 'pipeline' array must be an object");
  const keys = Object.keys(stage);
  if (keys.length !== 1) fail(40323, 'A pipeline stage specification object must contain exactly one field.');
  const name = keys[0] as string;
  if (UNSUPPORTED.has(name)) notSupported(`the aggregation stage ${name}`);
  if (!SUPPORTED.has(name)) fail(ErrorCode.Location40324, `Unrecognized pipeline stage name: '${name}'`);
  return name;
}

function isWholeNumber(value: unknown): boolean {
  return isNumeric(value) && Number.isInteger(toNumber(value));
}

/**
 * The checks MongoDB makes when it parses a stage, where mingo would run the stage anyway and answer something
 * (an empty `$sort`, `$limit: 0`, an `$unwind` path without '$') or fail with an internal error.
 */
function validateStageSpec(name: string, spec: unknown): void {
  switch (name) {
    case '$limit':
      if (!isWholeNumber(spec) || toNumber(spec) < 0) {
        fail(5107201, 'invalid argument to $limit stage: Expected a non-negative integer');
      }
      if (toNumber(spec) === 0) fail(15958, 'the limit must be positive');
      return;
    case '$sort':
      if (!isPlainObject(spec)) fail(15973, 'the $sort key specification must be an object');
      if (Object.keys(spec).length === 0) fail(15976, '$sort stage must have at least one sort key');
      return;
    case '$project':
      if (!isPlainObject(spec)) fail(15969, '$project specification must be an object');
      if (Object.keys(spec).length === 0) {
        fail(51272, 'Invalid $project :: caused by :: projection specification must have at least one field');
      }
      return;
    case '$addFields':
    case '$set':
      if (!isPlainObject(spec)) fail(40272, `${name} specification stage must be an object, got ${typeof spec}`);
      if (Object.keys(spec).length === 0) {
        fail(40177, `Invalid ${name} :: caused by :: specification must have at least one field`);
      }
      for (const key of Object.keys(spec)) {
        if (key.startsWith('$')) {
          fail(16410, `Invalid ${name} :: caused by :: FieldPath field names may not start with '$'.`);
        }
      }
      return;
    case '$unset':
      if (typeof spec !== 'string' && (!Array.isArray(spec) || spec.length === 0)) {
        fail(31119, '$unset specification must be a string or an array with at least one field');
      }
      return;
    case '$facet':
      if (!isPlainObject(spec) || Object.keys(spec).length === 0) {
        fail(40169, 'the $facet specification must be a non-empty object');
      }
      return;
    case '$lookup':
      if (!isPlainObject(spec)) fail(ErrorCode.FailedToParse, 'the $lookup specification must be an Object');
      if (typeof spec.as !== 'string') fail(ErrorCode.FailedToParse, "must specify 'as' field for a $lookup");
      if (spec.pipeline === undefined && (spec.localField === undefined || spec.foreignField === undefined)) {
        fail(
          ErrorCode.FailedToParse,
          "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified",
        );
      }
      if (spec.from === undefined && spec.pipeline === undefined) {
        fail(ErrorCode.FailedToParse, "must specify 'from' field for a $lookup");
      }
      return;
    case '$group':
      if (!isPlainObject(spec)) fail(15947, "a group's fields must be specified in an object");
      if (!('_id' in spec)) fail(15955, 'a group specification must include an _id');
      for (const key of Object.keys(spec)) {
        if (key.includes('.')) fail(40235, `The field name '${key}' cannot contain '.'`);
      }
      return;
    case '$unwind': {
      const path = isPlainObject(spec) ? spec.path : spec;
      if (typeof path !== 'string') fail(28812, 'no path specified to $unwind stage');
      if (!path.startsWith('$')) {
        fail(28818, `path option to $unwind stage should be prefixed with a '$': ${path}`);
      }
      return;
    }
    case '$count':
      if (typeof spec !== 'string' || spec.length === 0) fail(40156, 'the count field must be a non-empty string');
      if (spec.startsWith('$')) fail(40158, 'the count field cannot be a $-prefixed path');
      if (spec.includes('.')) fail(40160, "the count field cannot contain '.'");
      return;
    case '$sample': {
      const size = isPlainObject(spec) ? spec.size : undefined;
      if (!isPlainObject(spec)) fail(28745, 'the $sample stage specification must be an object');
      if (!isNumeric(size)) fail(28746, 'size argument to $sample must be a number');
      if (toNumber(size) < 0) fail(28747, 'size argument to $sample must not be negative');
      return;
    }
    case '$skip':
      if (!isWholeNumber(spec) || toNumber(spec) < 0) {
        fail(5107200, 'invalid argument to $skip stage: Expected a non-negative integer');
      }
      return;
    default:
      return;
  }
}

/** Validates a pipeline recursively ($facet, $lookup and $unionWith sub-pipelines) and returns it. */
export function validatePipeline(pipeline: unknown, nested = false): Doc[] {
  if (!Array.isArray(pipeline)) fail(ErrorCode.TypeMismatch, "'pipeline' option must be specified as an array");
  pipeline.forEach((stage, i) => {
    const name = stageName(stage);
    const spec = (stage as Doc)[name];
    validateStageSpec(name, spec);
    if ((name === '$out' || name === '$merge') && (nested || i !== pipeline.length - 1)) {
      fail(40601, `${name} can only be the final stage in the pipeline`);
    }
    if (name === '$facet' && isPlainObject(spec)) {
      for (const sub of Object.values(spec)) validatePipeline(sub, true);
    }
    if ((name === '$lookup' || name === '$unionWith') && isPlainObject(spec)) {
      if (isPlainObject(spec.from) || isPlainObject(spec.coll)) notSupported(`${name} from another database`);
      if (spec.pipeline !== undefined) validatePipeline(spec.pipeline, true);
    }
  });
  return pipeline as Doc[];
}
