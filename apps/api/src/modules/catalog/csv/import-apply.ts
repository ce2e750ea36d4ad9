import type { TCatalogImportMessage } from '@mercato/shared';
import type { Actor, AuditLog } from '../../audit/repo.js';
import type { ProductDoc } from '../model.js';
import type { ProductsRepo } from '../products-repo.js';
import { planProduct, type DiffContext, type ImportedFields, type ProductPlan } from './import-diff.js';

interface ApplyDeps {
  products: ProductsRepo;
  audit: AuditLog;
  actor: Actor;
  context: DiffContext;
}

const INSERT_BATCH = 500;
/** Updates in flight at once: enough to hide the round trip, few enough not to starve shoppers' requests. */
const UPDATE_CONCURRENCY = 8;
/** A product whose variants checkouts keep changing between our read and write is planned again this often. */
const MAX_ATTEMPTS = 10;

/** The audited shape of a product: what the import writes, without the derived search fields. */
const audited = ({ searchKeys: _keys, searchVersion: _version, nameKey: _name, ...rest }: Partial<ProductDoc>) => rest;

/**
 * Writes the planned products. New ones are inserted in batches; existing ones are replaced field by field in one
 * update guarded on the variants as read, so units a checkout holds or sells meanwhile are never lost: the guard
 * fails, the product is read and planned again with the fresh counts. Returns the plans as they ended (a product
 * another writer took the slug or a SKU of meanwhile ends as an error).
 */
export async function applyPlans(plans: ProductPlan[], deps: ApplyDeps): Promise<ProductPlan[]> {
  const { products, audit, actor } = deps;
  const entries: Parameters<AuditLog['recordMany']>[0] = [];
  const record = (product: ProductDoc, before: unknown, after: unknown) =>
    entries.push({
      actor,
      action: 'product.import',
      entity: { type: 'product', id: product._id.toHexString() },
      before,
      after,
    });
  const ended = [...plans];

  const creates = ended.flatMap((entry, index) =>
    entry.result === 'created' ? [{ entry, doc: entry.doc, index }] : [],
  );
  for (let start = 0; start < creates.length; start += INSERT_BATCH) {
    const batch = creates.slice(start, start + INSERT_BATCH);
    const failed = new Map<number, string>();
    await products.collection
      .insertMany(
        batch.map(({ doc }) => doc),
        { ordered: false },
      )
      .catch((error: { writeErrors?: { index: number; code?: number }[] | { index: number; code?: number } }) => {
        const writeErrors = [error.writeErrors ?? []].flat();
        if (writeErrors.length === 0) throw error;
        for (const writeError of writeErrors)
          failed.set(
            writeError.index,
            writeError.code === 11000 ? 'its handle or a SKU was taken meanwhile' : 'was not written',
          );
      });
    batch.forEach(({ entry, doc, index }, position) => {
      const reason = failed.get(position);
      if (reason) ended[index] = failedPlan(entry, reason);
      else record(doc, null, audited(doc));
    });
  }

  const updates = ended.flatMap((entry, index) => (entry.result === 'updated' ? [index] : []));
  let next = 0;
  const worker = async () => {
    while (next < updates.length) {
      const index = updates[next++] as number;
      ended[index] = await update(ended[index] as ProductPlan, deps, record);
    }
  };
  await Promise.all(Array.from({ length: UPDATE_CONCURRENCY }, worker));
  await audit.recordMany(entries);
  return ended;
}

async function update(
  plan: ProductPlan,
  deps: ApplyDeps,
  record: (product: ProductDoc, before: unknown, after: unknown) => void,
): Promise<ProductPlan> {
  let current = plan;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (current.result !== 'updated') return current;
    const { before, fields } = current;
    try {
      const after = await deps.products.collection.findOneAndUpdate(
        { _id: before._id, variants: before.variants },
        { $set: { ...fields, updatedAt: new Date() } satisfies ImportedFields & { updatedAt: Date } },
        { returnDocument: 'after' },
      );
      if (after) {
        record(after, audited(before), audited(after));
        return current;
      }
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      return failedPlan(current, 'a SKU was taken by another product meanwhile');
    }
    const fresh = await deps.products.findById(before._id);
    if (!fresh) return failedPlan(current, 'the product was deleted meanwhile');
    current = planProduct(current.draft, fresh, deps.context);
  }
  return failedPlan(current, 'the product is being sold right now; import it again');
}

function failedPlan(plan: ProductPlan, reason: string): ProductPlan {
  const error: TCatalogImportMessage = {
    row: plan.draft.firstRow,
    column: '(row)',
    handle: plan.draft.handle,
    message: `not written: ${reason}`,
  };
  return { draft: plan.draft, errors: [...plan.errors, error], notices: plan.notices, result: 'error' };
}
