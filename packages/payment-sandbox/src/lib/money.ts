/** Digits after the decimal point for a currency, from the platform's ICU data (JPY → 0, USD → 2). */
export function currencyExponent(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** Formats an amount in minor units for display, e.g. (1999, 'usd') → "$19.99". */
export function formatAmount(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const major = amount / 10 ** exponent;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(major);
  } catch {
    return `${major.toFixed(exponent)} ${currency.toUpperCase()}`;
  }
}

const SUPPORTED = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));

/** True for ISO 4217 codes the platform knows. */
export function isKnownCurrency(currency: string): boolean {
  return SUPPORTED.has(currency.toLowerCase());
}

// Stripe's minimum charge amounts in minor units for the currencies a shop is likely to use; 50 minor units for the rest.
const MINIMUM_CHARGE: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  cad: 50,
  aud: 50,
  chf: 50,
  nzd: 50,
  sgd: 50,
  dkk: 250,
  nok: 300,
  sek: 300,
  pln: 200,
  czk: 1500,
  huf: 17500,
  jpy: 50,
  mxn: 1000,
  hkd: 400,
  brl: 50,
  inr: 50,
};

/** The smallest non-zero total Stripe accepts for a payment in `currency`. */
export function minimumChargeAmount(currency: string): number {
  return MINIMUM_CHARGE[currency.toLowerCase()] ?? 50;
}
