import { currencyMinorDigits } from '../../../../lib/format-money.js';
import { useStoreCurrency, type StoreCurrency } from '../../../../lib/store-info.js';

/**
 * The currency prices are typed in: the edited product's own (`known`), otherwise the shop's (`GET /api/store`).
 * Undefined until the shop's settings are loaded.
 */
export function useAdminCurrency(known?: string): StoreCurrency | undefined {
  const store = useStoreCurrency();
  if (known !== undefined) return { currency: known, digits: currencyMinorDigits(known) };
  return store;
}
