import type { Options } from 'mingo/types';
import { isArrayIndex, splitPath } from '../bson/paths.js';
import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { toView } from '../bson/normalize.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { computeOptions, evaluateExpression, isTruthy } from './expressions.js';
import type { Collation } from './collation.js';
import { compileTypeTest } from './type-test.js';
import {
  bitsTest,
  comparisonTest,
  equalityTest,
  inTest,
  isOperatorObject,
  modTest,
  regexTest,
  type ValueTest,
} from './value-tests.js';

export { isOperatorObject };
import { regexMatches, toRegex } from './regex.js';

/** Filled in by a match: the array position the positional `$` operator refers to. */
export interface MatchDetails {
  position?: number;
}

/** A compiled filter. */
export type Matcher = (doc: Doc, details?: MatchDetails) => boolean;

export interface MatcherOptions {
  /** `let` variables for `$expr`. */
  variables?: Record<string, unknown>;
  /** mingo options to evaluate `$expr` with (inside an aggregation, carries `$lookup` variables). */
  exprOptions?: Options;
  /** The operation's collation (undefined: simple): string comparisons follow it, `$regex` does not. */
  collation?: Collation;
}

type LeafVisitor = (leaf: unknown, missing: boolean, position: number | undefined) => boolean;

const UNSUPPORTED_QUERY_OPERATORS = new Set([
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$within',
  '$box',
  '$center',
  '$centerSphere',
  '$polygon',
  '$geometry',
  '$maxDistance',
  '$minDistance',
  '$text',
  '$where',
  '$jsonSchema',
  '$sampleRate',
]);

const MATCH_ALL: Matcher = () => true;

/** Compiles a MongoDB query filter into a predicate with MongoDB's matching semantics. */
export function compileFilter(filter: unknown, options: MatcherOptions = {}): Matcher {
  if (filter === undefined || filter === null) return MATCH_ALL;
  if (!isPlainObject(filter)) fail(ErrorCode.BadValue, 'query filter must be an object');
  const clauses: Matcher[] = [];
  for (const key of Object.keys(filter)) {
    const condition = filter[key];
    if (key.startsWith('$')) {
      const clause = compileTopLevel(key, condition, options);
      if (clause) clauses.push(clause);
    } else {
      clauses.push(compileField(key, condition, options));
    }
  }
  return combineAll(clauses);
}

function combineAll(clauses: Matcher[]): Matcher {
  if (clauses.length === 0) return MATCH_ALL;
  if (clauses.length === 1) return clauses[0] as Matcher;
  if (clauses.length === 2) {
    const [a, b] = clauses as [Matcher, Matcher];
    return (doc, details) => a(doc, details) && b(doc, details);
  }
  return (doc, details) => {
    for (const clause of clauses) if (!clause(doc, details)) return false;
    return true;
  };
}

function compileTopLevel(key: string, condition: unknown, options: MatcherOptions): Matcher | undefined {
  switch (key) {
    case '$and':
    case '$or':
    case '$nor': {
      if (!Array.isArray(condition) || condition.length === 0) {
        fail(ErrorCode.BadValue, `${key} must be a nonempty array`);
      }
      const parts = condition.map((c) => {
        if (!isPlainObject(c)) fail(ErrorCode.BadValue, `$or/$and/$nor entries need to be full objects`);
        return compileFilter(c, options);
      });
      if (key === '$and') return combineAll(parts);
      if (key === '$or') return (doc, details) => parts.some((p) => p(doc, details));
      return (doc) => !parts.some((p) => p(doc));
    }
    case '$expr':
      return compileExpr(condition, options);
    case '$comment':
      return undefined;
    case '$alwaysTrue':
      return MATCH_ALL;
    case '$alwaysFalse':
      return () => false;
    default:
      if (UNSUPPORTED_QUERY_OPERATORS.has(key)) notSupported(`the ${key} query operator`);
      return fail(ErrorCode.BadValue, `unknown top level operator: ${key}`);
  }
}

function compileExpr(expr: unknown, options: MatcherOptions): Matcher {
  const exprOptions = options.exprOptions ?? computeOptions(options.variables, options.collation);
  return (doc) => isTruthy(evaluateExpression(toView(doc), expr, exprOptions));
}

