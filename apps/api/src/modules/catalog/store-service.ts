import {
  pageInfo,
  stockLevelOf,
  type TProductListQuery,
  type TOptionChoice,
  type TProductListResponse,
} from '@mercato/shared';
import { ObjectId, type Filter } from 'mongodb';
import { notFound } from '../../lib/app-error.js';
import type { Cache, CachedJson } from '../../lib/cache.js';
import type { StockMove } from '../inventory/holds.js';
import type { SearchService } from '../search/service.js';
import type { CategoriesRepo } from './categories-repo.js';
import { lookupOf, toCategory, toProduct, toProductSummary } from './dto.js';
import { choicesKey, createOptionFacets, groupChoices, onSaleValues, toOptionFacets } from './option-facets.js';
import type { ProductDoc } from './model.js';
import { SORTS, VISIBLE, type ProductsRepo } from './products-repo.js';
import { IN_STOCK_FILTER } from './variants.js';

export interface StoreCatalogDeps {
  products: ProductsRepo;
  categories: CategoriesRepo;
  cache: Cache;
  currency: string;
  ttlSeconds: number;
  /** Answers listings with a search text (`q`): matching and ranking live in the search module. */
  search: Pick<SearchService, 'listPage'>;
  /** Most products with options one listing counts option facets over (`CATALOG_OPTION_FACET_LIMIT`). */
  optionFacetLimit: number;
}

/**
 * Cache tags. Admin writes bump `products` or `categories`, which every entry depends on. Checkout moves stock many
 * times more often than admins edit, so stock has tags of its own: one per product slug for its page, which shows
 * the exact count and is bumped by every move, and `stock` for everything that shows several products (listings
 * with their inStock filter, featured, related), which show only a stock level (`stockLevelOf`) and are bumped
 * only by a move that changes some product's level. Most sales change no level, so under checkout traffic the
 * lists stay cached; the categories and the sitemap show no stock at all (docs/decisions/0009).
 */
export const CATALOG_TAGS = {
  products: 'catalog:products',
  categories: 'catalog:categories',
  stock: 'catalog:stock',
  product: (slug: string) => `catalog:product:${slug}`,
  /** One product by id, as carts price it: bumped with its page by every stock move. */
  item: (productId: string) => `catalog:item:${productId}`,
} as const;
const CONTENT = [CATALOG_TAGS.products, CATALOG_TAGS.categories];
const LISTS = [...CONTENT, CATALOG_TAGS.stock];

/**
 * Builds the storefront filter of a listing without a search text (one with `q` goes to the search engine). An
 * unknown category yields a filter that matches nothing rather than everything.
 */
export function buildListFilter(
  query: TProductListQuery,
  categoryId: ProductDoc['categoryId'] | undefined,
): Filter<ProductDoc> {
  const filter: Filter<ProductDoc> = { ...VISIBLE };
  if (query.category !== undefined) filter.categoryId = categoryId ?? null;
  if (query.minPrice !== undefined || query.maxPrice !== undefined) {
    filter.price = {
      ...(query.minPrice !== undefined ? { $gte: query.minPrice } : {}),
      ...(query.maxPrice !== undefined ? { $lte: query.maxPrice } : {}),
    };
  }
  if (query.inStock) Object.assign(filter, IN_STOCK_FILTER);
  return filter;
}

/** What a cart needs of a product to price a line and say whether it can be bought (a slim, cacheable copy). */
export type PricingProduct = Pick<
  ProductDoc,
  '_id' | 'slug' | 'name' | 'images' | 'price' | 'stock' | 'categoryId' | 'active' | 'archived' | 'variants'
>;

const PRICING_FIELDS = {
  slug: 1,
  name: 1,
  images: 1,
  price: 1,
  stock: 1,
  categoryId: 1,
  active: 1,
  archived: 1,
  variants: 1,
} as const;

/** The cache key of a product's pricing facts (`pricingProducts`). */
const pricingKey = (productId: string) => `pricing:${productId}`;

