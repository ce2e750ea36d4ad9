import { ZCheckoutResponseSchema, type TCheckoutRequest } from '@mercato/shared';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';

/**
 * `POST /api/checkout`: creates the order, holds stock and the coupon, and returns the hosted payment page. 409
 * CART_CHANGED when the cart differs from the fingerprint the shopper saw.
 */
export function startCheckout(input: TCheckoutRequest) {
  return apiFetch('/api/checkout', { method: 'POST', body: input, schema: ZCheckoutResponseSchema });
}

export function useStartCheckout() {
  return useMutation({ mutationFn: startCheckout });
}
