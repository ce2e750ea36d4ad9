/**
 * Money is an integer amount in minor units plus an ISO 4217 currency. This module is the one place where amounts
 * are rounded, split or formatted; everything else passes integers around.
 */

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (USD 2, JPY 0, BHD 3), from the platform's ICU data. */
export function minorUnitDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** "1234" USD → "12.34": the decimal string schema.org, emails and reports expect. */
export function toDecimalString(amountMinor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const absolute = Math.abs(amountMinor);
  const unit = 10 ** digits;
  return `${sign}${Math.floor(absolute / unit)}.${String(absolute % unit).padStart(digits, '0')}`;
}

/** "$12.34" for emails and server-rendered text. */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const digits = minorUnitDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amountMinor / 10 ** digits);
}
