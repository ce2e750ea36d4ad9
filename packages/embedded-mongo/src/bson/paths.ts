import { isPlainObject } from './values.js';

const splitCache = new Map<string, string[]>();

/** Splits a dotted path once and caches it (paths repeat across every document of a query). */
export function splitPath(path: string): string[] {
  let parts = splitCache.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitCache.size > 10_000) splitCache.clear();
    splitCache.set(path, parts);
  }
  return parts;
}

/** True for path components that address an array element (`a.0.b`). */
export function isArrayIndex(part: string): boolean {
  return part.length > 0 && part.length < 10 && /^\d+$/.test(part);
}

/** Marks an empty array at the end of an indexed path: MongoDB indexes it apart from null. */
export const EMPTY_ARRAY = Symbol('empty-array');

/** Result of walking a path the way MongoDB builds index keys and sort keys. */
export interface PathValues {
  values: unknown[];
  /** True when an array was expanded on the way (the index becomes multikey). */
  multikey: boolean;
}

/**
 * Every value a path reaches, expanding arrays of documents and a final array's elements; a missing field yields
 * `undefined` (indexed like null). Used for index keys (with `EMPTY_ARRAY` for `[]`), sort keys and `distinct`.
 */
export function collectPathValues(doc: unknown, parts: readonly string[]): PathValues {
  const result: PathValues = { values: [], multikey: false };
  walk(doc, parts, 0, result);
  return result;
}

function walk(value: unknown, parts: readonly string[], i: number, out: PathValues): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      out.multikey = true;
      if (value.length === 0) out.values.push(EMPTY_ARRAY);
      else for (const element of value) out.values.push(element);
    } else {
      out.values.push(value);
    }
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(value)) {
    if (isArrayIndex(part)) {
      walk(value[Number(part)], parts, i + 1, out);
      return;
    }
    out.multikey = true;
    if (value.length === 0) out.values.push(undefined);
    for (const element of value) {
      if (isPlainObject(element)) walk(element[part], parts, i + 1, out);
      else out.values.push(undefined);
    }
    return;
  }
  if (isPlainObject(value)) {
    walk(value[part], parts, i + 1, out);
    return;
  }
  out.values.push(undefined);
}
