import { z } from 'zod';
import { ZEmailSchema, ZIsoDateTimeSchema, ZObjectIdSchema } from './common.js';

export const ROLES = ['customer', 'admin'] as const;
export const ZRoleSchema = z.enum(ROLES);
export type TRole = z.infer<typeof ZRoleSchema>;

/** 8–128 characters; longer inputs are refused rather than silently truncated (bcrypt reads 72 bytes). */
export const ZPasswordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters');
export const ZPersonNameSchema = z.string().trim().min(1, 'is required').max(100);

export const ZSignupRequestSchema = z.strictObject({
  name: ZPersonNameSchema,
  email: ZEmailSchema,
  password: ZPasswordSchema,
  /** "Email me offers": optional and unticked by default; recorded with time and wording version. */
  marketingOptIn: z.boolean().optional(),
});
export type TSignupRequest = z.infer<typeof ZSignupRequestSchema>;

/** Signup never says whether the email was new: both cases answer this and send an email. */
export const ZSignupResponseSchema = z.object({ status: z.literal('verification_sent'), email: z.string() });

export const ZLoginRequestSchema = z.strictObject({
  email: ZEmailSchema,
  // Not the full password rule: an old password that predates a rule change must still be able to log in.
  password: z.string().min(1, 'is required').max(128),
});
export type TLoginRequest = z.infer<typeof ZLoginRequestSchema>;

export const ZUserSchema = z.object({
  id: ZObjectIdSchema,
  email: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  createdAt: ZIsoDateTimeSchema,
  /** Whether the user agreed to marketing email (account → Privacy changes it). */
  marketingOptIn: z.boolean(),
});
export type TUser = z.infer<typeof ZUserSchema>;

/** Returned by login, email verification and refresh; the refresh token itself travels only in an httpOnly cookie. */
export const ZAuthResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  user: ZUserSchema,
});
export type TAuthResponse = z.infer<typeof ZAuthResponseSchema>;

export const ZTokenRequestSchema = z.strictObject({ token: z.string().min(20).max(200) });

export const ZForgotPasswordRequestSchema = z.strictObject({ email: ZEmailSchema });
export const ZResetPasswordRequestSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: ZPasswordSchema,
});
export const ZChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(128),
  newPassword: ZPasswordSchema,
});
export const ZUpdateProfileRequestSchema = z.strictObject({ name: ZPersonNameSchema });

export const ZAcceptedResponseSchema = z.object({ status: z.literal('accepted') });

export const ZSessionSchema = z.object({
  id: ZObjectIdSchema,
  createdAt: ZIsoDateTimeSchema,
  lastUsedAt: ZIsoDateTimeSchema,
  expiresAt: ZIsoDateTimeSchema,
  userAgent: z.string(),
  ip: z.string(),
  isCurrent: z.boolean(),
});
export type TSession = z.infer<typeof ZSessionSchema>;
export const ZSessionListResponseSchema = z.object({ items: z.array(ZSessionSchema) });

export const ZIdParamsSchema = z.strictObject({ id: ZObjectIdSchema });
