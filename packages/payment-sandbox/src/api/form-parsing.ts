import qs from 'qs';
import type { Params } from './params.js';

/**
 * How we decode Stripe's form bodies and query strings. stripe-node encodes nested params in qs "indices" style
 * (`line_items[0][price_data][product_data][images][0]=…`), so qs' defaults are too tight: depth 5 garbles deeper keys
 * and arrayLimit 20 turns 21+ line items into an object. Prototype keys are never allowed.
 */
const OPTIONS: qs.IParseOptions = {
  depth: 20,
  arrayLimit: 1000,
  parameterLimit: 10_000,
  allowPrototypes: false,
};

/** Decodes a form-encoded body or query string into nested params. */
export function parseForm(text: string): Params {
  return qs.parse(text, OPTIONS) as Params;
}

/** Canonical text of params for idempotency comparison: key order does not matter, values do. */
export function fingerprintParams(params: unknown): string {
  return JSON.stringify(sortKeys(params));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
