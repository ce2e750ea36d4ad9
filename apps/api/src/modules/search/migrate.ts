import type { AnyBulkWriteOperation, Document } from 'mongodb';
import type { Migration } from '../../lib/migrations.js';
import { SEARCH_KEYS_VERSION } from './search-keys.js';
import { SEARCHABLE_FIELDS, searchFieldsOf, type SearchableProduct } from './product-fields.js';

const BATCH = 500;

/**
 * Recomputes the search keys of every product stored before them (which carried whole-word `searchTokens` only) or
 * under an older key version, and drops the old tokens. Idempotent and resumable: it only touches products whose
 * `searchVersion` is not the current one, so a second run, or a run after a crash half-way, redoes nothing done.
 */
export const searchKeysMigration: Migration = {
  id: `search-keys-v${SEARCH_KEYS_VERSION}`,
  async run(db) {
    const categories = new Map(
      (
        await db
          .collection('categories')
          .find({}, { projection: { name: 1 } })
          .toArray()
      ).map((category) => [String(category._id), String(category.name)]),
    );
    const products = db.collection('products');
    const cursor = products.find<SearchableProduct>(
      { searchVersion: { $ne: SEARCH_KEYS_VERSION } },
      { projection: SEARCHABLE_FIELDS },
    );
    let batch: AnyBulkWriteOperation<Document>[] = [];
    let updated = 0;
    const flush = async () => {
      if (batch.length > 0) updated += (await products.bulkWrite(batch, { ordered: false })).modifiedCount;
      batch = [];
    };
    for await (const product of cursor) {
      const category = product.categoryId ? (categories.get(String(product.categoryId)) ?? null) : null;
      batch.push({
        updateOne: {
          filter: { _id: product._id },
          update: { $set: searchFieldsOf(product, category), $unset: { searchTokens: '' } },
        },
      });
      if (batch.length === BATCH) await flush();
    }
    await flush();
    return { products: updated };
  },
};
