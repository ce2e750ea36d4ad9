import { Lazy, type Iterator } from 'mingo/lazy';
import type { Options } from 'mingo/types';
import type { Doc } from '../bson/values.js';
import { collationOfOptions } from './collation.js';
import { compileFilter } from './matcher.js';
import { parseSort, sortDocuments } from './sort.js';

/** `$match` for mingo pipelines with the engine's MongoDB matching semantics. */
export function matchStage(coll: Iterator, expr: unknown, options: Options): Iterator {
  const matcher = compileFilter(expr, { exprOptions: options, collation: collationOfOptions(options) });
  return coll.filter((doc) => matcher(doc as Doc));
}

/** `$sort` for mingo pipelines with MongoDB's cross-type order and array sort keys. */
export function sortStage(coll: Iterator, expr: unknown, options: Options): Iterator {
  const plan = parseSort(expr);
  const collation = collationOfOptions(options);
  return coll.transform((docs) =>
    Lazy(plan ? sortDocuments(docs as Doc[], plan, undefined, undefined, collation) : docs),
  );
}
