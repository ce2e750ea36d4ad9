import type { ZStoreInfoSchema, TStoreInfo } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from './api-client.js';
import { currencyMinorDigits } from './format-money.js';
import { STALE_TIME } from './query-client.js';

// Shop-wide settings many features need (catalog filters, cart, checkout, admin forms, account): here in lib, because
// features never import each other.

/** `GET /api/store`: public shop settings (name, currency, shipping rules, sandbox payments); the API caches it 5 min. */
export function getStoreInfo(signal?: AbortSignal): Promise<TStoreInfo> {
  return apiFetch.json<typeof ZStoreInfoSchema>('/api/store', { signal });
}

export const storeInfoQueryKey = ['store', 'info'] as const;

export function storeInfoQueryOptions() {
  return queryOptions({
    queryKey: storeInfoQueryKey,
    queryFn: ({ signal }) => getStoreInfo(signal),
    staleTime: STALE_TIME.catalog,
  });
}

/** React hook: the shop's settings (one request for the whole app, shared through the query cache). */
export function useStoreInfo() {
  return useQuery(storeInfoQueryOptions());
}

export interface StoreCurrency {
  currency: string;
  /** Minor-unit digits (2 for EUR, 0 for JPY): typed prices are converted with them. */
  digits: number;
}

/** React hook: the shop's currency and its digits; undefined until the settings are loaded. */
export function useStoreCurrency(): StoreCurrency | undefined {
  const { data: currency } = useQuery({ ...storeInfoQueryOptions(), select: (info) => info.currency });
  return currency ? { currency, digits: currencyMinorDigits(currency) } : undefined;
}
