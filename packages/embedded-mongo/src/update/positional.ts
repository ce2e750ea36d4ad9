import { isPlainObject, type Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { compileFilter, type Matcher } from '../query/matcher.js';

/** Compiled `arrayFilters`: identifier → element test. */
export type ArrayFilters = Map<string, Matcher>;

/** Compiles `arrayFilters` (each filter's top-level fields all start with one identifier). */
export function compileArrayFilters(filters: unknown): ArrayFilters {
  const compiled: ArrayFilters = new Map();
  if (filters === undefined || filters === null) return compiled;
  if (!Array.isArray(filters)) fail(ErrorCode.TypeMismatch, 'arrayFilters must be an array');
  for (const filter of filters) {
    if (!isPlainObject(filter) || Object.keys(filter).length === 0) {
      fail(ErrorCode.FailedToParse, 'Cannot use an expression without a top-level field name in arrayFilters');
    }
    const ids = new Set(
      Object.keys(filter)
        .filter((key) => !key.startsWith('$'))
        .map((key) => key.split('.')[0] as string),
    );
    if (ids.size !== 1) {
      fail(
        ErrorCode.FailedToParse,
        'Error parsing array filter :: caused by :: Expected a single top-level field name',
      );
    }
    const id = [...ids][0] as string;
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
      fail(
        ErrorCode.BadValue,
        `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`,
      );
    }
    if (compiled.has(id))
      fail(ErrorCode.FailedToParse, `Found multiple array filters with the same top-level field name ${id}`);
    compiled.set(id, compileFilter(filter));
  }
  return compiled;
}

/**
 * Expands an update path with positional parts into concrete paths for one document: `$` is the array position the
 * query matched, `$[]` every element, `$[id]` every element passing the array filter `id`.
 */
export function expandPositional(
  doc: Doc,
  parts: readonly string[],
  position: number | undefined,
  arrayFilters: ArrayFilters,
  usedFilters: Set<string>,
): string[][] {
  if (!parts.some((p) => p.startsWith('$'))) return [parts as string[]];
  const results: string[][] = [];
  const walk = (value: unknown, i: number, prefix: string[]) => {
    if (i === parts.length) {
      results.push(prefix);
      return;
    }
    const part = parts[i] as string;
    if (part === '$') {
      if (position === undefined)
        fail(ErrorCode.BadValue, 'The positional operator did not find the match needed from the query.');
      const next = Array.isArray(value) ? value[position] : undefined;
      walk(next, i + 1, [...prefix, String(position)]);
      return;
    }
    if (part.startsWith('$[')) {
      if (!Array.isArray(value)) {
        fail(
          ErrorCode.BadValue,
          `The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`,
        );
      }
      const id = part.slice(2, -1);
      let test: Matcher | undefined;
      if (id !== '') {
        test = arrayFilters.get(id);
        if (!test)
          fail(ErrorCode.BadValue, `No array filter found for identifier '${id}' in path '${parts.join('.')}'`);
        usedFilters.add(id);
      }
      value.forEach((element, index) => {
        if (!test || test({ [id]: element })) walk(element, i + 1, [...prefix, String(index)]);
      });
      return;
    }
    const next = Array.isArray(value) ? value[Number(part)] : isPlainObject(value) ? value[part] : undefined;
    walk(next, i + 1, [...prefix, part]);
  };
  walk(doc, 0, []);
  return results;
}
