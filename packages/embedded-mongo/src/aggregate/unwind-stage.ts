import { Long } from 'bson';
import { isPlainObject, type Doc } from '../bson/values.js';
import { DocWriter } from '../update/doc-paths.js';

/** The value at a path of embedded documents ($unwind does not traverse arrays on the way). */
function valueAt(doc: Doc, parts: readonly string[]): unknown {
  let current: unknown = doc;
  for (const part of parts) {
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

function withValues(doc: Doc, parts: string[], value: unknown, indexParts: string[] | undefined, index: unknown) {
  const writer = new DocWriter(doc);
  if (value === undefined) writer.unset(parts);
  else writer.set(parts, value);
  if (indexParts) writer.set(indexParts, index);
  return writer.root;
}

/**
 * `$unwind` run natively on typed documents (copy-on-write), so the unwound values keep their BSON types; undefined
 * for a specification mingo should handle (and reject).
 */
export function compileUnwind(spec: unknown): ((docs: Doc[]) => Doc[]) | undefined {
  const options = isPlainObject(spec) ? spec : { path: spec };
  const { path, includeArrayIndex, preserveNullAndEmptyArrays } = options;
  if (typeof path !== 'string' || !path.startsWith('$') || path.startsWith('$$')) return undefined;
  if (includeArrayIndex !== undefined && (typeof includeArrayIndex !== 'string' || includeArrayIndex.startsWith('$')))
    return undefined;
  if (preserveNullAndEmptyArrays !== undefined && typeof preserveNullAndEmptyArrays !== 'boolean') return undefined;
  const parts = path.slice(1).split('.');
  const indexParts = includeArrayIndex ? includeArrayIndex.split('.') : undefined;
  const preserve = preserveNullAndEmptyArrays === true;
  return (docs) => {
    const out: Doc[] = [];
    for (const doc of docs) {
      const value = valueAt(doc, parts);
      if (Array.isArray(value) && value.length > 0) {
        value.forEach((element, i) => out.push(withValues(doc, parts, element, indexParts, Long.fromNumber(i))));
      } else if (Array.isArray(value) || value === null || value === undefined) {
        // An empty array is removed from the preserved document; null stays null, missing stays missing.
        if (preserve) out.push(withValues(doc, parts, Array.isArray(value) ? undefined : value, indexParts, null));
      } else out.push(indexParts ? withValues(doc, parts, value, indexParts, null) : doc);
    }
    return out;
  };
}
