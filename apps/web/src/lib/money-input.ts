export type TMoneyInputResult =
  { ok: true; amountMinor: number } | { ok: false; reason: 'empty' | 'invalid' | 'too-precise' | 'too-large' };

// Digits with one optional decimal mark ("." or ","), no sign, no exponent, no thousands separators: a person typing
// "1,299" into a price box almost certainly does not mean 1299 in every locale, so ambiguity is rejected.
const DECIMAL = /^(\d*)(?:[.,](\d*))?$/;

/**
 * Parses a price typed in major units ("12.30") into integer minor units (1230) for a currency with `digits` minor
 * digits, by string arithmetic only: `0.1 + 0.2` style float errors cannot happen. More decimals than the currency
 * has is an error rather than a silent rounding.
 */
export function parseMoneyInput(input: string, digits: number): TMoneyInputResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, reason: 'invalid' };
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return { ok: false, reason: 'invalid' };
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) return { ok: false, reason: 'too-precise' };
  const amountMinor = Number(`${whole || '0'}${significant.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(amountMinor)) return { ok: false, reason: 'too-large' };
  return { ok: true, amountMinor };
}

/** Formats integer minor units as the plain decimal string a price input shows: 1230 → "12.30", 5 → "0.05". */
export function formatMoneyInput(amountMinor: number, digits: number): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError(`formatMoneyInput expects a non-negative integer, got ${amountMinor}`);
  }
  if (digits === 0) return String(amountMinor);
  const text = String(amountMinor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** `formatMoneyInput` for an amount that may be absent (a compare-at price): null is the empty input. */
export function formatOptionalMoneyInput(amountMinor: number | null, digits: number): string {
  return amountMinor === null ? '' : formatMoneyInput(amountMinor, digits);
}

/** A sentence for a failed parse, to show next to the field. */
export function describeMoneyInputError(reason: Exclude<TMoneyInputResult, { ok: true }>['reason'], digits: number) {
  switch (reason) {
    case 'empty':
      return 'Enter a price';
    case 'invalid':
      return digits === 0 ? 'Enter a whole number, like 1200' : 'Enter a number, like 12.30';
    case 'too-precise':
      return digits === 0 ? 'This currency has no decimals' : `Use at most ${digits} decimals`;
    case 'too-large':
      return 'This amount is too large';
  }
}
