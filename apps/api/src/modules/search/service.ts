import {
  PRICE_BANDS,
  pageInfo,
  type TFacetValue,
  type TProductListQuery,
  type TSearchQuery,
  type TSearchResponse,
  type TSuggestResponse,
} from '@mercato/shared';
import type { ObjectId } from 'mongodb';
import type { Cache, CachedJson } from '../../lib/cache.js';
import type { CategoriesRepo } from '../catalog/categories-repo.js';
import { lookupOf, mediaUrl, toProductSummary } from '../catalog/dto.js';
import type { CategoryDoc, ProductDoc } from '../catalog/model.js';
import type { ProductsRepo } from '../catalog/products-repo.js';
import { choicesKey, groupChoices, toOptionFacets } from '../catalog/option-facets.js';
import { CATALOG_TAGS } from '../catalog/store-service.js';
import { onSaleStockOf } from '../catalog/variants.js';
import { queryWords } from './analyze.js';
import type { SearchEngine, SearchFilters, SearchHits } from './engine.js';

export interface SearchServiceDeps {
  engine: SearchEngine;
  products: ProductsRepo;
  categories: CategoriesRepo;
  cache: Cache;
  currency: string;
  ttlSeconds: number;
}

/**
 * Search results and suggestions depend on product content, category names and stock levels (the in-stock facet
 * and tie-breaker), exactly as listings do: the same tags, so an admin edit or a sale that empties a shelf shows in
 * the next answer.
 */
const SEARCH_TAGS = [CATALOG_TAGS.products, CATALOG_TAGS.categories, CATALOG_TAGS.stock];

/** Search answers for the storefront: cached whole, like every catalog read. */
export function createSearchService(deps: SearchServiceDeps) {
  const { engine, products, categories, cache, currency, ttlSeconds } = deps;
  const cached = (key: string, load: () => Promise<unknown>): Promise<CachedJson> =>
    cache.getOrLoad({ key, tags: SEARCH_TAGS, ttlSeconds }, load);

  /** The products of a page of hits, in hit order, without their (large) search keys. */
  async function load(ids: ObjectId[]): Promise<ProductDoc[]> {
    if (ids.length === 0) return [];
    const docs = await products.collection.find({ _id: { $in: ids } }, { projection: { searchKeys: 0 } }).toArray();
    const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
    return ids.flatMap((id) => byId.get(id.toHexString()) ?? []);
  }

  return {
    /** `GET /api/search`: a ranked page with facet counts and, for nothing found, a correction. */
    search(query: TSearchQuery): Promise<CachedJson> {
      // Folded words make the key: "Knife", "knife " and "KNIFE" share one entry.
      const key = `search:${queryWords(query.q).join(' ')}|${query.category?.join(',') ?? ''}|${query.price?.join(',') ?? ''}|${query.inStock ?? ''}|${choicesKey(query.option)}|${query.sort}|${query.page}|${query.pageSize}`;
      return cached(key, async (): Promise<TSearchResponse> => {
        const all = await categories.all();
        const bySlug = new Map(all.map((category) => [category.slug, category]));
        const filters: SearchFilters = {
          ...(query.category ? { categoryIds: query.category.flatMap((slug) => bySlug.get(slug)?._id ?? []) } : {}),
          ...(query.price ? { priceRanges: PRICE_BANDS.filter((band) => query.price?.includes(band.id)) } : {}),
          ...(query.inStock ? { inStock: true } : {}),
          ...(query.option ? { options: groupChoices(query.option) } : {}),
        };
        const hits = await engine.search({
          q: query.q,
          filters,
          sort: query.sort,
          skip: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        });
        const lookup = lookupOf(all);
        return {
          items: (await load(hits.ids)).map((doc) => toProductSummary(doc, lookup, currency)),
          pageInfo: pageInfo(query.page, query.pageSize, hits.total),
          facets: {
            category: categoryFacet(all, hits, query.category ?? []),
            price: priceFacet(hits, query.price ?? []),
            inStock: hits.facets.inStock,
            options: toOptionFacets(hits.facets.options, query.option ?? []),
          },
          isCapped: hits.isCapped,
          didYouMean: hits.didYouMean,
        };
      });
    },

    /** `GET /api/search/suggest`: up to `limit` products and the matching categories, for the header. */
    suggest(q: string, limit: number): Promise<CachedJson> {
      return cached(`suggest:${queryWords(q).join(' ')}|${limit}`, async (): Promise<TSuggestResponse> => {
        const found = await engine.suggest(q, limit);
        const lookup = lookupOf(await categories.all());
        const summary = (category: CategoryDoc | undefined) =>
          category ? { id: category._id.toHexString(), slug: category.slug, name: category.name } : null;
        return {
          products: (await load(found.productIds)).map((doc) => {
            const image = doc.images[0];
            const width = image?.widths[0];
            return {
              id: doc._id.toHexString(),
              slug: doc.slug,
              name: doc.name,
              price: doc.price,
              currency,
              thumbnail:
                image && width !== undefined
                  ? {
                      src: mediaUrl(image.hash, width),
                      alt: image.alt,
                      width,
                      height: Math.round((image.height * width) / image.width),
                    }
                  : null,
              category: summary(doc.categoryId ? lookup.get(doc.categoryId.toHexString()) : undefined),
              inStock: onSaleStockOf(doc.variants) > 0,
            };
          }),
          categories: found.categoryIds.flatMap((id) => summary(lookup.get(id.toHexString())) ?? []),
        };
      });
    },

    /**
     * The storefront listing's `q` (`GET /api/products?q=`), answered by the engine so it matches as the search page
     * does; the listing's own filters become the engine's (its price range is inclusive, the engine's max is not).
     */
    async listPage(query: TProductListQuery, categoryId: ObjectId | undefined) {
      const hits = await engine.search({
        q: query.q ?? '',
        filters: {
          ...(categoryId ? { categoryIds: [categoryId] } : {}),
          ...(query.minPrice !== undefined || query.maxPrice !== undefined
            ? {
                priceRanges: [
                  { min: query.minPrice ?? 0, max: query.maxPrice === undefined ? null : query.maxPrice + 1 },
                ],
              }
            : {}),
          ...(query.inStock ? { inStock: true } : {}),
          ...(query.option ? { options: groupChoices(query.option) } : {}),
        },
        sort: query.sort,
        skip: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      });
      return {
        items: await load(hits.ids),
        total: hits.total,
        facets: { options: toOptionFacets(hits.facets.options, query.option ?? []), isCapped: hits.isCapped },
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;

/** Categories with matches, in shop order; a selected one stays listed (at 0) so it can be unselected. */
function categoryFacet(all: CategoryDoc[], hits: SearchHits, selected: string[]): TFacetValue[] {
  return all.flatMap((category) => {
    const count = hits.facets.category.get(category._id.toHexString()) ?? 0;
    return count > 0 || selected.includes(category.slug) ? [{ value: category.slug, label: category.name, count }] : [];
  });
}

function priceFacet(hits: SearchHits, selected: string[]): TFacetValue[] {
  return PRICE_BANDS.flatMap((band) => {
    const count = hits.facets.price.get(band.id) ?? 0;
    return count > 0 || selected.includes(band.id) ? [{ value: band.id, label: band.id, count }] : [];
  });
}