/** The storefront's read side; every answer is JSON text straight from the cache or freshly built and cached. */
export function createStoreCatalog(deps: StoreCatalogDeps) {
  const { products, categories, cache, currency, ttlSeconds } = deps;
  const cached = (key: string, load: () => Promise<unknown>, tags: string[] = LISTS): Promise<CachedJson> =>
    cache.getOrLoad({ key, tags, ttlSeconds }, load);

  /**
   * A listing's option facets: counted over its products that have options (the newest `optionFacetLimit` of them,
   * found by `hasOptions`), with the ids of those that pass the choices. Cached on their own, without page and sort,
   * so paging through a large category reads its option-bearing products once, not once per page.
   */
  function optionFacetsOf(query: TProductListQuery, filter: Filter<ProductDoc>) {
    const key = `products:options:v1:${stableKey({ ...query, q: undefined, sort: undefined, page: undefined, pageSize: undefined })}`;
    return cache.getOrLoadValue({ key, tags: LISTS, ttlSeconds }, async () => {
      const limit = deps.optionFacetLimit;
      const rows = await products.optionRows(filter, limit + 1);
      const options = createOptionFacets(query.option && groupChoices(query.option));
      const kept: string[] = [];
      for (const row of rows.slice(0, limit)) {
        const item = { options: row.options, variantValues: onSaleValues(row.variants) };
        options.count(item);
        if (options.passes(item)) kept.push(row._id.toHexString());
      }
      return { counted: options.counted(), kept, isCapped: rows.length > limit };
    });
  }

  /** A listing without search text; with option choices, the page is drawn from the products that pass them. */
  async function browse(query: TProductListQuery, filter: Filter<ProductDoc>) {
    const pageOf = (narrowed: Filter<ProductDoc>) =>
      products.page(narrowed, SORTS[query.sort], (query.page - 1) * query.pageSize, query.pageSize);
    // Without choices the page does not depend on the facets: both go out at once.
    const [facets, unchosen] = await Promise.all([
      optionFacetsOf(query, filter),
      query.option ? undefined : pageOf(filter),
    ]);
    const page = unchosen ?? (await pageOf({ ...filter, _id: { $in: facets.kept.map((id) => new ObjectId(id)) } }));
    return {
      ...page,
      facets: { options: toOptionFacets(facets.counted, query.option ?? []), isCapped: facets.isCapped },
    };
  }

  return {
    listProducts(query: TProductListQuery): Promise<CachedJson> {
      // v2: listings carry option facets; an entry an older version cached (or still caches, mid-deploy) has none.
      return cached(`products:list:v2:${stableKey(query)}`, async () => {
        const category = query.category ? await categories.findBySlug(query.category) : undefined;
        if (query.category && !category) throw notFound('Category');
        const { items, total, facets } = query.q
          ? await deps.search.listPage(query, category?._id)
          : await browse(query, buildListFilter(query, category?._id));
        const lookup = lookupOf(await categories.all());
        return {
          items: items.map((item) => toProductSummary(item, lookup, currency)),
          pageInfo: pageInfo(query.page, query.pageSize, total),
          facets,
        } satisfies TProductListResponse;
      });
    },

    getProduct(slug: string): Promise<CachedJson> {
      return cached(
        `products:slug:${slug}`,
        async () => {
          const product = await products.findVisibleBySlug(slug);
          if (!product) throw notFound('Product');
          return toProduct(product, lookupOf(await categories.all()), currency);
        },
        [...CONTENT, CATALOG_TAGS.product(slug)],
      );
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
      return cached(
        'categories:all',
        async () => {
          const [all, counts] = await Promise.all([categories.all(), products.countByCategory()]);
          return { items: all.map((category) => toCategory(category, counts.get(category._id.toHexString()) ?? 0)) };
        },
        CONTENT,
      );
    },

    /**
     * The products a cart shows, by id, from the cache (one entry per product, invalidated by admin writes and by
     * every stock move of that product), so a warm cart is priced without the database. Missing ids are left out.
     */
    async pricingProducts(ids: readonly ObjectId[]): Promise<PricingProduct[]> {
      const found = await Promise.all(
        ids.map((id) => {
          const hex = id.toHexString();
          return cache.getOrLoadValue<PricingProduct | null>(
            { key: pricingKey(hex), tags: [...CONTENT, CATALOG_TAGS.item(hex)], ttlSeconds },
            () => products.findProjected(id, PRICING_FIELDS),
          );
        }),
      );
      return found.filter((product): product is PricingProduct => product !== null);
    },

    /** `pricingProducts` as held in this process's memory, or undefined unless every one of them is held. */
    heldPricingProducts(ids: readonly ObjectId[]): PricingProduct[] | undefined {
      const found: PricingProduct[] = [];
      for (const id of ids) {
        const product = cache.held<PricingProduct | null>(pricingKey(id.toHexString()));
        if (product === undefined) return undefined;
        if (product !== null) found.push(product);
      }
      return found;
    },

    /** A view built from products and categories but not from stock (the sitemap), cached and invalidated alike. */
    contentView(name: string, load: () => Promise<unknown>): Promise<CachedJson> {
      return cached(`view:${name}`, load, CONTENT);
    },

    /**
     * Checkout moved these products' units: their pages, and the lists if any move changed what a list shows, must
     * show it before the step returns. Each move's before/after comes from its own atomic update, so of several
     * concurrent moves on one product, the one that crosses a level boundary is the one that sees it cross. Never
     * throws (a sale must not fail over a cache; `bump` defers what Redis refuses).
     */
    async stockChanged(moves: StockMove[]): Promise<void> {
      const tags = new Set(
        moves.flatMap((move) => [CATALOG_TAGS.product(move.slug), CATALOG_TAGS.item(move.productId.toHexString())]),
      );
      if (moves.some(changesListings)) tags.add(CATALOG_TAGS.stock);
      if (tags.size > 0) await cache.bump(...tags);
    },
  };
}

export type StoreCatalog = ReturnType<typeof createStoreCatalog>;

/** Whether a move changes what a listing shows of the product: its stock level, and with it the inStock filter. */
export const changesListings = (move: StockMove): boolean => stockLevelOf(move.before) !== stockLevelOf(move.after);

const stableKeys = new WeakMap<object, string>();

/**
 * Query objects become cache keys with a fixed key order, so equivalent queries share one entry. The storefront
 * routes hand over the same (frozen) object for the same query string, so each is worked out once.
 */
function stableKey(query: Record<string, unknown>): string {
  const known = stableKeys.get(query);
  if (known !== undefined) return known;
  const key = Object.keys(query)
    .sort()
    .filter((name) => query[name] !== undefined)
    .map((name) => {
      // Option choices are objects: written without case or order, as they match.
      const value = name === 'option' ? choicesKey(query.option as TOptionChoice[]) : String(query[name]);
      return `${name}=${encodeURIComponent(value)}`;
    })
    .join('&');
  if (Object.isFrozen(query)) stableKeys.set(query, key);
  return key;
}
