import { ZPersonalCouponListSchema } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

/** `GET /api/account/coupons`: the signed-in customer's personal codes (loyalty rewards), used or not. */
export function listAccountCoupons(signal?: AbortSignal) {
  return apiFetch('/api/account/coupons', { schema: ZPersonalCouponListSchema, signal });
}

export function accountCouponsQueryOptions() {
  return queryOptions({
    queryKey: accountQueryKeys.coupons,
    queryFn: ({ signal }) => listAccountCoupons(signal),
    select: (data) => data.items,
  });
}

export function useAccountCoupons() {
  return useQuery(accountCouponsQueryOptions());
}
