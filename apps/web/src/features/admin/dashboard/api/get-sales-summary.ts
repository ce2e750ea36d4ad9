import { ZSalesSummarySchema } from '@mercato/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { toSalesQuery, type DayRange } from '../lib/sales-range.js';

/** How often the dashboard refreshes its figures while open (new paid orders show up without a reload). */
const REFRESH_MS = 30_000;

/** `GET /api/admin/analytics/sales?from&to`: revenue, orders, AOV, customers, top products and a daily series. */
export function getSalesSummary(days: DayRange, signal?: AbortSignal) {
  return apiFetch('/api/admin/analytics/sales', { schema: ZSalesSummarySchema, query: toSalesQuery(days), signal });
}

export function useSalesSummary(days: DayRange) {
  return useQuery({
    queryKey: ['admin', 'analytics', 'sales', days],
    queryFn: ({ signal }) => getSalesSummary(days, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
}
