import type { Double } from 'bson';
import { buildRegex } from '../query/regex.js';
import { bsonTag, isInt32Number, type Doc } from './values.js';

/**
 * Turns a `promoteValues: false, bsonRegExp: true` decode into the engine's representation: Int32 becomes a JS
 * number; a Double stays a `Double` only when a JS number would re-encode as Int32 (integral, in range, or -0), so
 * `5.0` survives a round trip; regexes become JS RegExps with MongoDB's options applied; Long, Decimal128 and every
 * other bson class are kept as they are.
 */
export function normalizeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalizeValue(value[i]);
    return value;
  }
  const tag = bsonTag(value);
  if (tag === undefined) {
    if (value instanceof Date || value instanceof RegExp) return value;
    const doc = value as Doc;
    for (const key of Object.keys(doc)) {
      const v = doc[key];
      if (v !== null && typeof v === 'object') doc[key] = normalizeValue(v);
    }
    return doc;
  }
  if (tag === 'Int32') return (value as { value: number }).value;
  // Decoded with bsonRegExp: bson's own RegExp conversion silently drops MongoDB options such as `x`.
  if (tag === 'BSONRegExp') {
    const re = value as unknown as { pattern: string; options: string };
    return buildRegex(re.pattern, re.options);
  }
  if (tag === 'Double') {
    const n = (value as Double).value;
    return isInt32Number(n) || Object.is(n, -0) ? value : n;
  }
  return value;
}

/** Normalizes a decoded document in place and returns it. */
export function normalizeDoc(doc: Doc): Doc {
  return normalizeValue(doc) as Doc;
}

/**
 * A deep copy for mingo: numeric wrappers become JS numbers (Long/Decimal128 lossy beyond 2^53), everything else is
 * copied so that mingo, which mutates its inputs, never touches a stored document.
 */
export function toView(value: unknown): unknown {
  const view = viewOf(value);
  if (view !== value && isDocument(value)) viewSources.set(view as object, value as Doc);
  return view;
}

// The typed document each view of a whole document was made from, for operators whose answer depends on BSON types.
const viewSources = new WeakMap<object, Doc>();

/** The typed document a view was made from by `toView` (undefined for anything else). */
export function viewSource(view: unknown): Doc | undefined {
  return view !== null && typeof view === 'object' ? viewSources.get(view) : undefined;
}

function isDocument(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && bsonTag(value) === undefined;
}

function viewOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(viewOf);
  const tag = bsonTag(value);
  if (tag === undefined) {
    if (value instanceof Date) return new Date(value.getTime());
    if (value instanceof RegExp) return value;
    const out: Doc = {};
    for (const key of Object.keys(value)) out[key] = viewOf((value as Doc)[key]);
    return out;
  }
  switch (tag) {
    case 'Double':
    case 'Int32':
      return (value as { value: number }).value;
    case 'Long':
      return (value as { toNumber(): number }).toNumber();
    case 'Decimal128':
      return Number.parseFloat(String(value));
    default:
      return value;
  }
}
