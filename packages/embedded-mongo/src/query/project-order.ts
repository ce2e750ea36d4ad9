import type { Iterator } from 'mingo/lazy';
import type { Options } from 'mingo/types';
import { isNumeric, isPlainObject, type Doc } from '../bson/values.js';

type Stage = (coll: Iterator, expr: unknown, options: Options) => Iterator;

interface SpecNode {
  kind: 'include' | 'exclude' | 'computed' | 'tree';
  children: Map<string, SpecNode>;
}

function isOperatorSpec(value: Doc): boolean {
  const first = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$');
}

function leafKind(value: unknown): SpecNode['kind'] {
  if (typeof value === 'boolean') return value ? 'include' : 'exclude';
  if (isNumeric(value)) return Number(value) === 0 ? 'exclude' : 'include';
  return 'computed';
}

/** The projection as a tree of paths in spec order (`{'a.b': 1}` and `{a: {b: 1}}` alike). */
function specTree(spec: Doc, node: SpecNode = { kind: 'tree', children: new Map() }): SpecNode {
  for (const [key, value] of Object.entries(spec)) {
    const parts = key.split('.');
    let level = node;
    for (const part of parts.slice(0, -1)) {
      let child = level.children.get(part);
      if (!child) {
        child = { kind: 'tree', children: new Map() };
        level.children.set(part, child);
      }
      level = child;
    }
    const last = parts[parts.length - 1] as string;
    if (isPlainObject(value) && !isOperatorSpec(value) && Object.keys(value).length > 0) {
      const child = level.children.get(last) ?? { kind: 'tree', children: new Map() };
      level.children.set(last, specTree(value, child));
    } else level.children.set(last, { kind: leafKind(value), children: new Map() });
  }
  return node;
}

function isInclusion(node: SpecNode): boolean {
  for (const [key, child] of node.children) {
    if (child.kind === 'tree' ? isInclusion(child) : child.kind !== 'exclude' && key !== '_id') return true;
  }
  return false;
}

function reorderValue(input: unknown, output: unknown, node: SpecNode): unknown {
  if (node.kind !== 'tree') return output;
  if (isPlainObject(output)) return reorder(input, output, node);
  if (Array.isArray(output)) {
    const inputs = Array.isArray(input) ? input : [];
    return output.map((element, i) => reorderValue(inputs[i], element, node));
  }
  return output;
}

/**
 * MongoDB's order for an inclusion projection: included fields (and sub-documents holding included fields) where they
 * are in the input document, then computed fields (and new sub-documents) in the order of the projection.
 */
function reorder(input: unknown, output: Doc, node: SpecNode, top = false): Doc {
  const out: Doc = {};
  if (isPlainObject(input)) {
    for (const key of Object.keys(input)) {
      if (!(key in output)) continue;
      const child = node.children.get(key);
      const kept = child ? child.kind === 'include' || child.kind === 'tree' : top && key === '_id';
      if (kept) out[key] = child ? reorderValue(input[key], output[key], child) : output[key];
    }
  }
  for (const [key, child] of node.children) {
    if (key in out || !(key in output)) continue;
    out[key] = reorderValue(isPlainObject(input) ? input[key] : undefined, output[key], child);
  }
  for (const key of Object.keys(output)) if (!(key in out)) out[key] = output[key];
  return out;
}

/** Wraps mingo's `$project` (which puts computed fields first and `_id` last) to give MongoDB's field order. */
export function orderedProject(original: Stage): Stage {
  return (coll, expr, options) => {
    if (!isPlainObject(expr)) return original(coll, expr, options);
    const tree = specTree(expr);
    if (!isInclusion(tree)) return original(coll, expr, options);
    // mingo's iterators are pulled one document at a time, through every stage: `current` is this output's input.
    let current: unknown;
    const tapped = coll.map((doc) => {
      current = doc;
      return doc;
    });
    return original(tapped, expr, options).map((out) => (isPlainObject(out) ? reorder(current, out, tree, true) : out));
  };
}
