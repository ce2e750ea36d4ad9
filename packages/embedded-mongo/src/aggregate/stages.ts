import * as pipelineOperators from 'mingo/operators/pipeline';
import { isPlainObject, type Doc } from '../bson/values.js';
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

/** Validates a pipeline recursively ($facet, $lookup and $unionWith sub-pipelines) and returns it. */
export function validatePipeline(pipeline: unknown, nested = false): Doc[] {
  if (!Array.isArray(pipeline)) fail(ErrorCode.TypeMismatch, "'pipeline' option must be specified as an array");
  pipeline.forEach((stage, i) => {
    const name = stageName(stage);
    const spec = (stage as Doc)[name];
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
