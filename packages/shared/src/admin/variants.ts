import { z } from 'zod';
import { ZObjectIdSchema } from '../common.js';
import { ZMinorAmountSchema } from '../money.js';
import { ZProductVariantSchema } from '../store/catalog.js';
import {
  MAX_PRODUCT_OPTIONS,
  MAX_PRODUCT_VARIANTS,
  ZOptionValueSchema,
  ZProductOptionSchema,
  ZSkuSchema,
} from '../store/variants.js';

/** Units on the shelf, as staff set them (a product sold one way, or one variant). */
export const ZStockSchema = z.number().int('must be a whole number').min(0, 'cannot be negative').max(1_000_000);

/** One variant as staff edit it; `id` keeps an existing variant (its reserved and sold units stay with it). */
export const ZVariantInputSchema = z.strictObject({
  id: ZObjectIdSchema.optional(),
  sku: ZSkuSchema,
  barcode: z.string().trim().max(64).nullable().default(null),
  optionValues: z.array(ZOptionValueSchema).max(MAX_PRODUCT_OPTIONS).default([]),
  price: ZMinorAmountSchema,
  /**
   * `null`: none. Left out: a kept variant keeps its own, a new one takes the product's (as the issue asks: a variant
   * added to a product on sale is on sale too, until staff say otherwise).
   */
  compareAtPrice: ZMinorAmountSchema.nullable().optional(),
  stock: ZStockSchema,
  imageIds: z.array(ZObjectIdSchema).max(12).default([]),
  active: z.boolean().default(true),
});
export type TVariantInput = z.infer<typeof ZVariantInputSchema>;

/** The whole set of a product's options and variants: what the admin variant table saves. */
export const ZProductVariantsInputSchema = z.strictObject({
  options: z.array(ZProductOptionSchema).max(MAX_PRODUCT_OPTIONS, `at most ${MAX_PRODUCT_OPTIONS} options`).default([]),
  variants: z
    .array(ZVariantInputSchema)
    .min(1, 'a product needs at least one variant')
    .max(MAX_PRODUCT_VARIANTS, `at most ${MAX_PRODUCT_VARIANTS} variants per product`),
});
export type TProductVariantsInput = z.infer<typeof ZProductVariantsInputSchema>;

/** A counted change of one variant's stock (a delivery, a stock-take, breakage), audited with its reason. */
export const ZStockAdjustmentSchema = z.strictObject({
  delta: z
    .number()
    .int('must be a whole number')
    .min(-1_000_000)
    .max(1_000_000)
    .refine((delta) => delta !== 0, 'must not be 0'),
  reason: z.string().trim().min(1, 'is required').max(200),
});
export type TStockAdjustment = z.infer<typeof ZStockAdjustmentSchema>;

export const ZVariantParamsSchema = z.strictObject({ id: ZObjectIdSchema, variantId: ZObjectIdSchema });

/** A variant as staff see it: with its held and sold units and its barcode. */
export const ZAdminVariantSchema = ZProductVariantSchema.extend({
  barcode: z.string().nullable(),
  reserved: z.number().int(),
  sold: z.number().int(),
});
