import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-error.js';
import { classifyCheckoutError, describeRetryableCheckoutError } from './checkout-errors.js';

function apiError(
  code: ConstructorParameters<typeof ApiError>[0]['code'],
  errors: { path: string; message: string }[] = [],
) {
  return new ApiError({ status: 409, code, message: 'Refused.', errors });
}

describe('classifyCheckoutError', () => {
  it('when the cart changed, stock ran out or the coupon failed, then the cart is reloaded', () => {
    expect(classifyCheckoutError(apiError('CART_CHANGED'))).toBe('cart');
    expect(classifyCheckoutError(apiError('INSUFFICIENT_STOCK'))).toBe('cart');
    expect(classifyCheckoutError(apiError('COUPON_EXHAUSTED'))).toBe('cart');
  });

  it('when the address is refused field by field, then the fields show it', () => {
    const error = apiError('VALIDATION_FAILED', [{ path: 'body.shippingAddress.phone', message: 'must be a phone' }]);

    expect(classifyCheckoutError(error)).toBe('address');
  });

  it('when the payment provider or the network fails, then trying again is offered and nothing was charged', () => {
    const provider = apiError('PAYMENT_PROVIDER_ERROR');

    expect(classifyCheckoutError(provider)).toBe('retry');
    expect(classifyCheckoutError(new Error('offline'))).toBe('retry');
    expect(describeRetryableCheckoutError(provider)).toContain('Nothing was charged');
  });
});