function compileField(path: string, condition: unknown, options: MatcherOptions): Matcher {
  const parts = splitPath(path);
  if (isOperatorObject(condition)) return compileOperators(parts, condition, options);
  return anyValueMatcher(parts, equalityTest(condition, options.collation));
}

/** Visits every leaf a path reaches in a document, expanding arrays of documents along the way. */
function visitLeaves(value: unknown, parts: readonly string[], i: number, pos: number | undefined, visit: LeafVisitor) {
  if (i === parts.length) return visit(value, value === undefined, pos);
  const part = parts[i] as string;
  if (Array.isArray(value)) {
    if (isArrayIndex(part)) return visitLeaves(value[Number(part)], parts, i + 1, pos, visit);
    if (value.length === 0) return visit(undefined, true, pos);
    for (let j = 0; j < value.length; j++) {
      const element = value[j];
      const found = isPlainObject(element)
        ? visitLeaves(element[part], parts, i + 1, pos ?? j, visit)
        : visit(undefined, true, pos ?? j);
      if (found) return true;
    }
    return false;
  }
  if (isPlainObject(value)) return visitLeaves(value[part], parts, i + 1, pos, visit);
  return visit(undefined, true, pos);
}

/** A matcher that is true when the test holds for a leaf value or, if the leaf is an array, one of its elements. */
function anyValueMatcher(parts: readonly string[], test: ValueTest): Matcher {
  if (parts.length === 1) {
    const field = parts[0] as string;
    return (doc, details) => {
      const value = doc[field];
      if (test(value, value === undefined)) return true;
      if (!Array.isArray(value)) return false;
      for (let j = 0; j < value.length; j++) {
        if (test(value[j], false)) {
          if (details && details.position === undefined) details.position = j;
          return true;
        }
      }
      return false;
    };
  }
  return (doc, details) =>
    visitLeaves(doc, parts, 0, undefined, (leaf, missing, pos) => {
      let matchedAt: number | undefined;
      if (test(leaf, missing)) matchedAt = pos;
      else if (Array.isArray(leaf)) {
        const j = leaf.findIndex((element) => test(element, false));
        if (j < 0) return false;
        matchedAt = pos ?? j;
      } else return false;
      if (details && details.position === undefined && matchedAt !== undefined) details.position = matchedAt;
      return true;
    });
}

/** A matcher over the leaf itself, without expanding a final array ($size, $elemMatch, $exists). */
function leafMatcher(
  parts: readonly string[],
  test: (leaf: unknown, missing: boolean, details?: MatchDetails) => boolean,
) {
  return (doc: Doc, details?: MatchDetails) =>
    visitLeaves(doc, parts, 0, undefined, (leaf, missing, pos) => {
      const inner: MatchDetails = {};
      if (!test(leaf, missing, inner)) return false;
      const position = pos ?? inner.position;
      if (details && details.position === undefined && position !== undefined) details.position = position;
      return true;
    });
}

function sizeMatcher(parts: readonly string[], operand: unknown): Matcher {
  if (!isNumeric(operand) || !Number.isInteger(toNumber(operand))) {
    fail(ErrorCode.BadValue, '$size needs a number');
  }
  const size = toNumber(operand);
  if (size < 0) fail(ErrorCode.BadValue, '$size may not be negative');
  return leafMatcher(parts, (leaf) => Array.isArray(leaf) && leaf.length === size);
}

/** The element test of `$elemMatch`: operator form tests the element as a value, field form tests it as a document. */
export function compileElementTest(operand: unknown, options: MatcherOptions = {}): (element: unknown) => boolean {
  if (!isPlainObject(operand)) fail(ErrorCode.BadValue, '$elemMatch needs an Object');
  const first = Object.keys(operand)[0];
  const valueMode = first !== undefined && first.startsWith('$') && !['$and', '$or', '$nor', '$expr'].includes(first);
  if (valueMode) {
    const m = compileOperators(['v'], operand, options);
    return (element: unknown) => m({ v: element });
  }
  const m = compileFilter(operand, options);
  return (element: unknown) => isPlainObject(element) && m(element);
}

