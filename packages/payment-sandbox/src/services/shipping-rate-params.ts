import { invalidParam } from '../api/api-error.js';
import {
  child,
  readEnum,
  readInteger,
  readObject,
  readString,
  rejectUnknownParams,
  type Params,
} from '../api/params.js';
import { readCurrency, readMetadata } from '../api/params-formats.js';
import type { ShippingRateDraft } from '../objects/build-catalog-objects.js';
import type { ShippingRate } from '../objects/types.js';

const UNITS = ['hour', 'day', 'business_day', 'week', 'month'] as const;

/** Validates `shipping_rate_data` (or a `shipping_rates.create` body) at `path`. Only fixed amounts exist in Stripe. */
export function parseShippingRateData(params: Params, path: string): ShippingRateDraft {
  rejectUnknownParams(
    params,
    path,
    ['display_name', 'type', 'fixed_amount', 'delivery_estimate', 'metadata', 'tax_behavior', 'tax_code', 'expand'],
    {},
  );
  const displayName = readString(params, 'display_name', path, { required: true, maxLength: 100 }) as string;
  readEnum(params, 'type', path, ['fixed_amount']);
  const fixedPath = child(path, 'fixed_amount');
  const fixed = readObject(params, 'fixed_amount', path, { required: true }) as Params;
  rejectUnknownParams(fixed, fixedPath, ['amount', 'currency'], { currency_options: () => false });
  const amount = readInteger(fixed, 'amount', fixedPath, { required: true, min: 0, max: 99_999_999 }) as number;
  const currency = readCurrency(fixed, 'currency', fixedPath, { required: true }) as string;
  return {
    displayName,
    amount,
    currency,
    deliveryEstimate: parseDeliveryEstimate(params, path),
    metadata: readMetadata(params, 'metadata', path) ?? {},
    taxBehavior: readEnum(params, 'tax_behavior', path, ['exclusive', 'inclusive', 'unspecified']) ?? 'unspecified',
  };
}

function parseDeliveryEstimate(params: Params, path: string): ShippingRate['delivery_estimate'] {
  const estimatePath = child(path, 'delivery_estimate');
  const estimate = readObject(params, 'delivery_estimate', path);
  if (!estimate) return null;
  rejectUnknownParams(estimate, estimatePath, ['minimum', 'maximum']);
  const bound = (key: 'minimum' | 'maximum') => {
    const boundPath = child(estimatePath, key);
    const value = readObject(estimate, key, estimatePath);
    if (!value) return null;
    rejectUnknownParams(value, boundPath, ['unit', 'value']);
    return {
      unit: readEnum(value, 'unit', boundPath, UNITS, { required: true }) as string,
      value: readInteger(value, 'value', boundPath, { required: true, min: 1 }) as number,
    };
  };
  const minimum = bound('minimum');
  const maximum = bound('maximum');
  if (minimum && maximum && minimum.unit === maximum.unit && minimum.value > maximum.value) {
    throw invalidParam(
      child(estimatePath, 'minimum'),
      'The minimum delivery estimate must not exceed the maximum.',
      'parameter_invalid_integer',
    );
  }
  return { maximum, minimum };
}
