import { z } from 'zod';
import { ZIsoDateTimeSchema, ZObjectIdSchema } from './common.js';
import { ZUserSchema } from './auth.js';
import { ZOrderSchema } from './store/orders.js';

/**
 * The words shown next to the marketing choice (signup and the Privacy page). Changing them means a new version: a
 * choice is only as good as the wording the person saw, so the version is stored with every choice.
 */
export const MARKETING_WORDING = {
  version: '2026-12-01',
  text: 'Email me offers and personal discount codes. You can unsubscribe at any time.',
} as const;

/** Re-entering the password opens a short window in which the account's data can be exported. */
export const ZReauthenticateRequestSchema = z.strictObject({
  password: z.string().min(1, 'is required').max(128),
});
export const ZReauthenticateResponseSchema = z.object({ validUntil: ZIsoDateTimeSchema });

/** Erasing one's own account needs the password; the typed confirmation lives in the page, not the API. */
export const ZEraseAccountRequestSchema = z.strictObject({
  password: z.string().min(1, 'is required').max(128),
});

/** Staff erasure always says why (kept in the audit log). */
export const ZAdminEraseUserRequestSchema = z.strictObject({
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(500),
});

export const ZEraseResultSchema = z.object({
  erased: z.literal(true),
  ordersAnonymised: z.number().int().nonnegative(),
  emailsDeleted: z.number().int().nonnegative(),
});
export type TEraseResult = z.infer<typeof ZEraseResultSchema>;

export const ZMarketingConsentRequestSchema = z.strictObject({ optedIn: z.boolean() });

export const ZUnsubscribeRequestSchema = z.strictObject({ token: z.string().min(10).max(300) });
export const ZUnsubscribeResponseSchema = z.object({ status: z.literal('unsubscribed') });

/** What the account's Privacy page shows. */
export const ZPrivacySettingsSchema = z.object({
  marketing: z.object({
    optedIn: z.boolean(),
    updatedAt: ZIsoDateTimeSchema.nullable(),
    wordingVersion: z.string().nullable(),
  }),
  /** The wording shown next to the choice now (its version is recorded with the choice). */
  marketingWording: z.object({ version: z.string(), text: z.string() }),
  /** Until when an export can be downloaded without entering the password again; null when it must be entered. */
  exportAllowedUntil: ZIsoDateTimeSchema.nullable(),
  retentionDays: z.object({
    sessions: z.number().int(),
    carts: z.number().int(),
    emailBodies: z.number().int(),
    unpaidOrders: z.number().int(),
  }),
});
export type TPrivacySettings = z.infer<typeof ZPrivacySettingsSchema>;

/** An order as the shopper sees it, plus who it was for, what was paid and the refunds. */
const ZExportOrderSchema = ZOrderSchema.omit({ checkoutUrl: true }).extend({
  email: z.string(),
  customerName: z.string(),
  amountPaid: z.number().int(),
  refunds: z.array(z.object({ amount: z.number().int(), reason: z.string(), createdAt: ZIsoDateTimeSchema })),
});

/** GET /api/account/export: everything the shop holds about the signed-in person, and nothing about anyone else. */
export const ZAccountExportSchema = z.object({
  format: z.literal('mercato.account-export.v1'),
  exportedAt: ZIsoDateTimeSchema,
  profile: ZUserSchema.extend({ status: z.string(), verifiedAt: ZIsoDateTimeSchema.nullable() }),
  orders: z.array(ZExportOrderSchema),
  sessions: z.array(
    z.object({
      id: ZObjectIdSchema,
      userAgent: z.string(),
      ip: z.string(),
      createdAt: ZIsoDateTimeSchema,
      lastUsedAt: ZIsoDateTimeSchema,
      expiresAt: ZIsoDateTimeSchema,
      revokedAt: ZIsoDateTimeSchema.nullable(),
    }),
  ),
  notifications: z.array(
    z.object({
      title: z.string(),
      body: z.string(),
      createdAt: ZIsoDateTimeSchema,
      readAt: ZIsoDateTimeSchema.nullable(),
    }),
  ),
  personalCoupons: z.array(
    z.object({
      code: z.string(),
      description: z.string(),
      value: z.number(),
      type: z.string(),
      endsAt: ZIsoDateTimeSchema.nullable(),
      redeemed: z.boolean(),
    }),
  ),
  consents: z.array(
    z.object({
      purpose: z.string(),
      granted: z.boolean(),
      wordingVersion: z.string(),
      source: z.string(),
      at: ZIsoDateTimeSchema,
    }),
  ),
  emails: z.array(
    z.object({
      subject: z.string(),
      tag: z.string(),
      status: z.string(),
      createdAt: ZIsoDateTimeSchema,
      sentAt: ZIsoDateTimeSchema.nullable(),
      text: z.string().nullable(),
    }),
  ),
  cart: z
    .object({
      items: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
      updatedAt: ZIsoDateTimeSchema,
    })
    .nullable(),
});
export type TAccountExport = z.infer<typeof ZAccountExportSchema>;
