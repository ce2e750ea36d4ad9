import { invalidParam, parameterUnsupported } from '../api/api-error.js';
import {
  child,
  isParams,
  readArray,
  readEnum,
  readInteger,
  readObject,
  readString,
  rejectUnknownParams,
  type Params,
} from '../api/params.js';
import { isAbsoluteHttpUrl, readCurrency, readMetadata } from '../api/params-formats.js';
import type { ProductDraft } from '../objects/build-catalog-objects.js';

const never = () => false;

export interface LineItemDraft {
  product: ProductDraft;
  unitAmount: number;
  currency: string;
  quantity: number;
  taxBehavior: 'exclusive' | 'inclusive' | 'unspecified';
  metadata: Record<string, string>;
}

/** Validates `line_items` (1–100 one-off `price_data` items) like Stripe; throws 400s naming the bracketed param. */
export function parseLineItems(params: Params): LineItemDraft[] {
  const items = readArray(params, 'line_items', '', { required: true, maxItems: 100 }) as unknown[];
  if (items.length === 0)
    throw invalidParam('line_items', 'line_items must contain at least one item.', 'parameter_invalid_empty');
  return items.map((item, index) => parseLineItem(item, `line_items[${index}]`));
}

function parseLineItem(item: unknown, path: string): LineItemDraft {
  if (!isParams(item)) throw invalidParam(path, 'Invalid object', 'parameter_invalid_object');
  rejectUnknownParams(item, path, ['price_data', 'price', 'quantity', 'metadata'], {
    adjustable_quantity: never,
    dynamic_tax_rates: never,
    tax_rates: never,
  });
  if (item.price !== undefined) {
    throw invalidParam(
      child(path, 'price'),
      `No such price: '${String(item.price)}'. The sandbox has no Price catalog; send price_data.`,
      'resource_missing',
    );
  }
  const dataPath = child(path, 'price_data');
  const data = readObject(item, 'price_data', path, { required: true }) as Params;
  rejectUnknownParams(
    data,
    dataPath,
    ['currency', 'unit_amount', 'unit_amount_decimal', 'product_data', 'tax_behavior'],
    {
      product: never,
      recurring: never,
    },
  );
  const currency = readCurrency(data, 'currency', dataPath, { required: true }) as string;
  const unitAmount = readUnitAmount(data, dataPath);
  const productPath = child(dataPath, 'product_data');
  const product = readObject(data, 'product_data', dataPath, { required: true }) as Params;
  rejectUnknownParams(product, productPath, ['name', 'description', 'images', 'metadata', 'tax_code'], {
    unit_label: never,
  });
  const images = (readArray(product, 'images', productPath, { maxItems: 8 }) ?? []).map((image, index) => {
    const imagePath = child(child(productPath, 'images'), index);
    if (typeof image !== 'string' || !isAbsoluteHttpUrl(image))
      throw invalidParam(imagePath, 'Not a valid URL', 'url_invalid');
    return image;
  });
  return {
    product: {
      name: readString(product, 'name', productPath, { required: true, maxLength: 250 }) as string,
      description: readString(product, 'description', productPath, { maxLength: 40000 }) ?? null,
      images,
      metadata: readMetadata(product, 'metadata', productPath) ?? {},
      taxCode: readString(product, 'tax_code', productPath) ?? null,
    },
    unitAmount,
    currency,
    quantity: readInteger(item, 'quantity', path, { required: true, min: 1, max: 999_999 }) as number,
    taxBehavior: readEnum(data, 'tax_behavior', dataPath, ['exclusive', 'inclusive', 'unspecified']) ?? 'unspecified',
    metadata: readMetadata(item, 'metadata', path) ?? {},
  };
}

function readUnitAmount(data: Params, path: string): number {
  if (data.unit_amount !== undefined && data.unit_amount_decimal !== undefined) {
    throw invalidParam(
      child(path, 'unit_amount'),
      'You may only specify one of these parameters: unit_amount, unit_amount_decimal.',
      'parameters_exclusive',
    );
  }
  if (data.unit_amount_decimal !== undefined) {
    const raw = readString(data, 'unit_amount_decimal', path, { required: true }) as string;
    if (!/^\d+$/.test(raw))
      throw parameterUnsupported(child(path, 'unit_amount_decimal'), 'Only whole minor units are emulated.');
    return readInteger(data, 'unit_amount_decimal', path, { min: 0, max: 99_999_999 }) as number;
  }
  return readInteger(data, 'unit_amount', path, { required: true, min: 0, max: 99_999_999 }) as number;
}
