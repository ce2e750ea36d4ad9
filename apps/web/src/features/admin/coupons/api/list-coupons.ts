import { ZCouponListResponseSchema } from '@mercato/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import type { CouponsState } from '../lib/coupons-params.js';

export const COUPONS_PAGE_SIZE = 20;
export const couponKeys = {
  all: ['admin', 'coupons'] as const,
  list: (state: CouponsState) => ['admin', 'coupons', 'list', state] as const,
};

/** `GET /api/admin/coupons?q&source&page`: coupons with redeemed and reserved counts. */
export function listCoupons(state: CouponsState, signal?: AbortSignal) {
  return apiFetch('/api/admin/coupons', {
    schema: ZCouponListResponseSchema,
    query: { q: state.q || undefined, source: state.source, page: state.page, pageSize: COUPONS_PAGE_SIZE },
    signal,
  });
}

export function useCoupons(state: CouponsState) {
  return useQuery({
    queryKey: couponKeys.list(state),
    queryFn: ({ signal }) => listCoupons(state, signal),
    placeholderData: keepPreviousData,
  });
}
