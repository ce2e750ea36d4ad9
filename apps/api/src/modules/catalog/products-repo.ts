import type { TProductSort } from '@mercato/shared';
import type { Collection, Db, Filter, ObjectId, Sort } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import { PRODUCTS, type ProductDoc } from './model.js';
import { skuKeyOf } from './variants.js';

export const productIndexes: CollectionIndexes = {
  collection: PRODUCTS,
  indexes: [
    { key: { slug: 1 }, name: 'slug_unique', unique: true },
    // Search: one key (word, prefix or typo key, see search/search-keys.ts) plus the visibility equalities the
    // storefront always sends. The key leads so the admin search (no visibility filter) uses it too. Replaces the
    // whole-word `storefront_search` (searchTokens), dropped at start.
    { key: { searchKeys: 1, active: 1, archived: 1, categoryId: 1 }, name: 'search_keys' },
    { key: { active: 1, archived: 1, categoryId: 1, createdAt: -1 }, name: 'storefront_category' },
    { key: { active: 1, archived: 1, featured: 1, createdAt: -1 }, name: 'storefront_featured' },
    { key: { active: 1, archived: 1, price: 1 }, name: 'storefront_price' },
    // Option facets of a listing read only the products that have options (an equality, so the embedded engine's
    // hash lookup finds exactly them, and a shop selling everything one way pays nothing for the facets).
    { key: { active: 1, archived: 1, hasOptions: 1, categoryId: 1, createdAt: -1 }, name: 'storefront_options_newest' },
    { key: { nameKey: 1 }, name: 'nameKey_1' },
    // One SKU names one variant in the whole catalogue (within a product, `variantProblems` checks it: a unique
    // multikey index does not compare the entries of one document's array).
    {
      key: { 'variants.skuKey': 1 },
      name: 'variants_sku_unique',
      unique: true,
      partialFilterExpression: { 'variants.skuKey': { $type: 'string' } },
    },
  ],
  retired: ['searchTokens_1', 'storefront_search', 'storefront_options'],
};

export const SORTS: Record<TProductSort, Sort> = {
  newest: { createdAt: -1, _id: -1 },
  price_asc: { price: 1, _id: 1 },
  price_desc: { price: -1, _id: -1 },
  name: { nameKey: 1, _id: 1 },
};

/** What shoppers may see: active and not archived. */
export const VISIBLE: Filter<ProductDoc> = { active: true, archived: false };

export function createProductsRepo(db: Db) {
  const products: Collection<ProductDoc> = db.collection<ProductDoc>(PRODUCTS);
  return {
    collection: products,
    findById: (id: ObjectId) => products.findOne({ _id: id }),
    findBySlug: (slug: string) => products.findOne({ slug }),
    findVisibleBySlug: (slug: string) => products.findOne({ slug, ...VISIBLE }),
    findByIds: (ids: ObjectId[]) => products.find({ _id: { $in: ids } }).toArray(),
    /** The product one of whose variants has this SKU (compared without case), if any. */
    findBySku: (sku: string) =>
      products.findOne<Pick<ProductDoc, '_id' | 'name'>>(
        { 'variants.skuKey': skuKeyOf(sku) },
        { projection: { name: 1 } },
      ),
    findProjected: <T extends Partial<ProductDoc>>(id: ObjectId, projection: Record<string, unknown>) =>
      products.findOne<T>({ _id: id }, { projection }),
    async page(filter: Filter<ProductDoc>, sort: Sort, skip: number, limit: number) {
      const [items, total] = await Promise.all([
        products.find(filter).sort(sort).skip(skip).limit(limit).toArray(),
        products.countDocuments(filter),
      ]);
      return { items, total };
    },
    /** The options and variant values of the newest products with options among `filter`, for option facets. */
    optionRows: (filter: Filter<ProductDoc>, limit: number) =>
      products
        .find<
          Pick<ProductDoc, '_id' | 'options'> & {
            variants: Pick<ProductDoc['variants'][number], 'optionValues' | 'active'>[];
          }
        >(
          { ...filter, hasOptions: true },
          { projection: { options: 1, 'variants.optionValues': 1, 'variants.active': 1 } },
        )
        .sort(SORTS.newest)
        .limit(limit)
        .toArray(),
    find: (filter: Filter<ProductDoc>, sort: Sort, limit: number) =>
      products.find(filter).sort(sort).limit(limit).toArray(),
    async insert(doc: ProductDoc): Promise<void> {
      await products.insertOne(doc);
    },
    /**
     * Sets fields, only if the product still matches `where` (null when it does not, or is gone): the condition and
     * the change are one atomic update, so nothing moves between them. `keepImages` then takes every other image off
     * each variant. A second atomic update, not the same one: MongoDB refuses `variants.$[]` next to the
     * `variants.0.*` fields a single-variant price change sets.
     */
    async update(
      id: ObjectId,
      set: Partial<ProductDoc>,
      { keepImages, where = {} }: { keepImages?: ObjectId[] | undefined; where?: Filter<ProductDoc> } = {},
    ) {
      const after = await products.findOneAndUpdate(
        { ...where, _id: id },
        { $set: { ...set, updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
      if (!after || !keepImages) return after;
      return products.findOneAndUpdate(
        { _id: id },
        { $pull: { 'variants.$[].imageIds': { $nin: keepImages } } },
        { returnDocument: 'after' },
      );
    },
    async remove(id: ObjectId): Promise<boolean> {
      return (await products.deleteOne({ _id: id })).deletedCount === 1;
    },
    countByCategory: async (): Promise<Map<string, number>> => {
      const rows = await products
        .aggregate<{ _id: ObjectId | null; count: number }>([
          { $match: VISIBLE },
          { $group: { _id: '$categoryId', count: { $sum: 1 } } },
        ])
        .toArray();
      return new Map(rows.filter((row) => row._id).map((row) => [String(row._id), row.count]));
    },
    countInCategory: (categoryId: ObjectId) => products.countDocuments({ categoryId, archived: false }),
  };
}

export type ProductsRepo = ReturnType<typeof createProductsRepo>;
