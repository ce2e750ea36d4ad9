import { ZSkuSchema, type TCatalogImportMessage } from '@mercato/shared';
import { parseDecimalMinor } from '../../../lib/money.js';
import { cellOf, type Field, type Layout } from './csv-format.js';
import { htmlToText } from './html-text.js';

const MAX_STOCK = 1_000_000;
const MAX_PRICE = 100_000_000_00;

/** What one row says about its product; undefined: the file does not say (the column is absent), so it is kept. */
export interface ProductCells {
  name?: string;
  description?: string;
  /** Our format: a category slug or name that must exist. */
  category?: string;
  /** Shopify: Type, then the last step of Product Category, matched to a category when one has that name. */
  categoryHints?: string[];
  active?: boolean;
  featured?: boolean;
  /** Shopify's Vendor, Type and Tags, kept as product attributes. */
  attributes?: { key: string; value: string }[];
}

export interface VariantCells {
  /** Empty: keep the matched variant's SKU, or make one from the handle and option values. */
  sku?: string;
  barcode: string | null;
  price?: number;
  compareAtPrice: number | null;
  /** Empty: keep the matched variant's stock (0 for a new one). */
  stock?: number;
  /**
   * Undefined when the file has no such column, always so in Shopify's layout (it has no per-variant status): the
   * matched variant keeps its own, so a Shopify round trip does not put variants taken off sale back on sale.
   */
  active?: boolean;
}

/** One data row read and checked cell by cell; `row` counts like a spreadsheet (the header is row 1). */
export interface ParsedRow {
  row: number;
  handle: string;
  product: ProductCells;
  optionNames: string[];
  optionValues: string[];
  /** Null for a Shopify row that only adds an image to the product. */
  variant: VariantCells | null;
  imageUrls: string[];
  errors: TCatalogImportMessage[];
}

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

/** Reads one data row of a file with this layout, turning each cell into its typed value or an error naming it. */
export function readRow(layout: Layout, fields: readonly string[], row: number, currency: string): ParsedRow {
  const cell = (field: Field) => cellOf(layout, fields, field);
  const handle = cell('handle') ?? '';
  const errors: TCatalogImportMessage[] = [];
  const fail = (field: Field, message: string) => errors.push({ row, column: layout.columnOf(field), handle, message });

  if (fields.length !== layout.width)
    errors.push({
      row,
      column: '(row)',
      handle,
      message: `has ${fields.length} fields; the header has ${layout.width} (a stray comma or quote?)`,
    });
  if (handle === '') fail('handle', 'is required');

  const flag = (field: Field, fallback: boolean): boolean | undefined => {
    const text = cell(field);
    if (text === undefined) return undefined;
    if (text === '') return fallback;
    if (TRUE.has(text.toLowerCase())) return true;
    if (FALSE.has(text.toLowerCase())) return false;
    fail(field, `"${text}" is not true or false`);
    return fallback;
  };
  const amount = (field: Field): number | undefined => {
    const text = cell(field);
    if (text === undefined || text === '') return undefined;
    const value =
      layout.format === 'shopify' ? parseDecimalMinor(text, currency) : /^\d+$/.test(text) ? Number(text) : null;
    if (value === null || value > MAX_PRICE) {
      fail(
        field,
        layout.format === 'shopify'
          ? `"${text}" is not a price (a decimal such as 19.99)`
          : `"${text}" is not a price in minor units (a whole number of cents, such as 1999 for 19.99)`,
      );
      return undefined;
    }
    return value;
  };
  const stockOf = (): number | undefined => {
    const text = cell('stock');
    if (text === undefined || text === '') return undefined;
    if (!/^-?\d+$/.test(text)) return void fail('stock', `"${text}" is not a whole number`);
    const value = Number(text);
    if (value < 0) return void fail('stock', 'cannot be negative');
    if (value > MAX_STOCK) return void fail('stock', `at most ${MAX_STOCK}`);
    return value;
  };

  const optionNames = [cell('option1Name'), cell('option2Name'), cell('option3Name')].map((name) => name ?? '');
  const optionValues = [cell('option1Value'), cell('option2Value'), cell('option3Value')].map((value) => value ?? '');
  const sku = cell('sku') ?? '';
  const priceText = cell('price') ?? '';
  const isImageOnly =
    layout.format === 'shopify' && sku === '' && priceText === '' && optionValues.every((value) => value === '');

  let variant: VariantCells | null = null;
  if (!isImageOnly) {
    const checkedSku = sku === '' ? undefined : ZSkuSchema.safeParse(sku);
    if (checkedSku && !checkedSku.success) fail('sku', checkedSku.error.issues[0]?.message ?? 'is not a valid SKU');
    const price = amount('price');
    if (priceText === '') fail('price', 'is required');
    const stock = stockOf();
    const barcode = cell('barcode') ?? '';
    const variantActive = flag('variantActive', true);
    if (barcode.length > 64) fail('barcode', 'at most 64 characters');
    variant = {
      ...(checkedSku?.success ? { sku: checkedSku.data } : {}),
      barcode: barcode === '' ? null : barcode,
      ...(price !== undefined ? { price } : {}),
      compareAtPrice: amount('compareAtPrice') ?? null,
      ...(stock !== undefined ? { stock } : {}),
      ...(variantActive !== undefined ? { active: variantActive } : {}),
    };
  }

  const product = layout.format === 'shopify' ? shopifyProduct(cell, fail) : mercatoProduct(cell, flag, fail);
  const imageUrls = [cell('imageUrl'), cell('variantImage')].filter((url): url is string => !!url);
  return { row, handle, product, optionNames, optionValues, variant, imageUrls, errors };
}

