import {
  pageInfo,
  RESERVED_PRODUCT_SLUGS,
  type TAdminProduct,
  type TProductInput,
  type TProductPatch,
} from '@mercato/shared';
import { ObjectId, type Filter } from 'mongodb';
import { AppError, invalidField, notFound } from '../../lib/app-error.js';
import { duplicateKeyFields } from '../../lib/duplicate-key.js';
import type { Cache } from '../../lib/cache.js';
import type { Actor, AuditLog } from '../audit/repo.js';
import type { CategoriesRepo } from './categories-repo.js';
import { embedImage, lookupOf, toAdminProduct } from './dto.js';
import type { ImagesRepo } from './images-repo.js';
import type { CategoryDoc, EmbeddedImage, ProductDoc } from './model.js';
import { SORTS, type ProductsRepo } from './products-repo.js';
import { guardSlug, slugTaken } from './slug-conflict.js';
import { CATALOG_TAGS } from './store-service.js';
import { anywhereFilter } from '../search/query-keys.js';
import { queryWords } from '../search/analyze.js';
import { searchFieldsOf } from '../search/product-fields.js';
import { foldText, slugify } from './text.js';
import { defaultSkuOf, defaultVariant, skuFields } from './variants.js';

export interface AdminCatalogDeps {
  products: ProductsRepo;
  categories: CategoriesRepo;
  images: ImagesRepo;
  audit: AuditLog;
  cache: Cache;
  currency: string;
  /** True when an order references the product; such products are archived, never deleted. */
  isInOrders: (productId: ObjectId) => Promise<boolean>;
}

type AdminListQuery = {
  page: number;
  pageSize: number;
  q?: string | undefined;
  status: 'all' | 'active' | 'inactive' | 'archived';
  categoryId?: string | undefined;
};