function elemMatchTest(operand: unknown, options: MatcherOptions) {
  const test = compileElementTest(operand, options);
  return (leaf: unknown, _missing: boolean, details?: MatchDetails) => {
    if (!Array.isArray(leaf)) return false;
    for (let j = 0; j < leaf.length; j++) {
      if (test(leaf[j])) {
        if (details) details.position = j;
        return true;
      }
    }
    return false;
  };
}

function allMatcher(parts: readonly string[], operand: unknown, options: MatcherOptions): Matcher {
  if (!Array.isArray(operand)) fail(ErrorCode.BadValue, '$all needs an array');
  if (operand.length === 0) return () => false;
  const clauses = operand.map((item) => {
    if (isPlainObject(item) && '$elemMatch' in item) return leafMatcher(parts, elemMatchTest(item.$elemMatch, options));
    if (isOperatorObject(item)) fail(ErrorCode.BadValue, 'no $ expressions in $all');
    return anyValueMatcher(parts, equalityTest(item, options.collation));
  });
  return combineAll(clauses);
}

function notMatcher(parts: readonly string[], operand: unknown, options: MatcherOptions): Matcher {
  const re = toRegex(operand);
  if (re) {
    const positive = anyValueMatcher(parts, (value) => regexMatches(re, value));
    return (doc) => !positive(doc);
  }
  if (!isPlainObject(operand)) fail(ErrorCode.BadValue, '$not needs a regex or a document');
  if (Object.keys(operand).length === 0) fail(ErrorCode.BadValue, '$not cannot be empty');
  if (!isOperatorObject(operand)) fail(ErrorCode.BadValue, '$not needs a regex or a document of operators');
  const positive = compileOperators(parts, operand, options);
  return (doc) => !positive(doc);
}

/** Compiles `{ $op: operand, ... }` applied to one path; every operator must hold (each on any candidate value). */
function compileOperators(parts: readonly string[], condition: Doc, options: MatcherOptions): Matcher {
  const clauses: Matcher[] = [];
  for (const [op, operand] of Object.entries(condition)) {
    switch (op) {
      case '$eq':
        clauses.push(anyValueMatcher(parts, equalityTest(operand, options.collation)));
        break;
      case '$ne': {
        const positive = anyValueMatcher(parts, equalityTest(operand, options.collation));
        clauses.push((doc) => !positive(doc));
        break;
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        clauses.push(anyValueMatcher(parts, comparisonTest(op, operand, options.collation)));
        break;
      case '$in':
        clauses.push(anyValueMatcher(parts, inTest(operand, op, options.collation)));
        break;
      case '$nin': {
        const positive = anyValueMatcher(parts, inTest(operand, op, options.collation));
        clauses.push((doc) => !positive(doc));
        break;
      }
      case '$exists': {
        const positive = leafMatcher(parts, (_leaf, missing) => !missing);
        clauses.push(isTruthy(operand) ? positive : (doc) => !positive(doc));
        break;
      }
      case '$type':
        clauses.push(anyValueMatcher(parts, compileTypeTest(operand)));
        break;
      case '$size':
        clauses.push(sizeMatcher(parts, operand));
        break;
      case '$elemMatch':
        clauses.push(leafMatcher(parts, elemMatchTest(operand, options)));
        break;
      case '$all':
        clauses.push(allMatcher(parts, operand, options));
        break;
      case '$regex':
        clauses.push(anyValueMatcher(parts, regexTest(condition)));
        break;
      case '$options':
        if (!('$regex' in condition)) fail(ErrorCode.BadValue, '$options needs a $regex');
        break;
      case '$not':
        clauses.push(notMatcher(parts, operand, options));
        break;
      case '$mod':
        clauses.push(anyValueMatcher(parts, modTest(operand)));
        break;
      case '$bitsAllSet':
      case '$bitsAnySet':
      case '$bitsAllClear':
      case '$bitsAnyClear':
        clauses.push(anyValueMatcher(parts, bitsTest(op, operand)));
        break;
      default:
        // `$comment` is a top-level query operator only: beside a field MongoDB rejects it like any unknown operator.
        if (UNSUPPORTED_QUERY_OPERATORS.has(op)) notSupported(`the ${op} query operator`);
        fail(ErrorCode.BadValue, `unknown operator: ${op}`);
    }
  }
  return combineAll(clauses);
}
