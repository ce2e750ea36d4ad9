import { Aggregator } from 'mingo/aggregator';
import { toView } from '../bson/normalize.js';
import { isPlainObject, type Doc } from '../bson/values.js';
import type { DataAccess } from '../data/access.js';
import { compileFilter } from '../query/matcher.js';
import { mingoContext } from '../query/expressions.js';
import { planCandidates, planQuery } from '../query/planner.js';

/** Where an aggregation reads from. */
export interface PipelineSource {
  data: DataAccess;
  db: string;
  /** Collection name, or undefined for database-level aggregations (`aggregate: 1`). */
  collection: string | undefined;
  variables?: Doc;
  hint?: unknown;
}

/**
 * Runs a pipeline (without `$out`/`$merge`). A leading `$match` is answered with the query planner on the stored
 * documents (so `_id`/index equality does not scan); the rest runs in mingo on copies of the matching documents,
 * with the engine's `$match`/`$sort` semantics and a `$lookup` resolver that sees the same snapshot.
 */
export function runPipeline(source: PipelineSource, pipeline: Doc[]): Doc[] {
  let stages = pipeline;
  let input: Doc[] = [];
  if (source.collection !== undefined) {
    const access = source.data.collection(source.db, source.collection);
    const first = stages[0];
    const filter = first && isPlainObject(first.$match) ? first.$match : undefined;
    if (filter) stages = stages.slice(1);
    const matcher = compileFilter(filter, source.variables ? { variables: source.variables } : {});
    for (const doc of planCandidates(planQuery(filter, access, source.hint), access)) {
      if (matcher(doc)) input.push(toView(doc) as Doc);
    }
  } else {
    input = [];
  }
  if (stages.length === 0) return input;
  const resolved = new Map<string, Doc[]>();
  const aggregator = new Aggregator(stages, {
    context: mingoContext(),
    ...(source.variables ? { variables: source.variables } : {}),
    collectionResolver: (name: string) => {
      let docs = resolved.get(name);
      if (!docs) {
        docs = [...source.data.collection(source.db, name).all()].map((doc) => toView(doc) as Doc);
        resolved.set(name, docs);
      }
      return docs;
    },
  });
  return aggregator.run<Doc>(input);
}
