import type { Options } from 'mingo/types';
import { isNumeric, isPlainObject, toNumber, type Doc } from '../bson/values.js';
import { toView } from '../bson/normalize.js';
import { ErrorCode, fail, notSupported } from '../errors.js';
import { evaluateTyped } from '../update/typed-expression.js';
import { computeOptions } from './expressions.js';
import { checkProjectionCollation } from '../aggregate/collation-check.js';
import type { Collation } from './collation.js';
import { compileElementTest, type MatchDetails } from './matcher.js';

type Node =
  | { kind: 'include' }
  | { kind: 'exclude' }
  | { kind: 'positional' }
  | { kind: 'slice'; skip: number | undefined; limit: number }
  | { kind: 'elemMatch'; matches: (element: unknown) => boolean }
  | { kind: 'expr'; expr: unknown }
  | { kind: 'tree'; children: Map<string, Node> };

/** A compiled find projection. */
export interface Projection {
  apply(doc: Doc, details?: MatchDetails): Doc;
  /** True when it uses the positional `$` and needs the match position. */
  positional: boolean;
}

function parseSlice(value: unknown): Node {
  if (isNumeric(value)) return { kind: 'slice', skip: undefined, limit: Math.trunc(toNumber(value)) };
  if (Array.isArray(value) && value.length === 2 && value.every(isNumeric)) {
    const limit = Math.trunc(toNumber(value[1]));
    if (limit <= 0) fail(ErrorCode.BadValue, '$slice limit must be positive');
    return { kind: 'slice', skip: Math.trunc(toNumber(value[0])), limit };
  }
  return fail(ErrorCode.BadValue, '$slice only supports numbers and [skip, limit] arrays');
}

function parseValue(value: unknown, variables?: Doc, collation?: Collation): Node {
  if (typeof value === 'boolean') return { kind: value ? 'include' : 'exclude' };
  if (isNumeric(value)) return { kind: toNumber(value) === 0 ? 'exclude' : 'include' };
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$slice') return parseSlice(value.$slice);
    if (keys.length === 1 && keys[0] === '$elemMatch') {
      const options = variables ? { variables, collation } : { collation };
      return { kind: 'elemMatch', matches: compileElementTest(value.$elemMatch, options) };
    }
    if (keys.length === 1 && keys[0] === '$meta') notSupported('the $meta projection');
  }
  return { kind: 'expr', expr: value };
}

function insert(root: Map<string, Node>, path: string, node: Node): void {
  const parts = path.split('.');
  let level = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    let child = level.get(part);
    if (!child) {
      child = { kind: 'tree', children: new Map() };
      level.set(part, child);
    } else if (child.kind !== 'tree') {
      fail(31250, `Path collision at ${path}`);
    }
    level = child.children;
  }
  const last = parts[parts.length - 1] as string;
  if (level.has(last)) fail(31250, `Path collision at ${path}`);
  level.set(last, node);
}

/**
 * Compiles a find projection; undefined when the projection is empty (whole documents are returned). `$elemMatch` and
 * expressions compare strings by the operation's collation.
 */
export function compileProjection(spec: unknown, variables?: Doc, collation?: Collation): Projection | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (collation) checkProjectionCollation(spec);
  if (!isPlainObject(spec)) fail(ErrorCode.BadValue, 'projection must be an object');
  const entries = Object.entries(spec);
  if (entries.length === 0) return undefined;
  const root = new Map<string, Node>();
  let inclusion = false;
  let exclusion = false;
  let positional = false;
  let idNode: Node | undefined;
  for (const [rawPath, value] of entries) {
    let path = rawPath;
    let node = parseValue(value, variables, collation);
    if (path.endsWith('.$')) {
      if (node.kind !== 'include') fail(ErrorCode.BadValue, 'positional projection must be an inclusion');
      path = path.slice(0, -2);
      node = { kind: 'positional' };
      positional = true;
    }
    if (path === '_id') {
      idNode = node;
      if (node.kind === 'exclude') continue;
    }
    if (node.kind === 'exclude' && path !== '_id') {
      if (inclusion) fail(31254, `Cannot do exclusion on field ${path} in inclusion projection`);
      exclusion = true;
    } else if (
      node.kind === 'include' ||
      node.kind === 'positional' ||
      node.kind === 'expr' ||
      node.kind === 'elemMatch'
    ) {
      if (path !== '_id' || node.kind !== 'include') {
        if (exclusion) fail(31253, `Cannot do inclusion on field ${path} in exclusion projection`);
        inclusion = true;
      }
    }
    insert(root, path, node);
  }
  const excludeId = idNode?.kind === 'exclude';
  const hasExpressions = [...walkNodes(root)].some((n) => n.kind === 'expr');
  const exprOptions = hasExpressions ? computeOptions(variables, collation) : undefined;
  const mode: 'include' | 'exclude' = inclusion ? 'include' : 'exclude';
  return {
    positional,
    apply(doc, details) {
      const ctx: ApplyContext = { details, variables, exprOptions, rootView: undefined, doc };
      if (mode === 'include') {
        const out: Doc = {};
        if (!excludeId && doc._id !== undefined && !root.has('_id')) out._id = doc._id;
        includeInto(out, doc, root, ctx);
        return out;
      }
      const out = excludeFrom(doc, root, ctx);
      if (excludeId) delete out._id;
      return out;
    },
  };
}