/** Admin product management. Every change is audited and invalidates the storefront cache before it returns. */
export function createAdminProducts(deps: AdminCatalogDeps) {
  const { products, categories, images, audit, cache, currency } = deps;
  const present = async (product: ProductDoc) => toAdminProduct(product, lookupOf(await categories.all()), currency);
  const snapshot = ({ searchKeys: _keys, searchVersion: _version, nameKey: _key, ...rest }: ProductDoc) => rest;

  async function resolveImages(refs: { imageId: string; alt: string }[]): Promise<EmbeddedImage[]> {
    const assets = await images.findByIds(refs.map((ref) => new ObjectId(ref.imageId)));
    const byId = new Map(assets.map((asset) => [asset._id.toHexString(), asset]));
    return refs.map((ref, index) => {
      const asset = byId.get(ref.imageId);
      if (!asset) throw invalidField(`body.images.${index}.imageId`, 'is not an uploaded image');
      return embedImage(asset, ref.alt);
    });
  }

  async function assertCategory(categoryId: string | null): Promise<CategoryDoc | null> {
    if (categoryId === null) return null;
    const category = await categories.findById(new ObjectId(categoryId));
    if (!category) throw invalidField('body.categoryId', 'is not an existing category');
    return category;
  }

  /** The category's name, which the product is also found by. */
  async function categoryNameOf(categoryId: ObjectId | null): Promise<string | null> {
    return categoryId ? ((await categories.findById(categoryId))?.name ?? null) : null;
  }

  /**
   * An explicit slug must be free; a derived one gets -2, -3… until it is. Reserved slugs (storefront routes such
   * as /api/products/featured) count as taken; the contract already rejects them when sent explicitly.
   */
  async function freeSlug(requested: string | undefined, name: string, selfId?: ObjectId): Promise<string> {
    if (requested && RESERVED_PRODUCT_SLUGS.includes(requested)) throw invalidField('body.slug', 'is reserved');
    const base = requested ?? slugify(name);
    for (let attempt = 1; attempt < 1000; attempt += 1) {
      const candidate = attempt === 1 ? base : `${base}-${attempt}`;
      if (RESERVED_PRODUCT_SLUGS.includes(candidate)) continue;
      const owner = await products.findBySlug(candidate);
      if (!owner || (selfId && owner._id.equals(selfId))) return candidate;
      if (requested) throw slugTaken(requested, 'product');
    }
    throw new AppError('SLUG_TAKEN', 'Could not find a free slug; choose one explicitly.');
  }

  /**
   * Inserts a new product sold one way. A SKU staff gave must be free (409 naming `body.sku`). The default SKU (the
   * slug upper-cased) may already name another product's variant: the unique index refuses it, and the insert is
   * tried again with the first free -2, -3… instead.
   */
  async function insertWithFreeSku(doc: ProductDoc, isGiven: boolean): Promise<void> {
    const [variant] = doc.variants;
    if (!variant) throw new Error('a new product has its default variant');
    for (let attempt = 1; attempt < 100; attempt += 1) {
      if (!isGiven && attempt > 1) Object.assign(variant, skuFields(defaultSkuOf(doc.slug, doc._id, attempt)));
      try {
        return await guardSlug(doc.slug, 'product', () => products.insert(doc));
      } catch (error) {
        if (!duplicateKeyFields(error)?.includes('variants.skuKey')) throw error;
        if (isGiven) throw skuTaken(variant.sku, (await products.findBySku(variant.sku))?.name ?? 'another product');
      }
    }
    throw new AppError('CONFLICT', 'Could not find a free SKU; give one explicitly.', {
      errors: [{ path: 'body.sku', message: 'no free SKU could be derived from the slug' }],
    });
  }

  /**
   * Why an update (guarded by `singleVariantChange`'s `where`) matched nothing: the product is gone (404), its
   * variants changed meanwhile (409 naming the field sent), or its stock moved away from `expectedStock` (409 naming
   * the stock).
   */
  async function whyMissed(before: ProductDoc, patch: TProductPatch): Promise<AppError> {
    const now = await products.findById(before._id);
    if (!now) return notFound('Product');
    const only = now.variants[0];
    if (!only || !isSoldOneWay(now) || !only._id.equals(before.variants[0]?._id ?? only._id)) {
      const message = "The product's options or variants changed meanwhile; reload and set it per variant";
      return new AppError('CONFLICT', message, { errors: [{ path: `body.${priceOrStockField(patch)}`, message }] });
    }
    const message = `Stock changed since it was read (now ${only.stock}); reload and try again`;
    return new AppError('CONFLICT', message, { errors: [{ path: 'body.stock', message }] });
  }

  const record = (actor: Actor, action: string, id: ObjectId, before: unknown, after: unknown) =>
    audit.record({ actor, action, entity: { type: 'product', id: id.toHexString() }, before, after });

  return {
    async list(query: AdminListQuery) {
      const filter: Filter<ProductDoc> = {};
      if (query.status === 'active') Object.assign(filter, { active: true, archived: false });
      if (query.status === 'inactive') Object.assign(filter, { active: false, archived: false });
      if (query.status === 'archived') filter.archived = true;
      if (query.categoryId) filter.categoryId = new ObjectId(query.categoryId);
      // Exact words and prefixes, paged by the database (staff search for what they know is there; no typo tier).
      if (query.q) Object.assign(filter, anywhereFilter(queryWords(query.q)));
      const { items, total } = await products.page(
        filter,
        SORTS.newest,
        (query.page - 1) * query.pageSize,
        query.pageSize,
      );
      const lookup = lookupOf(await categories.all());
      return {
        items: items.map((item) => toAdminProduct(item, lookup, currency)),
        pageInfo: pageInfo(query.page, query.pageSize, total),
      };
    },

    async get(id: string): Promise<TAdminProduct> {
      const product = await products.findById(new ObjectId(id));
      if (!product) throw notFound('Product');
      return present(product);
    },

    async create(input: TProductInput, actor: Actor): Promise<TAdminProduct> {
      const now = new Date();
      const category = await assertCategory(input.categoryId);
      const id = new ObjectId();
      const slug = await freeSlug(input.slug, input.name);
      const doc: ProductDoc = {
        _id: id,
        name: input.name,
        slug,
        description: input.description,
        price: input.price,
        maxPrice: input.price,
        compareAtPrice: input.compareAtPrice,
        categoryId: category?._id ?? null,
        options: [],
        // Only the variant's own fields: the product's `active` (a draft) is not the variant's, which stays on sale.
        variants: [
          defaultVariant(
            {
              price: input.price,
              compareAtPrice: input.compareAtPrice,
              stock: input.stock,
              sku: input.sku ?? defaultSkuOf(slug, id),
            },
            new ObjectId(),
          ),
        ],
        images: await resolveImages(input.images),
        attributes: input.attributes,
        stock: input.stock,
        reserved: 0,
        sold: 0,
        active: input.active,
        featured: input.featured,
        archived: false,
        ...searchFieldsOf(input, category?.name ?? null),
        nameKey: foldText(input.name),
        createdAt: now,
        updatedAt: now,
      };
      await insertWithFreeSku(doc, input.sku !== undefined);
      await record(actor, 'product.create', doc._id, null, snapshot(doc));
      await cache.bump(CATALOG_TAGS.products);
      return present(doc);
    },

    async update(id: string, patch: TProductPatch, actor: Actor): Promise<TAdminProduct> {
      const before = await products.findById(new ObjectId(id));
      if (!before) throw notFound('Product');
      const set: Partial<ProductDoc> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.slug !== undefined) set.slug = await freeSlug(patch.slug, patch.slug, before._id);
      if (patch.description !== undefined) set.description = patch.description;
      let where: Filter<ProductDoc> = {};
      if (patch.price !== undefined || patch.compareAtPrice !== undefined || patch.stock !== undefined) {
        const change = singleVariantChange(before, patch);
        Object.assign(set, change.set);
        where = change.where;
      }
      if (patch.categoryId !== undefined) set.categoryId = (await assertCategory(patch.categoryId))?._id ?? null;
      if (patch.active !== undefined) set.active = patch.active;
      if (patch.featured !== undefined) set.featured = patch.featured;
      if (patch.images !== undefined) set.images = await resolveImages(patch.images);
      if (patch.attributes !== undefined) set.attributes = patch.attributes;
      if (set.name !== undefined) set.nameKey = foldText(set.name);
      // Search keys are computed from name, description, attributes and the category's name: recomputed in the
      // same write whenever any of them changes, so the next search finds what was just saved.
      if ([set.name, set.description, set.attributes, set.categoryId].some((value) => value !== undefined)) {
        const merged = { ...before, ...set };
        Object.assign(set, searchFieldsOf(merged, await categoryNameOf(merged.categoryId)));
      }
      // A variant's images are a subset of the product's: an image taken off the product leaves its variants too
      // (a $pull, not a rewrite of the variants, so concurrent stock moves on them are kept). Until the pull, a
      // variant save naming the removed image is refused, as it is after.
      const keepImages = set.images?.map((image) => image.imageId);
      const after = await guardSlug(set.slug ?? before.slug, 'product', () =>
        products.update(before._id, set, { keepImages, where }),
      );
      if (!after) throw await whyMissed(before, patch);
      await record(actor, 'product.update', before._id, snapshot(before), snapshot(after));
      await cache.bump(CATALOG_TAGS.products);
      return present(after);
    },

    /** Deletes a product, or archives it when orders reference it (order history must keep resolving). */
    async remove(id: string, actor: Actor): Promise<'deleted' | 'archived'> {
      const before = await products.findById(new ObjectId(id));
      if (!before) throw notFound('Product');
      let result: 'deleted' | 'archived';
      if (await deps.isInOrders(before._id)) {
        const after = await products.update(before._id, {
          archived: true,
          archivedAt: new Date(),
          active: false,
          featured: false,
        });
        await record(actor, 'product.archive', before._id, snapshot(before), after ? snapshot(after) : null);
        result = 'archived';
      } else {
        await products.remove(before._id);
        await record(actor, 'product.delete', before._id, snapshot(before), null);
        result = 'deleted';
      }
      await cache.bump(CATALOG_TAGS.products);
      return result;
    },
  };
}

