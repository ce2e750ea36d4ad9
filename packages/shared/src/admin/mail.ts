import { z } from 'zod';
import { pagedSchema, ZIsoDateTimeSchema, ZObjectIdSchema, ZPageQuerySchema } from '../common.js';

export const ZMailStatusSchema = z.enum(['stored', 'queued', 'sent', 'failed']);

export const ZOutboxQuerySchema = ZPageQuerySchema.extend({
  to: z.string().trim().toLowerCase().max(254).optional(),
  tag: z.string().max(64).optional(),
});

export const ZOutboxSummarySchema = z.object({
  id: ZObjectIdSchema,
  to: z.string(),
  subject: z.string(),
  tag: z.string(),
  status: ZMailStatusSchema,
  createdAt: ZIsoDateTimeSchema,
});
export type TOutboxSummary = z.infer<typeof ZOutboxSummarySchema>;

export const ZOutboxListResponseSchema = pagedSchema(ZOutboxSummarySchema);

/** `text` and `html` are null once the body was purged (MAIL_BODY_RETENTION_DAYS after delivery). */
export const ZOutboxMessageSchema = ZOutboxSummarySchema.extend({
  text: z.string().nullable(),
  html: z.string().nullable(),
});
export type TOutboxMessage = z.infer<typeof ZOutboxMessageSchema>;