function* walkNodes(level: Map<string, Node>): Generator<Node> {
  for (const node of level.values()) {
    yield node;
    if (node.kind === 'tree') yield* walkNodes(node.children);
  }
}

interface ApplyContext {
  details: MatchDetails | undefined;
  variables: Doc | undefined;
  exprOptions: Options | undefined;
  rootView: unknown;
  doc: Doc;
}

/** Evaluates a computed field on the stored document: carried values keep their BSON types (a Double stays one). */
function evaluate(node: { expr: unknown }, ctx: ApplyContext): unknown {
  if (ctx.rootView === undefined) ctx.rootView = toView(ctx.doc);
  const scope = {
    root: ctx.doc,
    view: ctx.rootView,
    variables: ctx.variables ?? {},
    options: ctx.exprOptions as Options,
    lenient: true,
  };
  return evaluateTyped(node.expr, scope);
}

function sliceArray(value: unknown[], node: { skip: number | undefined; limit: number }): unknown[] {
  if (node.skip === undefined) return node.limit >= 0 ? value.slice(0, node.limit) : value.slice(node.limit);
  const start = node.skip < 0 ? Math.max(0, value.length + node.skip) : node.skip;
  return value.slice(start, start + node.limit);
}

function applyLeaf(out: Doc, field: string, value: unknown, node: Node, ctx: ApplyContext): void {
  switch (node.kind) {
    case 'include':
      if (value !== undefined) out[field] = value;
      return;
    case 'positional': {
      if (value === undefined) return;
      if (!Array.isArray(value)) {
        out[field] = value;
        return;
      }
      const position = ctx.details?.position;
      if (position === undefined || position >= value.length) {
        fail(
          51246,
          `Executor error during find command :: caused by :: positional operator '${field}.$' couldn't find a matching element in the array`,
        );
      }
      out[field] = [value[position]];
      return;
    }
    case 'slice':
      if (value !== undefined) out[field] = Array.isArray(value) ? sliceArray(value, node) : value;
      return;
    case 'elemMatch': {
      if (!Array.isArray(value)) return;
      const found = value.find((element) => node.matches(element));
      if (found !== undefined) out[field] = [found];
      return;
    }
    case 'expr': {
      // A computed field that evaluates to missing is left out, as in $project.
      const computed = evaluate(node, ctx);
      if (computed !== undefined) out[field] = computed;
      return;
    }
    default:
      return;
  }
}

function includeInto(out: Doc, source: Doc, level: Map<string, Node>, ctx: ApplyContext): void {
  for (const field of Object.keys(source)) {
    const node = level.get(field);
    if (!node) continue;
    const value = source[field];
    if (node.kind === 'tree') {
      const projected = includeNested(value, node.children, ctx);
      if (projected !== undefined) out[field] = projected;
    } else if (node.kind !== 'expr') {
      applyLeaf(out, field, value, node, ctx);
    }
  }
  for (const [field, node] of level) {
    if (node.kind === 'expr') applyLeaf(out, field, undefined, node, ctx);
    else if (node.kind === 'tree' && !(field in source) && hasExpr(node.children)) {
      const nested: Doc = {};
      includeInto(nested, {}, node.children, ctx);
      out[field] = nested;
    }
  }
}

function hasExpr(level: Map<string, Node>): boolean {
  return [...walkNodes(level)].some((n) => n.kind === 'expr');
}

function includeNested(value: unknown, level: Map<string, Node>, ctx: ApplyContext): unknown {
  if (Array.isArray(value)) {
    return value.filter((e) => isPlainObject(e) || Array.isArray(e)).map((e) => includeNested(e, level, ctx));
  }
  if (!isPlainObject(value)) return hasExpr(level) ? includeNested({}, level, ctx) : undefined;
  const out: Doc = {};
  includeInto(out, value, level, ctx);
  return out;
}

function excludeFrom(source: Doc, level: Map<string, Node>, ctx: ApplyContext): Doc {
  const out: Doc = {};
  for (const field of Object.keys(source)) {
    const node = level.get(field);
    const value = source[field];
    if (!node) out[field] = value;
    else if (node.kind === 'tree') out[field] = excludeNested(value, node.children, ctx);
    else if (node.kind !== 'exclude') applyLeaf(out, field, value, node, ctx);
  }
  return out;
}

function excludeNested(value: unknown, level: Map<string, Node>, ctx: ApplyContext): unknown {
  if (Array.isArray(value)) return value.map((e) => excludeNested(e, level, ctx));
  if (!isPlainObject(value)) return value;
  return excludeFrom(value, level, ctx);
}
