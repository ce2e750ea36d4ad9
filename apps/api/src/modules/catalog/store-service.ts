import { pageInfo, type TProductListQuery } from '@mercato/shared';
import type { Filter } from 'mongodb';
import { notFound } from '../../lib/app-error.js';
import type { Cache, CachedJson } from '../../lib/cache.js';
import type { CategoriesRepo } from './categories-repo.js';
import { lookupOf, toCategory, toProduct, toProductSummary } from './dto.js';
import type { ProductDoc } from './model.js';
import { SORTS, VISIBLE, type ProductsRepo } from './products-repo.js';
import { searchTokens } from './text.js';

export interface StoreCatalogDeps {
  products: ProductsRepo;
  categories: CategoriesRepo;
  cache: Cache;
  currency: string;
  ttlSeconds: number;
}

/** Cache tags: a product write bumps PRODUCTS, a category write bumps CATEGORIES (and PRODUCTS when names show in lists). */
export const CATALOG_TAGS = { products: 'catalog:products', categories: 'catalog:categories' } as const;
const BOTH = [CATALOG_TAGS.products, CATALOG_TAGS.categories];

/** Builds the storefront filter; an unknown category yields a filter that matches nothing rather than everything. */
export function buildListFilter(
  query: TProductListQuery,
  categoryId: ProductDoc['categoryId'] | undefined,
): Filter<ProductDoc> {
  const filter: Filter<ProductDoc> = { ...VISIBLE };
  if (query.category !== undefined) filter.categoryId = categoryId ?? null;
  if (query.q) {
    const tokens = searchTokens(query.q);
    if (tokens.length > 0) filter.searchTokens = { $all: tokens };
  }
  if (query.minPrice !== undefined || query.maxPrice !== undefined) {
    filter.price = {
      ...(query.minPrice !== undefined ? { $gte: query.minPrice } : {}),
      ...(query.maxPrice !== undefined ? { $lte: query.maxPrice } : {}),
    };
  }
  if (query.inStock) filter.stock = { $gt: 0 };
  return filter;
}

/** The storefront's read side; every answer is JSON text straight from the cache or freshly built and cached. */
export function createStoreCatalog(deps: StoreCatalogDeps) {
  const { products, categories, cache, currency, ttlSeconds } = deps;
  const cached = (key: string, load: () => Promise<unknown>): Promise<CachedJson> =>
    cache.getOrLoad({ key, tags: BOTH, ttlSeconds }, load);

  return {
    listProducts(query: TProductListQuery): Promise<CachedJson> {
      return cached(`products:list:${stableKey(query)}`, async () => {
        const category = query.category ? await categories.findBySlug(query.category) : undefined;
        if (query.category && !category) throw notFound('Category');
        const filter = buildListFilter(query, category?._id);
        const { items, total } = await products.page(
          filter,
          SORTS[query.sort],
          (query.page - 1) * query.pageSize,
          query.pageSize,
        );
        const lookup = lookupOf(await categories.all());
        return {
          items: items.map((item) => toProductSummary(item, lookup, currency)),
          pageInfo: pageInfo(query.page, query.pageSize, total),
        };
      });
    },

    getProduct(slug: string): Promise<CachedJson> {
      return cached(`products:slug:${slug}`, async () => {
        const product = await products.findVisibleBySlug(slug);
        if (!product) throw notFound('Product');
        return toProduct(product, lookupOf(await categories.all()), currency);
      });
    },

    featured(): Promise<CachedJson> {
      return cached('products:featured', async () => {
        const items = await products.find({ ...VISIBLE, featured: true }, SORTS.newest, 12);
        const lookup = lookupOf(await categories.all());
        return { items: items.map((item) => toProductSummary(item, lookup, currency)) };
      });
    },

    /** Same category first (in stock, newest), topped up with other featured products. */
    related(slug: string): Promise<CachedJson> {
      return cached(`products:related:${slug}`, async () => {
        const product = await products.findVisibleBySlug(slug);
        if (!product) throw notFound('Product');
        const sameCategory = product.categoryId
          ? await products.find(
              { ...VISIBLE, categoryId: product.categoryId, _id: { $ne: product._id } },
              SORTS.newest,
              8,
            )
          : [];
        const needed = 8 - sameCategory.length;
        const others =
          needed > 0
            ? await products.find(
                { ...VISIBLE, featured: true, _id: { $nin: [product._id, ...sameCategory.map((item) => item._id)] } },
                SORTS.newest,
                needed,
              )
            : [];
        const lookup = lookupOf(await categories.all());
        return { items: [...sameCategory, ...others].map((item) => toProductSummary(item, lookup, currency)) };
      });
    },

    listCategories(): Promise<CachedJson> {
      return cached('categories:all', async () => {
        const [all, counts] = await Promise.all([categories.all(), products.countByCategory()]);
        return { items: all.map((category) => toCategory(category, counts.get(category._id.toHexString()) ?? 0)) };
      });
    },
  };
}

export type StoreCatalog = ReturnType<typeof createStoreCatalog>;

/** Query objects become cache keys with a fixed key order, so equivalent queries share one entry. */
function stableKey(query: Record<string, unknown>): string {
  return Object.keys(query)
    .sort()
    .filter((key) => query[key] !== undefined)
    .map((key) => `${key}=${encodeURIComponent(String(query[key]))}`)
    .join('&');
}
