import { z } from 'zod';
import { ZIsoDateTimeSchema, ZObjectIdSchema } from '../common.js';
import { MAX_LINE_QUANTITY } from '../constants.js';
import { ZCurrencySchema, ZMinorAmountSchema } from '../money.js';
import { ZImageSchema } from './catalog.js';

export const ZQuantitySchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`);

/** `variantId` names the size or colour; it may be left out for a product sold one way (its only variant). */
export const ZAddCartItemSchema = z.strictObject({
  productId: ZObjectIdSchema,
  variantId: ZObjectIdSchema.optional(),
  quantity: ZQuantitySchema.default(1),
});
export const ZUpdateCartItemSchema = z.strictObject({ quantity: ZQuantitySchema });
export const ZProductIdParamsSchema = z.strictObject({ productId: ZObjectIdSchema });
/** Which line of a product, when the cart holds several of its variants. */
export const ZCartLineQuerySchema = z.strictObject({ variantId: ZObjectIdSchema.optional() });
export const ZApplyCouponSchema = z.strictObject({ code: z.string().trim().min(1, 'is required').max(40) });

/** A guest cart as kept in the browser: product ids and quantities only, never prices. */
export const ZGuestCartSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({ productId: ZObjectIdSchema, variantId: ZObjectIdSchema.optional(), quantity: ZQuantitySchema }),
    )
    .max(100),
});
export type TGuestCart = z.infer<typeof ZGuestCartSchema>;

export const ZCartNoticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('price_changed'), previousPrice: ZMinorAmountSchema }),
  z.object({ type: z.literal('insufficient_stock'), available: z.number().int() }),
  z.object({ type: z.literal('unavailable') }),
  z.object({ type: z.literal('quantity_adjusted'), requested: z.number().int() }),
]);
export type TCartNotice = z.infer<typeof ZCartNoticeSchema>;

export const ZCartLineSchema = z.object({
  productId: ZObjectIdSchema,
  /** The line's variant: one line per variant, so two sizes of a product are two lines. */
  variantId: ZObjectIdSchema,
  /** "Blue / M"; "Default" for a product sold one way. */
  variantTitle: z.string(),
  sku: z.string(),
  slug: z.string(),
  name: z.string(),
  image: ZImageSchema.nullable(),
  unitPrice: ZMinorAmountSchema,
  quantity: z.number().int(),
  lineTotal: ZMinorAmountSchema,
  /** Units available right now; the quantity selector's maximum is min(available, 99). */
  available: z.number().int(),
  isPurchasable: z.boolean(),
  notices: z.array(ZCartNoticeSchema),
});
export type TCartLine = z.infer<typeof ZCartLineSchema>;

export const ZAppliedCouponSchema = z.object({
  code: z.string(),
  type: z.enum(['percent', 'fixed']),
  value: z.number().int(),
  description: z.string(),
});

export const ZCartSchema = z.object({
  lines: z.array(ZCartLineSchema),
  itemCount: z.number().int(),
  currency: ZCurrencySchema,
  subtotal: ZMinorAmountSchema,
  discount: ZMinorAmountSchema,
  shipping: ZMinorAmountSchema,
  total: ZMinorAmountSchema,
  /** Amount still needed for free shipping, 0 once reached. */
  freeShippingRemaining: ZMinorAmountSchema,
  coupon: ZAppliedCouponSchema.nullable(),
  /** Why the applied coupon gives no discount right now (e.g. it expired or the subtotal fell below its minimum). */
  couponProblem: z.object({ code: z.string(), message: z.string() }).nullable(),
  canCheckout: z.boolean(),
  /** Hash of everything that determines the amount to pay; checkout refuses a cart whose fingerprint changed. */
  fingerprint: z.string(),
  updatedAt: ZIsoDateTimeSchema.nullable(),
});
export type TCart = z.infer<typeof ZCartSchema>;

export const ZPersonalCouponSchema = z.object({
  code: z.string(),
  description: z.string(),
  type: z.enum(['percent', 'fixed']),
  value: z.number().int(),
  endsAt: ZIsoDateTimeSchema.nullable(),
  isUsed: z.boolean(),
});
export const ZPersonalCouponListSchema = z.object({ items: z.array(ZPersonalCouponSchema) });
