import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { ObjectId } from 'bson';
import { compareValues } from '../bson/compare.js';
import { toView } from '../bson/normalize.js';
import { ErrorCode, MongoCommandError, notSupported } from '../errors.js';
import { collationOfOptions, compareCollated, type Collation } from './collation.js';
import { dateTrunc, timezoneOffset } from './date-trunc.js';
import { expressionFixes } from './expression-fixes.js';
import { matchStage, sortStage } from './mingo-stages.js';
import { orderedProject } from './project-order.js';

let context: Context | undefined;

function unsupportedExpression(name: string) {
  return () => notSupported(`the ${name} expression`);
}

function toObjectId(obj: unknown, expr: unknown, options: Options): unknown {
  const value = evalExpr(obj, expr, options);
  if (value === null || value === undefined) return null;
  if (value instanceof ObjectId) return value;
  if (typeof value === 'string' && ObjectId.isValid(value) && value.length === 24) return new ObjectId(value);
  throw new MongoCommandError(241, `Failed to parse objectId '${String(value)}' in $convert with no onError value`);
}

// Aggregation comparisons use BSON order, where a missing value sorts before null (mingo treats them alike), and the
// operation's collation for strings.
function compareExpressionValues(a: unknown, b: unknown, collation: Collation | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return collation ? compareCollated(a, b, collation) : compareValues(a, b);
}

function comparisonOperator(test: (c: number) => boolean | number) {
  return (obj: unknown, expr: unknown, options: Options) => {
    const args = evalExpr(obj, expr, options);
    if (!Array.isArray(args) || args.length !== 2) {
      throw new MongoCommandError(16020, 'Expression takes exactly 2 arguments.');
    }
    return test(compareExpressionValues(args[0], args[1], collationOfOptions(options)));
  };
}

/** `$in` compares by the operation's collation when there is one (mingo's own `$in` otherwise). */
function collatedIn(original: (obj: unknown, expr: unknown, options: Options) => unknown) {
  return (obj: unknown, expr: unknown, options: Options) => {
    const collation = collationOfOptions(options);
    if (!collation) return original(obj, expr, options);
    const args = evalExpr(obj, expr, options);
    if (!Array.isArray(args) || args.length !== 2) {
      throw new MongoCommandError(16020, 'Expression $in takes exactly 2 arguments.');
    }
    const [item, list] = args as [unknown, unknown];
    if (!Array.isArray(list)) {
      throw new MongoCommandError(40081, `$in requires an array as a second argument, found: ${typeof list}`);
    }
    return list.some((value) => compareExpressionValues(value, item, collation) === 0);
  };
}

const COMPARISONS = {
  $cmp: comparisonOperator((c) => Math.sign(c)),
  $eq: comparisonOperator((c) => c === 0),
  $ne: comparisonOperator((c) => c !== 0),
  $gt: comparisonOperator((c) => c > 0),
  $gte: comparisonOperator((c) => c >= 0),
  $lt: comparisonOperator((c) => c < 0),
  $lte: comparisonOperator((c) => c <= 0),
};

/** Date parts MongoDB answers as an int (also the pipeline-update typing's business). */
export const DATE_INT_PART_OPERATORS = [
  '$year',
  '$month',
  '$dayOfMonth',
  '$dayOfWeek',
  '$dayOfYear',
  '$hour',
  '$minute',
  '$second',
  '$millisecond',
  '$week',
  '$isoWeek',
  '$isoWeekYear',
  '$isoDayOfWeek',
] as const;

const DATE_PART_OPERATORS = ['$dateToString', '$dateToParts', ...DATE_INT_PART_OPERATORS] as const;

/**
 * mingo only understands `Area/City` names and fixed offsets; MongoDB accepts every IANA zone (UTC, Etc/GMT+5,
 * America/Argentina/Buenos_Aires…). The zone is resolved to the fixed offset in force at the document's date, so
 * the result is what MongoDB gives, DST included.
 */
