import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { currencyMinorDigits } from '../../../../lib/format-money.js';
import { ZAdminProductListResponseSchema } from '@mercato/shared';
import { adminCatalogKeys } from '../api/admin-catalog-keys.js';

const FALLBACK_CURRENCY = 'USD';

export interface AdminCurrency {
  currency: string;
  digits: number;
}

/**
 * The store currency, needed to convert typed prices to minor units on a new product. There is no settings endpoint
 * yet, so it is read from any stored product; an empty shop falls back to USD. `known` wins (an edited product).
 */
export function useAdminCurrency(known?: string): AdminCurrency | undefined {
  const { data, isError } = useQuery({
    queryKey: adminCatalogKeys.currency(),
    queryFn: ({ signal }) =>
      apiFetch('/api/admin/products', { schema: ZAdminProductListResponseSchema, query: { pageSize: 1 }, signal }),
    select: (page) => page.items[0]?.currency ?? FALLBACK_CURRENCY,
    staleTime: Infinity,
    enabled: known === undefined,
  });
  const currency = known ?? data ?? (isError ? FALLBACK_CURRENCY : undefined);
  return currency ? { currency, digits: currencyMinorDigits(currency) } : undefined;
}
