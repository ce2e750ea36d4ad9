import { z } from 'zod';
import { pagedSchema, ZIsoDateTimeSchema, ZObjectIdSchema, ZPageQuerySchema } from '../common.js';
import { ZRoleSchema } from '../auth.js';

export const ZUserStatusSchema = z.enum(['pending', 'active', 'disabled']);

export const ZAdminUserSchema = z.object({
  id: ZObjectIdSchema,
  email: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  status: ZUserStatusSchema,
  createdAt: ZIsoDateTimeSchema,
});
export type TAdminUser = z.infer<typeof ZAdminUserSchema>;

export const ZAdminUserQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  role: ZRoleSchema.optional(),
  status: ZUserStatusSchema.optional(),
});
export const ZAdminUserListResponseSchema = pagedSchema(ZAdminUserSchema);

/** Staff can change a role or disable/re-enable an account; nothing else about a user is theirs to edit. */
export const ZAdminUserPatchSchema = z
  .strictObject({ role: ZRoleSchema.optional(), status: z.enum(['active', 'disabled']).optional() })
  .refine((patch) => patch.role !== undefined || patch.status !== undefined, { message: 'send role and/or status' });
