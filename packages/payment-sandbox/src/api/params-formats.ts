import { invalidParam } from './api-error.js';
import { child, isParams, readArray, readString, type Params } from './params.js';
import { isKnownCurrency } from '../lib/money.js';

// Readers for Stripe's formatted values: metadata hashes, URLs, emails, currencies and expand paths.

/** Reads Stripe metadata: at most 50 keys, keys ≤ 40 chars, string values ≤ 500 chars; `key=` unsets a key. */
export function readMetadata(params: Params, key: string, path: string): Record<string, string> | undefined {
  const param = child(path, key);
  const value = params[key];
  if (value === undefined) return undefined;
  if (value === '') return {};
  if (!isParams(value)) throw invalidParam(param, 'Invalid hash', 'parameter_invalid_object');
  const out: Record<string, string> = {};
  for (const [metaKey, metaValue] of Object.entries(value)) {
    const metaParam = child(param, metaKey);
    if (typeof metaValue !== 'string') {
      throw invalidParam(
        metaParam,
        `Metadata values must be strings; ${metaParam} is not.`,
        'parameter_invalid_string',
      );
    }
    if (metaKey.length > 40) {
      throw invalidParam(
        metaParam,
        `Metadata keys can be at most 40 characters long: '${metaKey}'.`,
        'parameter_invalid_string',
      );
    }
    if (metaValue.length > 500) {
      throw invalidParam(
        metaParam,
        `Metadata values can have up to 500 characters, but you passed in a value that is ${metaValue.length} characters.`,
        'parameter_invalid_string',
      );
    }
    if (metaValue !== '') out[metaKey] = metaValue;
  }
  if (Object.keys(out).length > 50) {
    throw invalidParam(param, 'You can specify up to 50 metadata keys.', 'parameter_invalid_object');
  }
  return out;
}

/** Reads an absolute http(s) URL (Stripe answers `url_invalid` otherwise). */
export function readUrl(
  params: Params,
  key: string,
  path: string,
  options: { required?: boolean } = {},
): string | undefined {
  const raw = readString(params, key, path, { ...options, maxLength: 5000 });
  if (raw === undefined) return undefined;
  if (!isAbsoluteHttpUrl(raw.replace('{CHECKOUT_SESSION_ID}', 'cs'))) {
    throw invalidParam(child(path, key), 'Not a valid URL', 'url_invalid');
  }
  return raw;
}

/** True for an absolute http: or https: URL. */
export function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reads an email address (a deliberately loose shape check, as Stripe's). */
export function readEmail(params: Params, key: string, path: string): string | undefined {
  const raw = readString(params, key, path, { maxLength: 800 });
  if (raw === undefined) return undefined;
  if (!isEmail(raw)) throw invalidParam(child(path, key), `Invalid email address: ${raw}`, 'email_invalid');
  return raw;
}

/** A loose email shape check: something@something.tld, no spaces. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Reads a three-letter ISO currency, lower-cased as Stripe stores it. */
export function readCurrency(
  params: Params,
  key: string,
  path: string,
  options: { required?: boolean } = {},
): string | undefined {
  const raw = readString(params, key, path, options);
  if (raw === undefined) return undefined;
  const currency = raw.toLowerCase();
  if (!/^[a-z]{3}$/.test(currency) || !isKnownCurrency(currency)) {
    throw invalidParam(
      child(path, key),
      `Invalid currency: ${raw}. Stripe currently supports these currencies: usd, eur, gbp, …`,
      'parameter_invalid_string',
    );
  }
  return currency;
}

/** Reads `expand[]`, Stripe's list of dotted paths to inline. */
export function readExpand(params: Params): string[] {
  const items = readArray(params, 'expand', '') ?? [];
  return items.map((item, index) => {
    if (typeof item !== 'string' || item === '') {
      throw invalidParam(`expand[${index}]`, 'Invalid expand path', 'parameter_invalid_string');
    }
    return item;
  });
}
