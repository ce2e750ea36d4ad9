import { MAX_LINE_QUANTITY } from '@mercato/shared/constants';
import { ApiError } from '../../../lib/api-error.js';

const COUPON_TEXT: Record<string, string> = {
  COUPON_INVALID: 'This code is not valid. Check the spelling and try again.',
  COUPON_EXPIRED: 'This code has expired.',
  COUPON_NOT_STARTED: 'This code cannot be used yet.',
  COUPON_INACTIVE: 'This code is no longer active.',
  COUPON_EXHAUSTED: 'This code has been used up.',
  COUPON_MINIMUM_NOT_MET: 'Your cart is below the minimum for this code.',
  COUPON_ALREADY_USED: 'You have already used this code.',
  COUPON_NOT_APPLICABLE: 'This code does not apply to anything in your cart.',
  CART_EMPTY: 'Add something to your cart before applying a code.',
};

// These two carry a fact the shopper needs (the minimum amount, the start date) that only the server's sentence has.
const SERVER_DETAIL = new Set(['COUPON_MINIMUM_NOT_MET', 'COUPON_NOT_STARTED']);

function numberMeta(error: ApiError, key: string): number | undefined {
  const value = error.meta?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** Why a code was refused, branching on the stable error code (one sentence per coupon rule). */
export function describeCouponError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The code could not be applied. Please try again.';
  const text = COUPON_TEXT[error.code];
  if (!text) return error.message;
  if (!SERVER_DETAIL.has(error.code)) return text;
  return error.errors.find((entry) => entry.path === 'body.code')?.message ?? error.message ?? text;
}

/** Why adding to (or changing) the cart failed, in words that say what is possible. */
export function describeCartError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The cart could not be updated. Please try again.';
  switch (error.code) {
    case 'INSUFFICIENT_STOCK': {
      const available = numberMeta(error, 'available');
      const inCart = numberMeta(error, 'inCart') ?? 0;
      if (available === undefined) return error.message;
      if (available <= 0) return 'This product is sold out.';
      if (inCart > 0)
        return `Only ${available} in stock, and ${inCart} ${inCart === 1 ? 'is' : 'are'} already in your cart.`;
      return `Only ${available} in stock.`;
    }
    case 'PRODUCT_UNAVAILABLE':
      return 'This product is no longer available.';
    case 'VALIDATION_FAILED':
      return `You can have at most ${MAX_LINE_QUANTITY} of one product in your cart.`;
    default:
      return error.message;
  }
}