type CellReader = (field: Field) => string | undefined;
type Fail = (field: Field, message: string) => void;

function checkedText(cell: CellReader, fail: Fail, field: Field, max: number): string | undefined {
  const text = cell(field);
  if (text !== undefined && text.length > max) fail(field, `at most ${max} characters`);
  return text;
}

function mercatoProduct(
  cell: CellReader,
  flag: (field: Field, fallback: boolean) => boolean | undefined,
  fail: Fail,
): ProductCells {
  const product: ProductCells = {};
  const name = checkedText(cell, fail, 'name', 200);
  if (name !== undefined) product.name = name;
  const description = checkedText(cell, fail, 'description', 10_000);
  if (description !== undefined) product.description = description;
  const category = cell('category');
  if (category !== undefined) product.category = category;
  const active = flag('active', true);
  if (active !== undefined) product.active = active;
  const featured = flag('featured', false);
  if (featured !== undefined) product.featured = featured;
  return product;
}

function shopifyProduct(cell: CellReader, fail: Fail): ProductCells {
  const product: ProductCells = {};
  const name = checkedText(cell, fail, 'name', 200);
  if (name !== undefined) product.name = name;
  const body = cell('description');
  if (body !== undefined) {
    product.description = htmlToText(body);
    if (product.description.length > 10_000) fail('description', 'at most 10,000 characters as plain text');
  }
  const type = cell('type') ?? '';
  const taxonomy = (cell('productCategory') ?? '').split('>').pop()?.trim() ?? '';
  product.categoryHints = [type, taxonomy].filter((hint) => hint !== '');
  // Draft and archived products, and those not published to the online store, are imported hidden.
  const status = (cell('status') ?? '').toLowerCase();
  const published = (cell('published') ?? '').toLowerCase();
  if (status !== '' && !['active', 'draft', 'archived'].includes(status))
    fail('status', `"${cell('status')}" is not active, draft or archived`);
  product.active = (status === '' || status === 'active') && !FALSE.has(published);
  product.attributes = [
    { key: 'Vendor', value: cell('vendor') ?? '' },
    { key: 'Type', value: type },
    { key: 'Tags', value: cell('tags') ?? '' },
  ]
    .filter((attribute) => attribute.value !== '')
    .map((attribute) => ({ ...attribute, value: attribute.value.slice(0, 300) }));
  return product;
}
