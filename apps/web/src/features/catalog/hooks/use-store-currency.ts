import { useQuery } from '@tanstack/react-query';
import { currencyMinorDigits } from '../../../lib/format-money.js';
import { STALE_TIME } from '../../../lib/query-client.js';
import { catalogKeys } from '../api/catalog-keys.js';
import { listProducts } from '../api/list-products.js';

const FALLBACK_CURRENCY = 'USD';

export interface StoreCurrency {
  currency: string;
  digits: number;
}

/**
 * The store-wide currency, needed to turn a typed price filter into minor units before any result is loaded.
 * The API has no settings endpoint yet, so it is read from the newest product (one small, server-cached request);
 * an empty shop falls back to USD, which is harmless there. Undefined while loading.
 */
export function useStoreCurrency(): StoreCurrency | undefined {
  const { data, isError } = useQuery({
    queryKey: [...catalogKeys.all, 'store-currency'],
    queryFn: ({ signal }) => listProducts({ pageSize: 1 }, signal),
    staleTime: STALE_TIME.catalog,
    select: (page) => page.items[0]?.currency ?? FALLBACK_CURRENCY,
  });
  const currency = data ?? (isError ? FALLBACK_CURRENCY : undefined);
  return currency ? { currency, digits: currencyMinorDigits(currency) } : undefined;
}
