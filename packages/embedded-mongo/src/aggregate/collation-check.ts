import { isPlainObject, type Doc } from '../bson/values.js';
import { notSupported } from '../errors.js';

/**
 * What an aggregation may use under a non-simple collation. `$match`, `$sort`, the comparison expressions (`$eq`,
 * `$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$cmp`, `$in`), the native `$group` (keys, `$min`, `$max`, `$addToSet`) and the native
 * `$lookup` follow the collation; the operators and stages below would compare strings binary (mingo's own), so they
 * are refused by name rather than answered differently.
 */
const UNCOLLATED_EXPRESSIONS = new Set([
  '$indexOfArray',
  '$setEquals',
  '$setIntersection',
  '$setUnion',
  '$setDifference',
  '$setIsSubset',
  '$max',
  '$min',
  '$maxN',
  '$minN',
  '$top',
  '$topN',
  '$bottom',
  '$bottomN',
  '$sortArray',
  '$addToSet',
]);

/** The comparison expressions: collated in aggregations, not in pipeline updates (typed evaluation). */
const COMPARISONS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$cmp', '$in']);

/** Stages that only reshape documents or run their sub-pipelines through stages checked here. */
const NESTED_STAGES = new Set([
  '$match',
  '$sort',
  '$skip',
  '$limit',
  '$count',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$unwind',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$redact',
  '$facet',
  '$unionWith',
  '$lookup',
  '$documents',
]);

/** At the top level the engine also runs `$group` and `$lookup` natively (with the collation), and writes `$out`. */
const TOP_LEVEL_STAGES = new Set([...NESTED_STAGES, '$group', '$out']);

/** The first operator in an expression that compares without the collation, if any. */
function uncollatedIn(expr: unknown, comparisons: boolean): string | undefined {
  if (Array.isArray(expr)) {
    for (const item of expr) {
      const found = uncollatedIn(item, comparisons);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(expr)) return undefined;
  for (const [key, value] of Object.entries(expr)) {
    if (key === '$literal') continue;
    if (UNCOLLATED_EXPRESSIONS.has(key) || (comparisons && COMPARISONS.has(key))) return key;
    const found = uncollatedIn(value, comparisons);
    if (found) return found;
  }
  return undefined;
}

/** The `$expr` parts of a query filter, checked as expressions (query operators follow the collation). */
function uncollatedInQuery(filter: unknown): string | undefined {
  if (Array.isArray(filter)) {
    for (const item of filter) {
      const found = uncollatedInQuery(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(filter)) return undefined;
  for (const [key, value] of Object.entries(filter)) {
    const found = key === '$expr' ? uncollatedIn(value, false) : uncollatedInQuery(value);
    if (found) return found;
  }
  return undefined;
}

function refuse(what: string): never {
  return notSupported(`${what} with a non-simple collation`);
}

/** Fails with 238 naming the first stage or operator of `pipeline` that would ignore the operation's collation. */
export function checkPipelineCollation(pipeline: readonly Doc[], nested = false): void {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] as string;
    const spec = stage[name];
    if (!(nested ? NESTED_STAGES : TOP_LEVEL_STAGES).has(name)) {
      refuse(
        nested && name === '$group' ? 'the stage $group inside $facet, $lookup or $unionWith' : `the stage ${name}`,
      );
    }
    let found: string | undefined;
    if (name === '$match') found = uncollatedInQuery(spec);
    else if (name === '$group' && isPlainObject(spec)) {
      found = uncollatedIn(spec._id, false);
      for (const [field, accumulator] of Object.entries(spec)) {
        if (found || field === '_id') continue;
        // The accumulator itself runs natively (checked when the stage is compiled); its argument is an expression.
        found = isPlainObject(accumulator) ? uncollatedIn(Object.values(accumulator), false) : undefined;
      }
    } else if (name === '$facet' && isPlainObject(spec)) {
      for (const sub of Object.values(spec)) if (Array.isArray(sub)) checkPipelineCollation(sub as Doc[], true);
    } else if ((name === '$lookup' || name === '$unionWith') && isPlainObject(spec)) {
      if (name === '$lookup' && spec.pipeline !== undefined && spec.localField !== undefined) {
        refuse('$lookup with both localField and a pipeline');
      }
      if (Array.isArray(spec.pipeline)) checkPipelineCollation(spec.pipeline as Doc[], true);
      if (name === '$lookup' && spec.pipeline === undefined && nested)
        refuse('$lookup on localField inside a sub-pipeline');
      found = uncollatedIn(spec.let, false);
    } else if (name !== '$sort' && name !== '$skip' && name !== '$limit' && name !== '$count' && name !== '$out') {
      found = uncollatedIn(spec, false);
    }
    if (found) refuse(`the ${found} expression`);
  }
}

/**
 * Fails with 238 when a stage reads a view under a non-simple collation: the view's pipeline runs with its own
 * (simple) collation, which MongoDB refuses to mix with another.
 */
export function checkViewsUnderCollation(pipeline: readonly Doc[], isView: (name: string) => boolean): void {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] as string;
    const spec = stage[name];
    const from = isPlainObject(spec) ? (name === '$unionWith' ? spec.coll : spec.from) : spec;
    if ((name === '$lookup' || name === '$unionWith') && typeof from === 'string' && isView(from)) {
      refuse(`${name} from the view '${from}'`);
    }
    if (!isPlainObject(spec)) continue;
    if (Array.isArray(spec.pipeline)) checkViewsUnderCollation(spec.pipeline as Doc[], isView);
    if (name === '$facet') {
      for (const sub of Object.values(spec)) if (Array.isArray(sub)) checkViewsUnderCollation(sub as Doc[], isView);
    }
  }
}

/** Fails with 238 naming an operator of a find projection that would compare strings without the collation. */
export function checkProjectionCollation(projection: unknown): void {
  const found = uncollatedIn(projection, false);
  if (found) refuse(`the ${found} expression in a projection`);
}

/** The first operator of a pipeline update that would compare strings without the collation, if any. */
export function comparingExpressionOperator(pipeline: readonly unknown[]): string | undefined {
  return uncollatedIn(pipeline, true);
}
