import type { Collection, Db, ObjectId } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import { CATEGORIES, type CategoryDoc } from './model.js';

export const categoryIndexes: CollectionIndexes = {
  collection: CATEGORIES,
  indexes: [
    { key: { slug: 1 }, name: 'slug_unique', unique: true },
    { key: { sortOrder: 1, name: 1 }, name: 'sortOrder_1_name_1' },
  ],
};

export function createCategoriesRepo(db: Db) {
  const categories: Collection<CategoryDoc> = db.collection<CategoryDoc>(CATEGORIES);
  return {
    all: () => categories.find({}).sort({ sortOrder: 1, name: 1 }).toArray(),
    findById: (id: ObjectId) => categories.findOne({ _id: id }),
    findBySlug: (slug: string) => categories.findOne({ slug }),
    findByIds: (ids: ObjectId[]) => categories.find({ _id: { $in: ids } }).toArray(),
    async insert(doc: CategoryDoc): Promise<void> {
      await categories.insertOne(doc);
    },
    update: (id: ObjectId, set: Partial<CategoryDoc>) =>
      categories.findOneAndUpdate(
        { _id: id },
        { $set: { ...set, updatedAt: new Date() } },
        { returnDocument: 'after' },
      ),
    async remove(id: ObjectId): Promise<boolean> {
      return (await categories.deleteOne({ _id: id })).deletedCount === 1;
    },
  };
}

export type CategoriesRepo = ReturnType<typeof createCategoriesRepo>;
