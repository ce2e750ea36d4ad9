import { z } from 'zod';
import { pagedSchema, ZIsoDateTimeSchema, ZObjectIdSchema, ZPageQuerySchema } from '../common.js';
import { ZMinorAmountSchema } from '../money.js';

export const ZCouponTypeSchema = z.enum(['percent', 'fixed']);
/** Codes are case-insensitive: stored and compared upper-cased. */
export const ZCouponCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{2,39}$/, 'must be 3–40 letters, digits, dashes or underscores');

const couponFields = {
  code: ZCouponCodeSchema,
  description: z.string().trim().max(200).default(''),
  type: ZCouponTypeSchema,
  /** percent: 1–100; fixed: minor units. */
  value: z.number().int().min(1),
  startsAt: ZIsoDateTimeSchema.nullable().default(null),
  endsAt: ZIsoDateTimeSchema.nullable().default(null),
  minSubtotal: ZMinorAmountSchema.default(0),
  usageLimit: z.number().int().min(1).nullable().default(null),
  perCustomerLimit: z.number().int().min(1).nullable().default(1),
  active: z.boolean().default(true),
  categoryIds: z.array(ZObjectIdSchema).max(50).default([]),
};

function checkCoupon(
  value: { type?: string; value?: number; startsAt?: string | null; endsAt?: string | null },
  ctx: z.RefinementCtx,
) {
  if (value.type === 'percent' && value.value !== undefined && value.value > 100) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'a percentage must be between 1 and 100' });
  }
  if (value.startsAt && value.endsAt && Date.parse(value.endsAt) <= Date.parse(value.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  }
}

export const ZCouponInputSchema = z.strictObject(couponFields).superRefine(checkCoupon);
export type TCouponInput = z.infer<typeof ZCouponInputSchema>;

export const ZCouponPatchSchema = z
  .strictObject({
    description: couponFields.description.optional(),
    value: couponFields.value.optional(),
    type: ZCouponTypeSchema.optional(),
    startsAt: ZIsoDateTimeSchema.nullable().optional(),
    endsAt: ZIsoDateTimeSchema.nullable().optional(),
    minSubtotal: ZMinorAmountSchema.optional(),
    usageLimit: z.number().int().min(1).nullable().optional(),
    perCustomerLimit: z.number().int().min(1).nullable().optional(),
    active: z.boolean().optional(),
    categoryIds: z.array(ZObjectIdSchema).max(50).optional(),
  })
  .superRefine(checkCoupon);
export type TCouponPatch = z.infer<typeof ZCouponPatchSchema>;

export const ZCouponSchema = z.object({
  id: ZObjectIdSchema,
  code: z.string(),
  description: z.string(),
  type: ZCouponTypeSchema,
  value: z.number().int(),
  startsAt: ZIsoDateTimeSchema.nullable(),
  endsAt: ZIsoDateTimeSchema.nullable(),
  minSubtotal: z.number().int(),
  usageLimit: z.number().int().nullable(),
  perCustomerLimit: z.number().int().nullable(),
  active: z.boolean(),
  categoryIds: z.array(ZObjectIdSchema),
  redeemedCount: z.number().int(),
  reservedCount: z.number().int(),
  source: z.enum(['admin', 'loyalty']),
  ownerUserId: ZObjectIdSchema.nullable(),
  createdAt: ZIsoDateTimeSchema,
});
export type TCoupon = z.infer<typeof ZCouponSchema>;

export const ZCouponQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().max(40).optional(),
  source: z.enum(['all', 'admin', 'loyalty']).default('admin'),
});
export const ZCouponListResponseSchema = pagedSchema(ZCouponSchema);
