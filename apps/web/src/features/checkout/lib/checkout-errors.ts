import { ApiError } from '../../../lib/api-error.js';

/**
 * How the checkout page reacts to a refused payment start:
 * - `cart`: the cart is not what the shopper saw (changed, stock, coupon): reload it and show what changed;
 * - `address`: the address has field errors: put them on the fields;
 * - `retry`: nothing was charged and trying again may work (payment provider down, network, server).
 */
export type TCheckoutFailure = 'cart' | 'address' | 'retry';

const CART_CODES = new Set(['CART_CHANGED', 'CART_EMPTY', 'INSUFFICIENT_STOCK', 'PRODUCT_UNAVAILABLE']);

export function classifyCheckoutError(error: unknown): TCheckoutFailure {
  if (!(error instanceof ApiError)) return 'retry';
  if (CART_CODES.has(error.code) || error.code.startsWith('COUPON_')) return 'cart';
  if (error.code === 'VALIDATION_FAILED' && error.errors.some((entry) => entry.path.startsWith('body.shippingAddress')))
    return 'address';
  return 'retry';
}

/** The sentence shown for a `retry` failure. */
export function describeRetryableCheckoutError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'PAYMENT_PROVIDER_ERROR')
    return 'The payment page could not be opened right now. Nothing was charged; please try again in a moment.';
  if (error instanceof ApiError) return `${error.message} Nothing was charged.`;
  return 'Something went wrong. Nothing was charged; please try again.';
}