export type AdminProducts = ReturnType<typeof createAdminProducts>;

function skuTaken(sku: string, owner: string): AppError {
  return new AppError('CONFLICT', `The SKU ${sku} is used by ${owner}.`, {
    errors: [{ path: 'body.sku', message: `is already used by ${owner}` }],
  });
}

const isSoldOneWay = (product: ProductDoc) => product.variants.length === 1 && product.options.length === 0;

const priceOrStockField = (patch: Pick<TProductPatch, 'price' | 'compareAtPrice' | 'stock'>) =>
  patch.price !== undefined ? 'price' : patch.compareAtPrice !== undefined ? 'compareAtPrice' : 'stock';

/**
 * Price, compare-at price and stock set on the product itself: meaningful only for a product sold one way, whose one
 * variant carries them (the product's own fields are derived from its variants). A product with options has them
 * per variant, so the request is refused naming the field. `where` is what the save depends on, checked in the same
 * atomic update: still sold one way by the very variant read (staff adding options meanwhile must not have one
 * variant's price or stock written over the product's totals), and a stock set against the count the admin saw
 * lands only if the shelf still holds it (checkouts hold and put back units between the admin's read and this
 * write, and an absolute set over them would create or destroy units).
 */
function singleVariantChange(
  product: ProductDoc,
  patch: Pick<TProductPatch, 'price' | 'compareAtPrice' | 'stock' | 'expectedStock'>,
): { set: Partial<ProductDoc>; where: Filter<ProductDoc> } {
  if (!isSoldOneWay(product))
    throw invalidField(`body.${priceOrStockField(patch)}`, 'is set per variant on a product with options');
  // Field by field, never the whole array: a checkout may move this variant's reserved units meanwhile.
  const set: Record<string, unknown> = {};
  if (patch.price !== undefined)
    Object.assign(set, { price: patch.price, maxPrice: patch.price, 'variants.0.price': patch.price });
  if (patch.compareAtPrice !== undefined)
    Object.assign(set, { compareAtPrice: patch.compareAtPrice, 'variants.0.compareAtPrice': patch.compareAtPrice });
  if (patch.stock !== undefined) Object.assign(set, { stock: patch.stock, 'variants.0.stock': patch.stock });
  const where: Filter<ProductDoc> = {
    options: { $size: 0 },
    variants: { $size: 1 },
    'variants.0._id': product.variants[0]?._id,
  };
  if (patch.stock !== undefined && patch.expectedStock !== undefined) where['variants.0.stock'] = patch.expectedStock;
  return { set: set as Partial<ProductDoc>, where };
}
