import { invalidParam, parameterEmpty, parameterMissing, parameterUnknown, parameterUnsupported } from './api-error.js';

/** A form-decoded parameter object as `qs` produces it: strings, arrays and nested objects. */
export type Params = Record<string, unknown>;

/** Builds Stripe's bracketed parameter path, e.g. child('line_items[0]', 'quantity') → 'line_items[0][quantity]'. */
export function child(path: string, key: string | number): string {
  return path ? `${path}[${key}]` : String(key);
}

/** True when the object is a plain nested parameter object. */
export function isParams(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rejects keys outside `known`. Keys in `unsupported` are real Stripe parameters we do not emulate: they get a message
 * that says so (unless their value is one of the harmless defaults listed for them).
 */
export function rejectUnknownParams(
  params: Params,
  path: string,
  known: readonly string[],
  unsupported: Readonly<Record<string, (value: unknown) => boolean>> = {},
): void {
  for (const key of Object.keys(params)) {
    if (known.includes(key)) continue;
    const isHarmless = unsupported[key];
    if (isHarmless) {
      if (!isHarmless(params[key])) throw parameterUnsupported(child(path, key));
      continue;
    }
    throw parameterUnknown(child(path, key));
  }
}

/** Reads a string; `required` turns absence into parameter_missing, and '' is always "unset" (invalid when required). */
export function readString(
  params: Params,
  key: string,
  path: string,
  options: { required?: boolean; maxLength?: number } = {},
): string | undefined {
  const param = child(path, key);
  const value = params[key];
  if (value === undefined) {
    if (options.required) throw parameterMissing(param);
    return undefined;
  }
  if (typeof value !== 'string')
    throw invalidParam(param, `Invalid string: ${describe(value)}`, 'parameter_invalid_string');
  if (value === '') {
    if (options.required) throw parameterEmpty(param);
    return undefined;
  }
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    throw invalidParam(
      param,
      `Invalid string: ${value.slice(0, 20)}...; must be at most ${options.maxLength} characters`,
      'parameter_invalid_string',
    );
  }
  return value;
}

/** Reads an integer within bounds; form bodies carry it as digits. */
export function readInteger(
  params: Params,
  key: string,
  path: string,
  options: { required?: boolean; min?: number; max?: number } = {},
): number | undefined {
  const param = child(path, key);
  const raw = readString(params, key, path, { required: options.required });
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalidParam(param, `Invalid integer: ${raw}`, 'parameter_invalid_integer');
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw invalidParam(param, `Invalid integer: ${raw}`, 'parameter_invalid_integer');
  if (options.min !== undefined && value < options.min) {
    const what = options.min === 0 ? 'non-negative integer' : options.min === 1 ? 'positive integer' : 'integer';
    throw invalidParam(
      param,
      `Invalid ${what}: ${raw}${options.min > 1 ? ` (must be at least ${options.min})` : ''}`,
      'parameter_invalid_integer',
    );
  }
  if (options.max !== undefined && value > options.max) {
    throw invalidParam(
      param,
      `This value must be less than or equal to ${options.max} (it currently is '${raw}').`,
      'parameter_invalid_integer',
    );
  }
  return value;
}

/** Reads a decimal number (for percent_off). */
export function readDecimal(
  params: Params,
  key: string,
  path: string,
  options: { min?: number; max?: number; exclusiveMin?: boolean } = {},
): number | undefined {
  const param = child(path, key);
  const raw = readString(params, key, path);
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(raw)) throw invalidParam(param, `Invalid decimal: ${raw}`, 'parameter_invalid_decimal');
  const value = Number(raw);
  const belowMin = options.min !== undefined && (options.exclusiveMin ? value <= options.min : value < options.min);
  if (belowMin || (options.max !== undefined && value > options.max)) {
    throw invalidParam(
      param,
      `Invalid decimal: ${raw}; must be ${options.exclusiveMin ? 'greater than' : 'at least'} ${options.min} and at most ${options.max}`,
      'parameter_invalid_decimal',
    );
  }
  return value;
}

/** Reads "true"/"false". */
export function readBoolean(params: Params, key: string, path: string): boolean | undefined {
  const raw = readString(params, key, path);
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidParam(child(path, key), `Invalid boolean: ${raw}`, 'parameter_invalid_boolean');
}

/** Reads one of a closed set of strings. */
export function readEnum<const T extends string>(
  params: Params,
  key: string,
  path: string,
  allowed: readonly T[],
  options: { required?: boolean } = {},
): T | undefined {
  const raw = readString(params, key, path, options);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw invalidParam(
      child(path, key),
      `Invalid ${key}: must be one of ${allowed.join(', ')}`,
      'parameter_invalid_string',
    );
  }
  return raw as T;
}

/** Reads a nested object parameter (a hash in Stripe's docs). */
export function readObject(
  params: Params,
  key: string,
  path: string,
  options: { required?: boolean } = {},
): Params | undefined {
  const param = child(path, key);
  const value = params[key];
  if (value === undefined || value === '') {
    if (options.required) throw parameterMissing(param);
    return undefined;
  }
  if (!isParams(value)) throw invalidParam(param, `Invalid object`, 'parameter_invalid_object');
  return value;
}

/**
 * Reads an array parameter. `qs` turns arrays longer than its arrayLimit, or with gaps, into objects keyed by index, so
 * both shapes are accepted and returned in index order.
 */
export function readArray(
  params: Params,
  key: string,
  path: string,
  options: { required?: boolean; maxItems?: number } = {},
): unknown[] | undefined {
  const param = child(path, key);
  const value = params[key];
  if (value === undefined || value === '') {
    if (options.required) throw parameterMissing(param);
    return undefined;
  }
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (isParams(value) && Object.keys(value).every((k) => /^\d+$/.test(k))) {
    items = Object.keys(value)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => value[k]);
  } else throw invalidParam(param, `Invalid array`, 'parameter_invalid_array');
  if (options.maxItems !== undefined && items.length > options.maxItems) {
    throw invalidParam(
      param,
      `Invalid array: must have at most ${options.maxItems} elements`,
      'parameter_invalid_array',
    );
  }
  return items;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : String(value);
}
