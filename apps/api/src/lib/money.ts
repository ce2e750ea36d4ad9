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

/**
 * `percent`% of an amount, rounded half up to the minor unit (12.5 → 13). Integer arithmetic only, so no binary
 * floating-point surprise can move a cent.
 */
export function percentOf(amountMinor: number, percent: number): number {
  assertMinor(amountMinor);
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new RangeError(`percent must be an integer 0–100, got ${percent}`);
  return Math.floor((amountMinor * percent + 50) / 100);
}

/** A fixed discount never exceeds what it applies to: the total can reach zero, never go below. */
export function cappedDiscount(amountMinor: number, discountMinor: number): number {
  assertMinor(amountMinor);
  assertMinor(discountMinor);
  return Math.min(amountMinor, discountMinor);
}

/**
 * Splits `total` across parts in proportion to `weights` so the parts are integers that add up to `total` exactly
 * (largest-remainder method; ties go to the earlier part). Used to spread an order discount over its lines for
 * Stripe and for partial refunds.
 */
export function allocate(totalMinor: number, weights: number[]): number[] {
  assertMinor(totalMinor);
  if (weights.length === 0) return [];
  weights.forEach(assertMinor);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum === 0) {
    if (totalMinor !== 0) throw new RangeError('cannot allocate a non-zero amount over zero weights');
    return weights.map(() => 0);
  }
  const exact = weights.map((weight) => (totalMinor * weight) / weightSum);
  const parts = exact.map(Math.floor);
  let remainder = totalMinor - parts.reduce((sum, part) => sum + part, 0);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (remainder === 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    remainder -= 1;
  }
  return parts;
}

function assertMinor(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`amounts are non-negative integers in minor units, got ${value}`);
}

/**
 * "19.99" USD → 1999, exactly: the digits are read as text, never through a float ("0.1" + "0.2" stays 30 cents).
 * A plain non-negative decimal with at most the currency's minor-unit digits (extra trailing zeros are fine, "19.990");
 * anything else (signs, thousands separators, exponents, "19.999") is null.
 */
export function parseDecimalMinor(text: string, currency: string): number | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const digits = minorUnitDigits(currency);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return null;
  const amount = Number(`${match[1]}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(amount) ? amount : null;
}
