import { z } from 'zod';
import { pagedSchema, ZIsoDateTimeSchema, ZObjectIdSchema, ZPageQuerySchema } from '../common.js';
import { ZCurrencySchema, ZMinorAmountSchema } from '../money.js';

/** Countries the shop ships to (ISO 3166-1 alpha-2). */
export const SHIPPING_COUNTRIES = [
  'US',
  'CA',
  'GB',
  'IE',
  'FR',
  'DE',
  'NL',
  'BE',
  'LU',
  'ES',
  'PT',
  'IT',
  'AT',
  'CH',
  'SE',
  'DK',
  'NO',
  'FI',
  'PL',
  'CZ',
  'AU',
  'NZ',
  'JP',
] as const;
export const ZCountrySchema = z.enum(SHIPPING_COUNTRIES);

export const ZShippingAddressSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  line1: z.string().trim().min(1, 'is required').max(200),
  line2: z.string().trim().max(200).default(''),
  city: z.string().trim().min(1, 'is required').max(100),
  postalCode: z
    .string()
    .trim()
    .min(2, 'is required')
    .max(12)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'must be letters, digits, spaces or dashes'),
  country: ZCountrySchema,
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number (digits, spaces, +, -, parentheses)'),
});
export type TShippingAddress = z.infer<typeof ZShippingAddressSchema>;

export const ZCheckoutRequestSchema = z.strictObject({
  shippingAddress: ZShippingAddressSchema,
  /** The cart fingerprint the shopper was shown; a different current cart is refused with CART_CHANGED. */
  cartFingerprint: z.string().min(8).max(64),
});
export type TCheckoutRequest = z.infer<typeof ZCheckoutRequestSchema>;

export const ZCheckoutResponseSchema = z.object({
  orderId: ZObjectIdSchema,
  orderNumber: z.string(),
  checkoutUrl: z.url(),
});

export const ZConfirmCheckoutSchema = z.strictObject({
  sessionId: z.string().regex(/^cs_[A-Za-z0-9_]{6,200}$/, 'is not a checkout session id'),
});

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'cancelled',
  'payment_failed',
  'refunded',
  'partially_refunded',
] as const;
export const ZOrderStatusSchema = z.enum(ORDER_STATUSES);
export type TOrderStatus = z.infer<typeof ZOrderStatusSchema>;

export const ZOrderLineSchema = z.object({
  productId: ZObjectIdSchema,
  /** Null on orders placed before variants existed (they bought the product's only variant). */
  variantId: ZObjectIdSchema.nullable(),
  variantTitle: z.string(),
  sku: z.string().nullable(),
  slug: z.string(),
  name: z.string(),
  imageSrc: z.string().nullable(),
  unitPrice: ZMinorAmountSchema,
  quantity: z.number().int(),
  lineTotal: ZMinorAmountSchema,
  discount: ZMinorAmountSchema,
});

export const ZTimelineEntrySchema = z.object({
  at: ZIsoDateTimeSchema,
  status: ZOrderStatusSchema.nullable(),
  note: z.string(),
});

export const ZOrderSummarySchema = z.object({
  id: ZObjectIdSchema,
  number: z.string(),
  status: ZOrderStatusSchema,
  currency: ZCurrencySchema,
  total: ZMinorAmountSchema,
  itemCount: z.number().int(),
  createdAt: ZIsoDateTimeSchema,
  paidAt: ZIsoDateTimeSchema.nullable(),
});
export type TOrderSummary = z.infer<typeof ZOrderSummarySchema>;

export const ZOrderSchema = ZOrderSummarySchema.extend({
  lines: z.array(ZOrderLineSchema),
  subtotal: ZMinorAmountSchema,
  discount: ZMinorAmountSchema,
  shipping: ZMinorAmountSchema,
  couponCode: z.string().nullable(),
  amountRefunded: ZMinorAmountSchema,
  shippingAddress: ZShippingAddressSchema,
  timeline: z.array(ZTimelineEntrySchema),
  /** Where to pay while the order awaits payment (the hosted checkout page); null afterwards. */
  checkoutUrl: z.string().nullable(),
});
export type TOrder = z.infer<typeof ZOrderSchema>;

export const ZOrderListQuerySchema = ZPageQuerySchema;
export const ZOrderListResponseSchema = pagedSchema(ZOrderSummarySchema);

export const ZNotificationSchema = z.object({
  id: ZObjectIdSchema,
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: ZIsoDateTimeSchema,
  readAt: ZIsoDateTimeSchema.nullable(),
});
export const ZNotificationListResponseSchema = z.object({
  items: z.array(ZNotificationSchema),
  unreadCount: z.number().int(),
});
export const ZMarkNotificationsReadSchema = z.strictObject({ ids: z.array(ZObjectIdSchema).max(100).optional() });
