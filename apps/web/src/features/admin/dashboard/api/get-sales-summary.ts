import { ZSalesSummarySchema } from '@mercato/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { toSalesQuery, type DayRange } from '../lib/sales-range.js';

/** The slow poll that keeps the figures roughly fresh while the live stream is down. */
const FALLBACK_REFRESH_MS = 60_000;

export const salesKeys = {
  all: ['admin', 'analytics', 'sales'] as const,
  summary: (days: DayRange, timeZone: string) => ['admin', 'analytics', 'sales', days, timeZone] as const,
};

/**
 * `GET /api/admin/analytics/sales?from&to&tz`: revenue, orders, AOV, customers, top products and a daily series
 * bucketed by the calendar days of `timeZone`.
 */
export function getSalesSummary(days: DayRange, timeZone: string, signal?: AbortSignal) {
  return apiFetch('/api/admin/analytics/sales', {
    schema: ZSalesSummarySchema,
    query: toSalesQuery(days, timeZone),
    signal,
  });
}

/** The figures for a range; polled slowly only while `isLive` is false (the live stream refreshes them otherwise). */
export function useSalesSummary(days: DayRange, timeZone: string, isLive: boolean) {
  return useQuery({
    queryKey: salesKeys.summary(days, timeZone),
    queryFn: ({ signal }) => getSalesSummary(days, timeZone, signal),
    placeholderData: keepPreviousData,
    refetchInterval: isLive ? false : FALLBACK_REFRESH_MS,
  });
}
