const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Number of minor-unit digits of an ISO 4217 currency as the platform's ICU data knows it (USD 2, JPY 0, KWD 3). */
export function currencyMinorDigits(currency: string): number {
  return currencyFormatter(currency.toUpperCase(), 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats an integer amount in minor units (cents, yen, fils) as a localized price: `formatMoney(1999, 'EUR', 'de-DE')`
 * gives "19,99 €". Throws a RangeError on non-integer amounts (money is never a float here) or unknown currencies.
 * `locale` defaults to the browser's.
 */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`formatMoney expects an integer amount in minor units, got ${amountMinor}`);
  }
  const code = currency.toUpperCase();
  return currencyFormatter(code, locale).format(amountMinor / 10 ** currencyMinorDigits(code));
}
