import { z } from 'zod';
import { pagedSchema, ZIsoDateTimeSchema, ZObjectIdSchema, ZPageQuerySchema } from '../common.js';
import { ZMinorAmountSchema } from '../money.js';
import { ZCategorySchema, ZImageSchema, ZProductSchema, ZSlugSchema } from '../store/catalog.js';
import { ZSkuSchema } from '../store/variants.js';
import { ZAdminVariantSchema, ZStockSchema } from './variants.js';

/** Product slugs that would be shadowed by a storefront route (`GET /api/products/featured`). */
export const RESERVED_PRODUCT_SLUGS: readonly string[] = ['featured'];
const ZProductSlugSchema = ZSlugSchema.refine((slug) => !RESERVED_PRODUCT_SLUGS.includes(slug), 'is reserved');

const ZImageRefSchema = z.strictObject({ imageId: ZObjectIdSchema, alt: z.string().trim().max(200).default('') });

export const ZProductInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  slug: ZProductSlugSchema.optional(),
  /** The SKU of the product's one variant; without it, the slug upper-cased (with -2, -3… if that is taken). */
  sku: ZSkuSchema.optional(),
  description: z.string().trim().max(10_000).default(''),
  price: ZMinorAmountSchema,
  compareAtPrice: ZMinorAmountSchema.nullable().default(null),
  categoryId: ZObjectIdSchema.nullable().default(null),
  stock: ZStockSchema.default(0),
  active: z.boolean().default(true),
  featured: z.boolean().default(false),
  images: z.array(ZImageRefSchema).max(12).default([]),
  attributes: z
    .array(z.strictObject({ key: z.string().trim().min(1).max(60), value: z.string().trim().max(300) }))
    .max(30)
    .default([]),
});
export type TProductInput = z.infer<typeof ZProductInputSchema>;

/** Every field optional; what is sent is changed, nothing else. */
export const ZProductPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    slug: ZProductSlugSchema.optional(),
    description: z.string().trim().max(10_000).optional(),
    price: ZMinorAmountSchema.optional(),
    compareAtPrice: ZMinorAmountSchema.nullable().optional(),
    categoryId: ZObjectIdSchema.nullable().optional(),
    stock: ZStockSchema.optional(),
    /**
     * The stock the client read before choosing `stock`. Checkouts move stock all the time, so clients should send
     * it: `stock` is then set only if the shelf still holds exactly this many, and a move meanwhile is a 409 naming
     * `body.stock` with nothing written. Without it `stock` is set as sent, overwriting any units checkouts held or
     * put back since the read (kept for API clients that already set stock outright).
     */
    expectedStock: ZStockSchema.optional(),
    active: z.boolean().optional(),
    featured: z.boolean().optional(),
    images: z.array(ZImageRefSchema).max(12).optional(),
    attributes: z
      .array(z.strictObject({ key: z.string().trim().min(1).max(60), value: z.string().trim().max(300) }))
      .max(30)
      .optional(),
  })
  .refine((patch) => patch.expectedStock === undefined || patch.stock !== undefined, {
    message: 'is sent only with stock',
    path: ['expectedStock'],
  });
export type TProductPatch = z.infer<typeof ZProductPatchSchema>;

/**
 * The quick stock edit: `expectedStock` as in the product patch (the stock the client showed; a move since is a 409),
 * required here: a stock typed over a number checkouts are moving is exactly the write that must not land blind.
 */
export const ZStockUpdateSchema = z.strictObject({ stock: ZStockSchema, expectedStock: ZStockSchema });

export const ZAdminProductSchema = ZProductSchema.extend({
  variants: z.array(ZAdminVariantSchema),
  active: z.boolean(),
  archived: z.boolean(),
  reserved: z.number().int(),
  sold: z.number().int(),
  categoryId: ZObjectIdSchema.nullable(),
});
export type TAdminProduct = z.infer<typeof ZAdminProductSchema>;

export const ZAdminProductQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['all', 'active', 'inactive', 'archived']).default('all'),
  categoryId: ZObjectIdSchema.optional(),
});
export const ZAdminProductListResponseSchema = pagedSchema(ZAdminProductSchema);

export const ZDeleteResultSchema = z.object({ result: z.enum(['deleted', 'archived']) });

export const ZCategoryInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  slug: ZSlugSchema.optional(),
  description: z.string().trim().max(2_000).default(''),
  imageId: ZObjectIdSchema.nullable().default(null),
  sortOrder: z.number().int().min(-10_000).max(10_000).default(0),
});
export const ZCategoryPatchSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100).optional(),
  slug: ZSlugSchema.optional(),
  description: z.string().trim().max(2_000).optional(),
  imageId: ZObjectIdSchema.nullable().optional(),
  sortOrder: z.number().int().min(-10_000).max(10_000).optional(),
});
export type TCategoryInput = z.infer<typeof ZCategoryInputSchema>;

/** Admin category list: `q` matches whole words of the name, slug or description (case- and accent-insensitive). */
export const ZAdminCategoryQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  /** Omitted: every match on one page (the product form's category select needs them all). */
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
export type TAdminCategoryQuery = z.infer<typeof ZAdminCategoryQuerySchema>;
export const ZAdminCategoryListResponseSchema = pagedSchema(ZCategorySchema);
export type TCategoryPatch = z.infer<typeof ZCategoryPatchSchema>;

export const ZUploadedImageSchema = ZImageSchema.extend({ bytes: z.number().int(), createdAt: ZIsoDateTimeSchema });

export const ZAuditEntrySchema = z.object({
  id: ZObjectIdSchema,
  actor: z.object({ id: ZObjectIdSchema, email: z.string() }),
  action: z.string(),
  entity: z.object({ type: z.string(), id: z.string() }),
  before: z.unknown(),
  after: z.unknown(),
  at: ZIsoDateTimeSchema,
});
export const ZAuditQuerySchema = ZPageQuerySchema.extend({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
});
export const ZAuditListResponseSchema = pagedSchema(ZAuditEntrySchema);