function withResolvedTimezone(operator: (obj: unknown, expr: unknown, options: Options) => unknown) {
  return (obj: unknown, expr: unknown, options: Options) => {
    if (!expr || typeof expr !== 'object' || Array.isArray(expr) || !('timezone' in expr))
      return operator(obj, expr, options);
    const args = expr as Record<string, unknown>;
    const zone = evalExpr(obj, args.timezone, options);
    const date = evalExpr(obj, args.date, options);
    if (typeof zone !== 'string' || !(date instanceof Date)) return operator(obj, expr, options);
    const offsetMinutes = Math.round(timezoneOffset(zone, date.getTime()) / 60_000);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const absolute = Math.abs(offsetMinutes);
    const fixed = `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
    return operator(obj, { ...args, date, timezone: fixed }, options);
  };
}

/** The mingo operator context: mingo's operators, with MongoDB's `$match`/`$sort` semantics and type order swapped in. */
export function mingoContext(): Context {
  if (!context) {
    const extraExpressions: Record<string, unknown> = {
      ...expressionFixes(
        expressionOperators as Record<string, unknown>,
        accumulatorOperators as Record<string, unknown>,
      ),
      $toObjectId: toObjectId,
      $dateTrunc: dateTrunc,
      $in: collatedIn(expressionOperators.$in as never),
    };
    for (const name of DATE_PART_OPERATORS) {
      const original = (expressionOperators as Record<string, unknown>)[name];
      if (typeof original === 'function') extraExpressions[name] = withResolvedTimezone(original as never);
    }
    for (const name of ['$meta', '$toUUID', '$binarySize', '$bsonSize', '$tsSecond', '$tsIncrement', '$function']) {
      extraExpressions[name] = unsupportedExpression(name);
    }
    context = Context.init({
      accumulator: { ...accumulatorOperators, $accumulator: unsupportedExpression('$accumulator') } as never,
      expression: { ...expressionOperators, ...COMPARISONS, ...extraExpressions } as never,
      pipeline: {
        ...pipelineOperators,
        $match: matchStage,
        $sort: sortStage,
        $project: orderedProject(pipelineOperators.$project as never),
      } as never,
      projection: projectionOperators as never,
      query: queryOperators as never,
      window: windowOperators as never,
    });
  }
  return context;
}

/**
 * Options for mingo with the engine's context and the given variables, built once per query: evaluating with a
 * prebuilt options object avoids mingo copying its whole operator table for every document.
 */
export function computeOptions(variables?: Record<string, unknown>, collation?: Collation): Options {
  if (!variables && !collation && sharedOptions) return sharedOptions;
  captureContext ??= Context.from(mingoContext()).addPipelineOps({
    $capture: ((coll: unknown, _expr: unknown, options: Options) => {
      captured = options;
      return coll;
    }) as never,
  });
  captured = undefined;
  const options: Partial<Options> = { context: captureContext, scriptEnabled: false };
  // mingo reads JS numbers: Long/Double/Decimal128 variables are handed over as their view.
  if (variables) Object.assign(options, { variables: toView(variables) });
  // The comparison expressions find the operation's collation here (see collationOfOptions).
  if (collation) Object.assign(options, { collation: collation.spec });
  new Aggregator([{ $capture: 1 }], options).run([]);
  const result = captured as Options | undefined;
  if (!result) throw new MongoCommandError(ErrorCode.InternalError, 'could not initialise the expression evaluator');
  if (!variables && !collation) sharedOptions = result;
  return result;
}

// Evaluation never mutates these (mingo copies options before binding $$ROOT), so one instance serves every query.
let sharedOptions: Options | undefined;
let captureContext: Context | undefined;
let captured: Options | undefined;

/** Evaluates an aggregation expression against a (view) document. */
export function evaluateExpression(doc: unknown, expr: unknown, options: Options): unknown {
  return evalExpr(doc, expr, options);
}

/** Aggregation truthiness: false, null, missing and numeric zero are false, everything else is true. */
export function isTruthy(value: unknown): boolean {
  return !(value === false || value === null || value === undefined || value === 0);
}
