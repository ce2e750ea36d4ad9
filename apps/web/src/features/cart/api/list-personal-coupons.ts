import type { ZPersonalCouponListSchema } from '@mercato/shared';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { cartKeys } from './cart-keys.js';

/** `GET /api/account/coupons`: the signed-in shopper's personal codes (the loyalty reward). */
export function listPersonalCoupons(signal?: AbortSignal) {
  return apiFetch.json<typeof ZPersonalCouponListSchema>('/api/account/coupons', { signal });
}

/** React hook: personal codes that can still be used (unused, not expired). */
export function usePersonalCoupons(enabled: boolean) {
  return useQuery({
    queryKey: cartKeys.personalCoupons(),
    queryFn: ({ signal }) => listPersonalCoupons(signal),
    enabled,
    select: (data) =>
      data.items.filter((coupon) => !coupon.isUsed && (!coupon.endsAt || Date.parse(coupon.endsAt) > Date.now())),
  });
}
