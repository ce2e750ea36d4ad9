// Plain values with no zod behind them, exported on their own as `@mercato/shared/constants`: the storefront's
// first-load bundle imports these without pulling in zod and every schema (the index re-exports them as well).

/** The most units of one product a cart line may hold. */
export const MAX_LINE_QUANTITY = 99;

/** A MongoDB ObjectId as 24 lowercase hex characters: the only id format the API accepts in paths and bodies. */
export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

/** At or below this many units a product is low on stock: listings say so, its page says exactly how many are left. */
export const LOW_STOCK_THRESHOLD = 5;

export const STOCK_LEVELS = ['in_stock', 'low_stock', 'out_of_stock'] as const;
export type TStockLevel = (typeof STOCK_LEVELS)[number];

/**
 * The coarse stock state listings show. The API also invalidates cached listings only when a sale or release
 * changes it, so what a listing shows and what makes it stale are defined once, here (docs/decisions/0009).
 */
export function stockLevelOf(stock: number): TStockLevel {
  if (stock <= 0) return 'out_of_stock';
  return stock <= LOW_STOCK_THRESHOLD ? 'low_stock' : 'in_stock';
}

/**
 * The `sizes` of the storefront's first images: the product page's main image and the cards of product grids. The
 * web app renders its `<img>` with them and the API's page head preloads the same srcset entry with them: the
 * browser must pick one file for both, or it downloads the image twice.
 */
export const IMAGE_SIZES = {
  productMain: '(min-width: 1024px) 50vw, 100vw',
  productCard: '(min-width: 1280px) 300px, (min-width: 1024px) 25vw, (min-width: 640px) 33vw, 50vw',
} as const;

/**
 * The id of the `<script type="application/json">` in which the server puts the API responses a page needs first
 * (by path: `{"/api/products/lamp": {…}}`), so the web app renders it without waiting for those requests.
 */
export const PREFETCHED_RESPONSES_ID = 'prefetched-api-responses';

/** Products per page of a storefront listing (category, search): what the web app asks for. */
export const LISTING_PAGE_SIZE = 24;

/** Longest query accepted (characters, after trimming) and most words: every search costs a bounded amount of work. */
export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_MAX_WORDS = 10;

/**
 * Price bands offered as a facet, in minor units of the store currency: `min` inclusive, `max` exclusive (null: no
 * upper end). The id is what the URL carries (`price=2500-5000`).
 */
export const PRICE_BANDS = [
  { id: '0-2500', min: 0, max: 2500 },
  { id: '2500-5000', min: 2500, max: 5000 },
  { id: '5000-10000', min: 5000, max: 10_000 },
  { id: '10000-25000', min: 10_000, max: 25_000 },
  { id: '25000-', min: 25_000, max: null },
] as const;
export type TPriceBandId = (typeof PRICE_BANDS)[number]['id'];

export const SEARCH_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'name'] as const;
/** Products in the header's suggestion list. */
export const SUGGEST_LIMIT = 8;
