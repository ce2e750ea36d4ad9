import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-error.js';
import { describeCartError, describeCouponError } from './cart-errors.js';

function apiError(
  code: ConstructorParameters<typeof ApiError>[0]['code'],
  extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {},
) {
  return new ApiError({ status: 422, code, message: 'server says so', ...extra });
}

describe('describeCouponError', () => {
  it('when each coupon rule fails, then each gets its own sentence', () => {
    const codes = [
      'COUPON_INVALID',
      'COUPON_EXPIRED',
      'COUPON_INACTIVE',
      'COUPON_EXHAUSTED',
      'COUPON_ALREADY_USED',
      'COUPON_NOT_APPLICABLE',
      'CART_EMPTY',
    ] as const;

    const texts = codes.map((code) => describeCouponError(apiError(code)));

    expect(new Set(texts).size).toBe(codes.length);
    expect(texts).not.toContain('server says so');
  });

  it('when the minimum is not met, then the server’s field message (with the amount) is shown', () => {
    const error = apiError('COUPON_MINIMUM_NOT_MET', {
      errors: [{ path: 'body.code', message: 'This code needs a subtotal of at least $50.00.' }],
    });

    expect(describeCouponError(error)).toBe('This code needs a subtotal of at least $50.00.');
  });

  it('when the failure is not about the code, then the API message is passed through', () => {
    expect(describeCouponError(apiError('RATE_LIMITED'))).toBe('server says so');
    expect(describeCouponError(new Error('boom'))).toBe('The code could not be applied. Please try again.');
  });
});

describe('describeCartError', () => {
  it('when stock is short, then the stock and the quantity already in the cart are named', () => {
    const error = apiError('INSUFFICIENT_STOCK', { status: 409, meta: { available: 3, inCart: 2 } });

    expect(describeCartError(error)).toBe('Only 3 in stock, and 2 are already in your cart.');
    expect(describeCartError(apiError('INSUFFICIENT_STOCK', { meta: { available: 0, inCart: 0 } }))).toBe(
      'This product is sold out.',
    );
    expect(describeCartError(apiError('INSUFFICIENT_STOCK', { meta: { available: 4 } }))).toBe('Only 4 in stock.');
  });

  it('when the product is gone or the line limit is hit, then that is what the shopper reads', () => {
    expect(describeCartError(apiError('PRODUCT_UNAVAILABLE'))).toBe('This product is no longer available.');
    expect(describeCartError(apiError('VALIDATION_FAILED'))).toBe(
      'You can have at most 99 of one product in your cart.',
    );
  });
});
