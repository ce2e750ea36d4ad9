import {
  pageInfo,
  type TAdminCategoryQuery,
  type TCategory,
  type TCategoryInput,
  type TCategoryPatch,
  type TPageInfo,
} from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError, invalidField, notFound } from '../../lib/app-error.js';
import type { Cache } from '../../lib/cache.js';
import type { Actor, AuditLog } from '../audit/repo.js';
import type { CategoriesRepo } from './categories-repo.js';
import { embedImage, toCategory } from './dto.js';
import type { ImagesRepo } from './images-repo.js';
import type { CategoryDoc } from './model.js';
import type { ProductsRepo } from './products-repo.js';
import { CATALOG_TAGS } from './store-service.js';
import { guardSlug, slugTaken } from './slug-conflict.js';
import { searchTokens, slugify } from './text.js';

/** Admin category management; a category that still holds products cannot be deleted. */
export function createAdminCategories(deps: {
  categories: CategoriesRepo;
  products: ProductsRepo;
  images: ImagesRepo;
  audit: AuditLog;
  cache: Cache;
  /** Recomputes the search keys of a category's products (they are found by its name); see SearchEngine.reindex. */
  reindexCategory?: (categoryId: ObjectId) => Promise<unknown>;
}) {
  const { categories, products, images, audit, cache } = deps;
  const record = (actor: Actor, action: string, id: ObjectId, before: unknown, after: unknown) =>
    audit.record({ actor, action, entity: { type: 'category', id: id.toHexString() }, before, after });
  const present = async (category: CategoryDoc): Promise<TCategory> =>
    toCategory(category, await products.countInCategory(category._id));

  async function resolveImage(imageId: string | null, alt: string) {
    if (imageId === null) return null;
    const asset = await images.findById(new ObjectId(imageId));
    if (!asset) throw invalidField('body.imageId', 'is not an uploaded image');
    return embedImage(asset, alt);
  }

  async function assertFreeSlug(slug: string, selfId?: ObjectId): Promise<void> {
    const owner = await categories.findBySlug(slug);
    if (owner && !(selfId && owner._id.equals(selfId))) throw slugTaken(slug, 'category');
  }

  return {
    /**
     * Categories are few (dozens), so the search runs over the sorted list in memory rather than over an index;
     * only the requested page is counted.
     */
    async list(query: TAdminCategoryQuery): Promise<{ items: TCategory[]; pageInfo: TPageInfo }> {
      const words = query.q ? searchTokens(query.q) : [];
      const matches = (await categories.all()).filter((category) => {
        if (!query.q) return true;
        const tokens = new Set(searchTokens(category.name, category.slug, category.description));
        return words.length > 0 && words.every((word) => tokens.has(word));
      });
      const pageSize = query.pageSize ?? Math.max(matches.length, 1);
      const start = (query.page - 1) * pageSize;
      return {
        items: await Promise.all(matches.slice(start, start + pageSize).map(present)),
        pageInfo: pageInfo(query.page, pageSize, matches.length),
      };
    },

    async create(input: TCategoryInput, actor: Actor): Promise<TCategory> {
      const slug = input.slug ?? slugify(input.name);
      await assertFreeSlug(slug);
      const now = new Date();
      const doc: CategoryDoc = {
        _id: new ObjectId(),
        name: input.name,
        slug,
        description: input.description,
        image: await resolveImage(input.imageId, input.name),
        sortOrder: input.sortOrder,
        createdAt: now,
        updatedAt: now,
      };
      await guardSlug(slug, 'category', () => categories.insert(doc));
      await record(actor, 'category.create', doc._id, null, doc);
      await cache.bump(CATALOG_TAGS.categories);
      return present(doc);
    },

    async update(id: string, patch: TCategoryPatch, actor: Actor): Promise<TCategory> {
      const before = await categories.findById(new ObjectId(id));
      if (!before) throw notFound('Category');
      const set: Partial<CategoryDoc> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.slug !== undefined) {
        await assertFreeSlug(patch.slug, before._id);
        set.slug = patch.slug;
      }
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.sortOrder !== undefined) set.sortOrder = patch.sortOrder;
      if (patch.imageId !== undefined) set.image = await resolveImage(patch.imageId, set.name ?? before.name);
      const after = await guardSlug(set.slug ?? before.slug, 'category', () => categories.update(before._id, set));
      if (!after) throw notFound('Category');
      if (after.name !== before.name) await deps.reindexCategory?.(before._id);
      await record(actor, 'category.update', before._id, before, after);
      await cache.bump(CATALOG_TAGS.categories);
      return present(after);
    },

    async remove(id: string, actor: Actor): Promise<void> {
      const before = await categories.findById(new ObjectId(id));
      if (!before) throw notFound('Category');
      const count = await products.countInCategory(before._id);
      if (count > 0)
        throw new AppError('CONFLICT', `This category still has ${count} product(s); move or delete them first.`, {
          meta: { productCount: count },
        });
      await categories.remove(before._id);
      await record(actor, 'category.delete', before._id, before, null);
      await cache.bump(CATALOG_TAGS.categories);
    },
  };
}

export type AdminCategories = ReturnType<typeof createAdminCategories>;
