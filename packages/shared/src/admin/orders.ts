import { z } from 'zod';
import { pagedSchema, ZIsoDateTimeSchema, ZPageQuerySchema } from '../common.js';
import { ZMinorAmountSchema } from '../money.js';
import { ZOrderSchema, ZOrderStatusSchema, ZOrderSummarySchema } from '../store/orders.js';

export const ZAdminOrderQuerySchema = ZPageQuerySchema.extend({
  status: ZOrderStatusSchema.optional(),
  from: ZIsoDateTimeSchema.optional(),
  to: ZIsoDateTimeSchema.optional(),
  /** Order number or (part of) the customer's email. */
  q: z.string().trim().max(100).optional(),
  customerId: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
});

export const ZAdminOrderSummarySchema = ZOrderSummarySchema.extend({ email: z.string(), customerName: z.string() });
export const ZAdminOrderListResponseSchema = pagedSchema(ZAdminOrderSummarySchema);

export const ZRefundSchema = z.object({
  id: z.string(),
  amount: ZMinorAmountSchema,
  restocked: z.boolean(),
  reason: z.string(),
  createdAt: ZIsoDateTimeSchema,
});

export const ZAdminOrderSchema = ZOrderSchema.extend({
  email: z.string(),
  customerName: z.string(),
  userId: z.string(),
  refunds: z.array(ZRefundSchema),
  payment: z.object({
    checkoutSessionId: z.string().nullable(),
    paymentIntentId: z.string().nullable(),
    amountPaid: ZMinorAmountSchema,
  }),
  /** Transitions the transition table allows from the current status (drives the admin's buttons). */
  allowedTransitions: z.array(ZOrderStatusSchema),
});
export type TAdminOrder = z.infer<typeof ZAdminOrderSchema>;

export const ZOrderStatusChangeSchema = z.strictObject({
  status: z.enum(['shipped', 'delivered']),
  note: z.string().trim().max(500).optional(),
});
export const ZCancelOrderSchema = z.strictObject({ reason: z.string().trim().min(1, 'is required').max(500) });
export const ZRefundRequestSchema = z.strictObject({
  /** Minor units; omitted = everything not yet refunded. */
  amount: ZMinorAmountSchema.min(1).optional(),
  restock: z.boolean().default(false),
  reason: z.string().trim().max(500).default(''),
  /** Makes a retried refund request safe: the same key never refunds twice. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/),
});

/** An IANA time zone the runtime knows (e.g. Europe/Paris), so daily buckets follow the shop's local day. */
export const ZTimeZoneSchema = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Paris' },
);

export const ZSalesSummaryQuerySchema = z
  .strictObject({ from: ZIsoDateTimeSchema, to: ZIsoDateTimeSchema, tz: ZTimeZoneSchema.default('UTC') })
  .refine((query) => Date.parse(query.to) > Date.parse(query.from), { message: 'must be after from', path: ['to'] })
  .refine((query) => Date.parse(query.to) - Date.parse(query.from) <= 366 * 86_400_000, {
    message: 'the range can be at most 366 days',
    path: ['to'],
  });
export const ZSalesSummarySchema = z.object({
  currency: z.string(),
  revenue: z.number().int(),
  orders: z.number().int(),
  averageOrderValue: z.number().int(),
  customers: z.number().int(),
  topProducts: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      revenue: z.number().int(),
      /** What each variant (size, colour) of the product sold, best first. */
      variants: z.array(
        z.object({
          variantId: z.string(),
          title: z.string(),
          sku: z.string().nullable(),
          quantity: z.number().int(),
          revenue: z.number().int(),
        }),
      ),
    }),
  ),
  daily: z.array(z.object({ date: z.string(), revenue: z.number().int(), orders: z.number().int() })),
});
export type TSalesSummary = z.infer<typeof ZSalesSummarySchema>;
