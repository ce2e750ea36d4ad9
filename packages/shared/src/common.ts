import { z } from 'zod';
import { OBJECT_ID_PATTERN } from './constants.js';

/** A MongoDB ObjectId as 24 lowercase hex characters: the only id format the API accepts in paths and bodies. */
export const ZObjectIdSchema = z.string().regex(OBJECT_ID_PATTERN, 'must be a 24-character hex id');

/** Emails are trimmed and lower-cased before anything else, so uniqueness holds regardless of case. */
export const ZEmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('must be a valid email address'));

export const ZIsoDateTimeSchema = z.iso.datetime({ offset: true });

/** Paging query shared by every list endpoint. */
export const ZPageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZPageInfoSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  totalPages: z.number().int(),
});
export type TPageInfo = z.infer<typeof ZPageInfoSchema>;

/** Builds the response schema of a paged list of `item`. */
export function pagedSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), pageInfo: ZPageInfoSchema });
}

export function pageInfo(page: number, pageSize: number, total: number): TPageInfo {
  return { page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** For POSTs that carry no data: no body, `null`, or `{}`; anything else is refused. */
export const ZEmptyBodySchema = z.strictObject({}).nullish();
