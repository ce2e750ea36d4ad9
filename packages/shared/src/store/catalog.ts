import { z } from 'zod';
import { pagedSchema, ZIsoDateTimeSchema, ZObjectIdSchema } from '../common.js';
import { ZCurrencySchema, ZMinorAmountSchema } from '../money.js';

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

/** At or below this many units a product is low on stock: listings say so, its page says exactly how many are left. */
export const LOW_STOCK_THRESHOLD = 5;

export const STOCK_LEVELS = ['in_stock', 'low_stock', 'out_of_stock'] as const;
export const ZStockLevelSchema = z.enum(STOCK_LEVELS);
export type TStockLevel = z.infer<typeof ZStockLevelSchema>;

/**
 * The coarse stock state listings show. The API also invalidates cached listings only when a sale or release
 * changes it, so what a listing shows and what makes it stale are defined once, here (docs/decisions/0009).
 */
export function stockLevelOf(stock: number): TStockLevel {
  if (stock <= 0) return 'out_of_stock';
  return stock <= LOW_STOCK_THRESHOLD ? 'low_stock' : 'in_stock';
}

/** A product in a listing: no exact count (see `stockLevelOf`); the product's page has it. */
export const ZProductSummarySchema = z.object({
  id: ZObjectIdSchema,
  slug: z.string(),
  name: z.string(),
  price: ZMinorAmountSchema,
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

export const ZProductSchema = ZProductSummarySchema.extend({
  /** Units available to buy right now, exact (a product's page is invalidated by every sale). */
  stock: z.number().int(),
  description: z.string(),
  images: z.array(ZImageSchema),
  attributes: z.array(ZAttributeSchema),
  updatedAt: ZIsoDateTimeSchema,
});
export type TProduct = z.infer<typeof ZProductSchema>;

export const PRODUCT_SORTS = ['newest', 'price_asc', 'price_desc', 'name'] as const;
export const ZProductSortSchema = z.enum(PRODUCT_SORTS);
export type TProductSort = z.infer<typeof ZProductSortSchema>;

const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const ZProductListQuerySchema = z
  .strictObject({
    category: ZSlugSchema.optional(),
    q: z.string().trim().max(100).optional(),
    minPrice: z.coerce.number().int().min(0).optional(),
    maxPrice: z.coerce.number().int().min(0).optional(),
    inStock: booleanQuery.optional(),
    sort: ZProductSortSchema.default('newest'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(24),
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: 'must not be greater than maxPrice',
    path: ['minPrice'],
  });
export type TProductListQuery = z.infer<typeof ZProductListQuerySchema>;

export const ZProductListResponseSchema = pagedSchema(ZProductSummarySchema);
export const ZProductItemsResponseSchema = z.object({ items: z.array(ZProductSummarySchema) });
export const ZSlugParamsSchema = z.strictObject({ slug: ZSlugSchema });
