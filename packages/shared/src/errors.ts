import { z } from 'zod';

/**
 * The closed set of error codes the API can answer with. Clients branch on `code`, never on messages.
 * Adding a code means adding its HTTP status to `ERROR_STATUS` below; the compiler enforces it.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TOKEN_INVALID',
  'SESSION_REVOKED',
  'FORBIDDEN',
  'ORIGIN_REJECTED',
  'ACCOUNT_DISABLED',
  'REAUTHENTICATION_REQUIRED',
  'LAST_ADMIN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'EMAIL_TAKEN',
  'SLUG_TAKEN',
  'INSUFFICIENT_STOCK',
  'PRODUCT_UNAVAILABLE',
  'CART_CHANGED',
  'CART_EMPTY',
  'COUPON_INVALID',
  'COUPON_EXPIRED',
  'COUPON_NOT_STARTED',
  'COUPON_INACTIVE',
  'COUPON_EXHAUSTED',
  'COUPON_MINIMUM_NOT_MET',
  'COUPON_ALREADY_USED',
  'COUPON_NOT_APPLICABLE',
  'INVALID_TRANSITION',
  'REFUND_EXCEEDS_PAYMENT',
  'PAYMENT_MISMATCH',
  'WEBHOOK_SIGNATURE_INVALID',
  'INVALID_IMAGE',
  'RATE_LIMITED',
  'PAYMENT_PROVIDER_ERROR',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type TErrorCode = (typeof ERROR_CODES)[number];

/** One table from code to HTTP status: the only place a status for an expected failure is decided. */
export const ERROR_STATUS: Record<TErrorCode, number> = {
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_INVALID: 401,
  SESSION_REVOKED: 401,
  FORBIDDEN: 403,
  ORIGIN_REJECTED: 403,
  ACCOUNT_DISABLED: 403,
  REAUTHENTICATION_REQUIRED: 403,
  LAST_ADMIN: 409,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SLUG_TAKEN: 409,
  INSUFFICIENT_STOCK: 409,
  PRODUCT_UNAVAILABLE: 409,
  CART_CHANGED: 409,
  CART_EMPTY: 422,
  COUPON_INVALID: 422,
  COUPON_EXPIRED: 422,
  COUPON_NOT_STARTED: 422,
  COUPON_INACTIVE: 422,
  COUPON_EXHAUSTED: 422,
  COUPON_MINIMUM_NOT_MET: 422,
  COUPON_ALREADY_USED: 422,
  COUPON_NOT_APPLICABLE: 422,
  INVALID_TRANSITION: 409,
  REFUND_EXCEEDS_PAYMENT: 422,
  PAYMENT_MISMATCH: 409,
  WEBHOOK_SIGNATURE_INVALID: 400,
  INVALID_IMAGE: 422,
  RATE_LIMITED: 429,
  PAYMENT_PROVIDER_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** A field-level problem: `path` is dotted from the request part, e.g. `body.items.0.quantity` or `query.pageSize`. */
export const ZFieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type TFieldError = z.infer<typeof ZFieldErrorSchema>;

/** RFC 9457 problem details, as every API error is sent (`application/problem+json`). */
export const ZProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(ERROR_CODES),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(ZFieldErrorSchema).optional(),
  /** Extra machine-readable facts for some codes, e.g. `{ productId, available }` for INSUFFICIENT_STOCK. */
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type TProblem = z.infer<typeof ZProblemSchema>;

/** The `type` URI of a problem: stable, documented under /api/docs. */
export function problemType(code: TErrorCode): string {
  return `https://mercato.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}
