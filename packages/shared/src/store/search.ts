import { z } from 'zod';
import { ZObjectIdSchema } from '../common.js';
import { ZCurrencySchema, ZMinorAmountSchema } from '../money.js';
import {
  PRICE_BANDS,
  SEARCH_MAX_LENGTH,
  SEARCH_MAX_WORDS,
  SEARCH_SORTS,
  SUGGEST_LIMIT,
  type TPriceBandId,
} from '../constants.js';
import { ZCategorySummarySchema, ZImageSchema, ZProductSummarySchema, ZSlugSchema } from './catalog.js';
import {
  commaList,
  ZFacetValueSchema,
  ZQueryBooleanSchema,
  ZOptionChoicesSchema,
  ZOptionFacetsSchema,
} from './facets.js';

const PRICE_BAND_IDS = PRICE_BANDS.map((band) => band.id) as [TPriceBandId, ...TPriceBandId[]];

/** Words as the API counts them (runs of letters and digits); the API folds and bounds them again. */
const countWords = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;

const ZSearchTextSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(SEARCH_MAX_LENGTH, `must be at most ${SEARCH_MAX_LENGTH} characters`)
  .refine((text) => countWords(text) <= SEARCH_MAX_WORDS, `must have at most ${SEARCH_MAX_WORDS} words`);

export const ZSearchSortSchema = z.enum(SEARCH_SORTS);
export type TSearchSort = z.infer<typeof ZSearchSortSchema>;

/**
 * `GET /api/search`. Values of one facet are alternatives (`category=kitchen,audio` is either), facets combine with
 * AND; each facet's counts ignore its own selection, so the other values stay visible and countable.
 */
export const ZSearchQuerySchema = z.strictObject({
  q: ZSearchTextSchema,
  category: commaList(ZSlugSchema, 20).optional(),
  price: commaList(z.enum(PRICE_BAND_IDS), PRICE_BANDS.length).optional(),
  inStock: ZQueryBooleanSchema.optional(),
  /** Option values as `Name:Value` (`option=Size:M,Size:L,Colour:Blue`); values of one option are alternatives. */
  option: ZOptionChoicesSchema.optional(),
  sort: ZSearchSortSchema.default('relevance'),
  page: z.coerce.number().int().min(1).max(100).default(1),
  pageSize: z.coerce.number().int().min(1).max(48).default(24),
});
export type TSearchQuery = z.infer<typeof ZSearchQuerySchema>;

export const ZSearchFacetsSchema = z.object({
  category: z.array(ZFacetValueSchema),
  price: z.array(ZFacetValueSchema),
  /** Products in stock among the results (with every other facet applied). */
  inStock: z.number().int(),
  options: ZOptionFacetsSchema,
});
export type TSearchFacets = z.infer<typeof ZSearchFacetsSchema>;

export const ZSearchResponseSchema = z.object({
  items: z.array(ZProductSummarySchema),
  pageInfo: z.object({
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    totalPages: z.number().int(),
  }),
  facets: ZSearchFacetsSchema,
  /**
   * True when more products matched than one search examines (the API's candidate limit): `total` and the counts
   * are then those of the best candidates found, and the shopper should narrow the query.
   */
  isCapped: z.boolean(),
  /** For a query that found nothing: the closest query that finds something, ready to link to; else null. */
  didYouMean: z.string().nullable(),
});
export type TSearchResponse = z.infer<typeof ZSearchResponseSchema>;

/** `GET /api/search/suggest`: what the header shows while a shopper types (the last word may be half typed). */
export const ZSuggestQuerySchema = z.strictObject({ q: ZSearchTextSchema });
export type TSuggestQuery = z.infer<typeof ZSuggestQuerySchema>;

export const ZSuggestionSchema = z.object({
  id: ZObjectIdSchema,
  slug: z.string(),
  name: z.string(),
  price: ZMinorAmountSchema,
  currency: ZCurrencySchema,
  /** The smallest rendition of the first image. */
  thumbnail: ZImageSchema.pick({ src: true, alt: true, width: true, height: true }).nullable(),
  category: ZCategorySummarySchema.nullable(),
  inStock: z.boolean(),
});
export type TSuggestion = z.infer<typeof ZSuggestionSchema>;

export const ZSuggestResponseSchema = z.object({
  products: z.array(ZSuggestionSchema).max(SUGGEST_LIMIT),
  categories: z.array(ZCategorySummarySchema),
});
export type TSuggestResponse = z.infer<typeof ZSuggestResponseSchema>;
