import { z } from 'zod';
import { pagedSchema, ZIsoDateTimeSchema, ZObjectIdSchema } from '../common.js';
import { STOCK_LEVELS } from '../constants.js';
import { ZCurrencySchema, ZMinorAmountSchema } from '../money.js';
import { ZOptionChoicesSchema, ZOptionFacetsSchema, ZQueryBooleanSchema } from './facets.js';

export const ZSlugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single dashes');

export const ZImageSchema = z.object({
  id: ZObjectIdSchema,
  alt: z.string(),
  /** A mid-size WebP rendition; `srcset` lists every width for responsive images. */
  src: z.string(),
  srcset: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
export type TImage = z.infer<typeof ZImageSchema>;

export const ZCategorySummarySchema = z.object({ id: ZObjectIdSchema, slug: z.string(), name: z.string() });

export const ZCategorySchema = ZCategorySummarySchema.extend({
  description: z.string(),
  image: ZImageSchema.nullable(),
  sortOrder: z.number().int(),
  productCount: z.number().int(),
});
export type TCategory = z.infer<typeof ZCategorySchema>;
export const ZCategoryListResponseSchema = z.object({ items: z.array(ZCategorySchema) });

export const ZAttributeSchema = z.object({ key: z.string(), value: z.string() });

// LOW_STOCK_THRESHOLD, STOCK_LEVELS and stockLevelOf live in ../constants.ts (zod-free, for the storefront bundle).
export const ZStockLevelSchema = z.enum(STOCK_LEVELS);

/** A product in a listing: no exact count (see `stockLevelOf`); the product's page has it. */
export const ZProductSummarySchema = z.object({
  id: ZObjectIdSchema,
  slug: z.string(),
  name: z.string(),
  /** The lowest price of its variants: listings say "from" it when `maxPrice` is higher. */
  price: ZMinorAmountSchema,
  maxPrice: ZMinorAmountSchema,
  compareAtPrice: ZMinorAmountSchema.nullable(),
  currency: ZCurrencySchema,
  image: ZImageSchema.nullable(),
  category: ZCategorySummarySchema.nullable(),
  inStock: z.boolean(),
  stockLevel: ZStockLevelSchema,
  featured: z.boolean(),
  createdAt: ZIsoDateTimeSchema,
});
export type TProductSummary = z.infer<typeof ZProductSummarySchema>;

/** One way a product is sold (a size and colour), as its page offers it. */
export const ZProductVariantSchema = z.object({
  id: ZObjectIdSchema,
  /** "Blue / M"; "Default" for a product sold one way. */
  title: z.string(),
  /** One value per product option, in option order. */
  optionValues: z.array(z.string()),
  sku: z.string(),
  price: ZMinorAmountSchema,
  compareAtPrice: ZMinorAmountSchema.nullable(),
  /** Units available to buy right now. */
  stock: z.number().int(),
  /** Images shown for this variant (ids among the product's `images`); empty: the product's images. */
  imageIds: z.array(ZObjectIdSchema),
  /** False for a variant the shop stopped selling: shown as unavailable, never hidden. */
  isAvailable: z.boolean(),
});
export type TProductVariant = z.infer<typeof ZProductVariantSchema>;

export const ZProductSchema = ZProductSummarySchema.extend({
  /** Units available to buy right now over every variant, exact (a product's page is invalidated by every sale). */
  stock: z.number().int(),
  description: z.string(),
  images: z.array(ZImageSchema),
  attributes: z.array(ZAttributeSchema),
  /** 0–3 options (Size, Colour) with their values in display order. */
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  /** 1–100; exactly one, titled "Default", for a product without options. */
  variants: z.array(ZProductVariantSchema),
  updatedAt: ZIsoDateTimeSchema,
});
export type TProduct = z.infer<typeof ZProductSchema>;

export const PRODUCT_SORTS = ['newest', 'price_asc', 'price_desc', 'name'] as const;
export const ZProductSortSchema = z.enum(PRODUCT_SORTS);
export type TProductSort = z.infer<typeof ZProductSortSchema>;

export const ZProductListQuerySchema = z
  .strictObject({
    category: ZSlugSchema.optional(),
    q: z.string().trim().max(100).optional(),
    minPrice: z.coerce.number().int().min(0).optional(),
    maxPrice: z.coerce.number().int().min(0).optional(),
    inStock: ZQueryBooleanSchema.optional(),
    /** Option values as `Name:Value` (`option=Size:M,Size:L`): products with one variant on sale having them. */
    option: ZOptionChoicesSchema.optional(),
    sort: ZProductSortSchema.default('newest'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(24),
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: 'must not be greater than maxPrice',
    path: ['minPrice'],
  });
export type TProductListQuery = z.infer<typeof ZProductListQuerySchema>;

/**
 * A listing page with its option facets: per option (Size, Colour) of the listed products, how many have each value
 * on sale with the listing's other filters and other option choices applied. `isCapped` when the listing holds more
 * products with options than one answer counts (the API's bound): the counts are then those of the newest ones.
 */
export const ZProductListResponseSchema = pagedSchema(ZProductSummarySchema).extend({
  facets: z.object({ options: ZOptionFacetsSchema, isCapped: z.boolean() }),
});
export type TProductListResponse = z.infer<typeof ZProductListResponseSchema>;
export const ZProductItemsResponseSchema = z.object({ items: z.array(ZProductSummarySchema) });
export const ZSlugParamsSchema = z.strictObject({ slug: ZSlugSchema });
