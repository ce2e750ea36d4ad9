import type { TCatalogCsvFormat } from '@mercato/shared';
import { AppError } from '../../../lib/app-error.js';

/** What a catalogue CSV cell can hold, whichever layout names it. */
export const FIELDS = [
  'handle',
  'name',
  'description',
  'category',
  'productCategory',
  'vendor',
  'type',
  'tags',
  'option1Name',
  'option1Value',
  'option2Name',
  'option2Value',
  'option3Name',
  'option3Value',
  'sku',
  'barcode',
  'price',
  'compareAtPrice',
  'stock',
  'variantActive',
  'imageUrl',
  'variantImage',
  'active',
  'featured',
  'published',
  'status',
] as const;
export type Field = (typeof FIELDS)[number];

/** The columns naming option 1–3 and a row's value of it. */
export const OPTION_NAME: readonly Field[] = ['option1Name', 'option2Name', 'option3Name'];
export const OPTION_VALUE: readonly Field[] = ['option1Value', 'option2Value', 'option3Value'];

/** Our own layout (docs/catalog-csv.md): one row per variant, prices in integer minor units. */
export const MERCATO_COLUMNS = {
  handle: 'handle',
  name: 'name',
  description: 'description',
  category: 'category',
  option1Name: 'option1_name',
  option1Value: 'option1_value',
  option2Name: 'option2_name',
  option2Value: 'option2_value',
  option3Name: 'option3_name',
  option3Value: 'option3_value',
  sku: 'sku',
  barcode: 'barcode',
  price: 'price',
  compareAtPrice: 'compare_at_price',
  stock: 'stock',
  variantActive: 'variant_active',
  imageUrl: 'image_url',
  active: 'active',
  featured: 'featured',
} as const satisfies Partial<Record<Field, string>>;

/** Shopify's product CSV, the columns we read; the others (SEO, Google Shopping, weights…) are reported ignored. */
export const SHOPIFY_COLUMNS = {
  handle: 'Handle',
  name: 'Title',
  description: 'Body (HTML)',
  vendor: 'Vendor',
  productCategory: 'Product Category',
  type: 'Type',
  tags: 'Tags',
  published: 'Published',
  option1Name: 'Option1 Name',
  option1Value: 'Option1 Value',
  option2Name: 'Option2 Name',
  option2Value: 'Option2 Value',
  option3Name: 'Option3 Name',
  option3Value: 'Option3 Value',
  sku: 'Variant SKU',
  stock: 'Variant Inventory Qty',
  price: 'Variant Price',
  compareAtPrice: 'Variant Compare At Price',
  barcode: 'Variant Barcode',
  imageUrl: 'Image Src',
  variantImage: 'Variant Image',
  status: 'Status',
} as const satisfies Partial<Record<Field, string>>;

export const COLUMNS: Record<TCatalogCsvFormat, Partial<Record<Field, string>>> = {
  mercato: MERCATO_COLUMNS,
  shopify: SHOPIFY_COLUMNS,
};

/** Without these a file of that layout cannot describe a variant. */
const REQUIRED: Record<TCatalogCsvFormat, Field[]> = {
  mercato: ['handle', 'name', 'sku', 'price'],
  shopify: ['handle', 'name', 'price'],
};

/** Where each field sits in a file's rows, and what the file's header calls it (errors name the file's column). */
export interface Layout {
  format: TCatalogCsvFormat;
  index: Partial<Record<Field, number>>;
  columnOf: (field: Field) => string;
  width: number;
  ignoredColumns: string[];
}

/**
 * The layout of a file from its header row: Shopify's column names are capitalised ("Handle", "Variant Price"), ours
 * are snake_case; a header that is neither is refused naming what is missing.
 */
export function detectLayout(header: readonly string[]): Layout {
  const names = header.map((name) => name.trim());
  const format: TCatalogCsvFormat = names.includes('Handle') || names.includes('Variant Price') ? 'shopify' : 'mercato';
  const columns = COLUMNS[format];
  const index: Partial<Record<Field, number>> = {};
  for (const field of FIELDS) {
    const column = columns[field];
    const at = column === undefined ? -1 : names.indexOf(column);
    if (at >= 0) index[field] = at;
  }
  const missing = REQUIRED[format].filter((field) => index[field] === undefined).map((field) => columns[field]);
  if (missing.length > 0) {
    const detail = `The header row is neither our catalogue format nor Shopify's product CSV: no ${missing.join(', ')} column.`;
    throw new AppError('VALIDATION_FAILED', detail, {
      errors: missing.map((column) => ({ path: `body.file.header.${column}`, message: 'is a required column' })),
    });
  }
  const known = new Set(Object.values(columns));
  return {
    format,
    index,
    columnOf: (field) => columns[field] ?? field,
    width: names.length,
    ignoredColumns: names.filter((name) => name !== '' && !known.has(name)),
  };
}

/** The trimmed cell of a field in a row, or undefined when the file has no such column. */
export function cellOf(layout: Layout, fields: readonly string[], field: Field): string | undefined {
  const at = layout.index[field];
  return at === undefined ? undefined : (fields[at] ?? '').trim();
}
