import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Returns `length` random base62 characters (crypto-grade, so ids and secrets are not guessable). */
export function randomToken(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    // Rejection sampling keeps the distribution uniform (248 = 4 * 62).
    if (byte < 248) out += ALPHABET[byte % 62];
  }
  return out.length === length ? out : out + randomToken(length - out.length);
}

/** Object id prefixes, as Stripe spells them. */
export type IdPrefix =
  'cs_test' | 'pi' | 'ch' | 're' | 'evt' | 'li' | 'pm' | 'price' | 'prod' | 'shr' | 'txn' | 'we' | 'req' | 'di' | 'src';

/** Creates a Stripe-looking id such as `pi_3Qx…` (checkout sessions get Stripe's longer `cs_test_…` form). */
export function createId(prefix: IdPrefix): string {
  if (prefix === 'cs_test') return `cs_test_a1${randomToken(56)}`;
  if (prefix === 'req') return `req_${randomToken(14)}`;
  return `${prefix}_1Sbx${randomToken(20)}`;
}

/**
 * Generates an API secret key in Stripe's test-mode format. The `sk_test_sandbox_` prefix lets the app's config refuse
 * a sandbox key in production.
 */
export function createSecretKey(): string {
  return `sk_test_sandbox_${randomToken(32)}`;
}

/** Generates a webhook signing secret in Stripe's `whsec_` format. */
export function createWebhookSecret(): string {
  return `whsec_${randomToken(32)}`;
}

/** Stripe's auto-generated coupon ids are 8 upper-case alphanumerics. */
export function createCouponId(): string {
  return randomToken(16)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .padEnd(8, 'X')
    .slice(0, 8);
}
