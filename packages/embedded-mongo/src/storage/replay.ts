import { canonicalKey } from '../bson/canonical-key.js';
import type { Doc } from '../bson/values.js';
import type { Catalog } from './catalog.js';
import { Collection, splitNamespace } from './catalog.js';
import { changeIndexOptions, parseIndexSpec } from './index-spec.js';
import type { JournalOp } from './journal-format.js';

function ensureCollection(catalog: Catalog, ns: string, options: Doc = {}): Collection {
  const { db, name } = splitNamespace(ns);
  return catalog.get(db, name) ?? catalog.add(new Collection(db, name, options));
}

/**
 * Applies one journal operation to the catalog. Idempotent and trusting: applying a suffix of operations twice gives
 * the same state, and uniqueness is not re-checked (the log only holds changes that passed the checks).
 */
export function applyJournalOp(catalog: Catalog, op: JournalOp): void {
  switch (op.o) {
    case 'h':
      return;
    case 'c':
      ensureCollection(catalog, op.ns, op.opts);
      return;
    case 'x': {
      const { db, name } = splitNamespace(op.ns);
      catalog.remove(db, name);
      return;
    }
    case 'ci': {
      const data = ensureCollection(catalog, op.ns).data;
      const spec = parseIndexSpec(op.spec);
      if (!data.findIndex(spec.name)) data.addIndex(spec, op.ns, false);
      return;
    }
    case 'mi': {
      const { db, name } = splitNamespace(op.ns);
      const next = parseIndexSpec(op.spec);
      const index = catalog.get(db, name)?.data.findIndex(next.name);
      if (index) changeIndexOptions(index.spec, next);
      return;
    }
    case 'di':
      catalog.get(splitNamespace(op.ns).db, splitNamespace(op.ns).name)?.data.dropIndex(op.name);
      return;
    case 'r': {
      const from = splitNamespace(op.ns);
      const to = splitNamespace(op.to);
      const collection = catalog.remove(from.db, from.name);
      if (!collection) return;
      catalog.remove(to.db, to.name);
      catalog.add(new Collection(to.db, to.name, collection.options, collection.data));
      return;
    }
    case 'p':
      ensureCollection(catalog, op.ns).data.put(op.d, op.ns, false);
      return;
    case 'pb': {
      const data = ensureCollection(catalog, op.ns).data;
      for (const doc of op.docs) data.put(doc, op.ns, false);
      return;
    }
    case 'd': {
      const { db, name } = splitNamespace(op.ns);
      catalog.get(db, name)?.data.remove(canonicalKey(op.id));
      return;
    }
    default:
      throw new Error(`unknown journal operation ${JSON.stringify((op as { o: unknown }).o)}`);
  }
}
