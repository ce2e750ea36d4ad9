import { variantTitleOf, type TAdminProduct, type TFieldError, type TProductVariantsInput } from '@mercato/shared';
import {
  describeMoneyInputError,
  formatMoneyInput,
  formatOptionalMoneyInput,
  parseMoneyInput,
} from '../../../../lib/money-input.js';

/** One option as staff type it: a name and its values, comma separated ("S, M, L"). */
export interface OptionDraft {
  name: string;
  values: string;
}

/**
 * One row of the variant table, every field as typed (empty barcode or compare-at price: none); `id` is set for a
 * saved variant (its reserved and sold units stay with it). `imageIds` are among the product's images, in order.
 */
export interface VariantRow {
  id?: string;
  optionValues: string[];
  sku: string;
  barcode: string;
  price: string;
  compareAtPrice: string;
  stock: string;
  imageIds: string[];
  active: boolean;
}

/** The cells staff type into; also the keys of cell errors (`3.compareAtPrice`). */
export type TVariantTextField = 'sku' | 'barcode' | 'price' | 'compareAtPrice' | 'stock';

export const rowTitle = (row: Pick<VariantRow, 'optionValues'>) => variantTitleOf(row.optionValues);

export function splitValues(text: string): string[] {
  return [...new Set(text.split(',').map((value) => value.trim()))].filter(Boolean);
}

/** The product's saved options and variants as the table edits them. */
export function toDrafts(product: TAdminProduct, digits: number): { options: OptionDraft[]; rows: VariantRow[] } {
  // Only ids the product still has are kept: the API takes a removed image off its variants, but a product saved
  // before it did may still name one, and the API refuses a save naming it.
  const productImageIds = new Set(product.images.map((image) => image.id));
  return {
    options: product.options.map((option) => ({ name: option.name, values: option.values.join(', ') })),
    rows: product.variants.map((variant) => ({
      id: variant.id,
      optionValues: variant.optionValues,
      sku: variant.sku,
      barcode: variant.barcode ?? '',
      price: formatMoneyInput(variant.price, digits),
      compareAtPrice: formatOptionalMoneyInput(variant.compareAtPrice, digits),
      stock: String(variant.stock),
      imageIds: variant.imageIds.filter((id) => productImageIds.has(id)),
      active: variant.isAvailable,
    })),
  };
}

/** What a generated row starts from (as typed): the first row's SKU stem and price, the product's compare-at price. */
export interface RowBase {
  sku: string;
  price: string;
  compareAtPrice?: string;
}

export function generationBase(
  product: Pick<TAdminProduct, 'compareAtPrice'>,
  rows: readonly VariantRow[],
  digits: number,
): RowBase {
  return {
    sku: rows[0]?.sku.split('-')[0] ?? '',
    price: rows[0]?.price ?? '0',
    compareAtPrice: formatOptionalMoneyInput(product.compareAtPrice, digits),
  };
}

/**
 * Every combination of the options' values (the variant matrix), in option order. A combination that already has a
 * row keeps it (its id, SKU, prices, barcode, images and stock); a new one gets a SKU from the base and the values,
 * the base's price and compare-at price (the product's, as the API defaults one left out) and no stock.
 */
export function generateRows(options: readonly OptionDraft[], rows: readonly VariantRow[], base: RowBase) {
  const lists = options.map((option) => splitValues(option.values)).filter((values) => values.length > 0);
  const combos = lists.reduce<string[][]>(
    (acc, values) => acc.flatMap((combo) => values.map((v) => [...combo, v])),
    [[]],
  );
  const existing = new Map(rows.map((row) => [rowTitle(row), row]));
  return combos.map((optionValues): VariantRow => {
    const kept = existing.get(rowTitle({ optionValues }));
    if (kept) return { ...kept, optionValues };
    const suffix = optionValues.map((value) => value.replace(/[^A-Za-z0-9]+/g, '')).join('-');
    return {
      optionValues,
      sku: [base.sku, suffix].filter(Boolean).join('-').toUpperCase(),
      barcode: '',
      price: base.price,
      compareAtPrice: base.compareAtPrice ?? '',
      stock: '0',
      imageIds: [],
      active: true,
    };
  });
}

/** A variant's images after ticking or unticking one: a newly chosen image goes last, the others keep their order. */
export function toggleImageId(imageIds: readonly string[], imageId: string, isChosen: boolean): string[] {
  const others = imageIds.filter((id) => id !== imageId);
  return isChosen ? [...others, imageId] : others;
}

const STOCK = /^\d{1,7}$/;

/**
 * What the table can tell before saving, by cell (`2.compareAtPrice`): a price or compare-at price that is not an
 * amount of the currency, a stock that is not a whole number. The API checks the rest (SKUs taken, option values).
 */
export function findRowProblems(rows: readonly VariantRow[], digits: number): Map<string, string> {
  const problems = new Map<string, string>();
  rows.forEach((row, index) => {
    const price = parseMoneyInput(row.price, digits);
    if (!price.ok) problems.set(`${index}.price`, describeMoneyInputError(price.reason, digits));
    const compareAt = parseMoneyInput(row.compareAtPrice, digits);
    if (!compareAt.ok && compareAt.reason !== 'empty')
      problems.set(`${index}.compareAtPrice`, describeMoneyInputError(compareAt.reason, digits));
    if (!STOCK.test(row.stock.trim())) problems.set(`${index}.stock`, 'Enter a whole number, like 5');
  });
  return problems;
}

/** The body of `PUT /api/admin/products/:id/variants`; an amount that does not parse is sent as -1 for the API to name. */
export function toVariantsInput(
  options: readonly OptionDraft[],
  rows: readonly VariantRow[],
  digits: number,
): TProductVariantsInput {
  return {
    options: options
      .map((option) => ({ name: option.name.trim(), values: splitValues(option.values) }))
      .filter((option) => option.name || option.values.length > 0),
    variants: rows.map((row) => {
      const price = parseMoneyInput(row.price, digits);
      const compareAt = parseMoneyInput(row.compareAtPrice, digits);
      return {
        ...(row.id ? { id: row.id } : {}),
        sku: row.sku.trim(),
        barcode: row.barcode.trim() || null,
        optionValues: row.optionValues,
        price: price.ok ? price.amountMinor : -1,
        compareAtPrice: compareAt.ok ? compareAt.amountMinor : compareAt.reason === 'empty' ? null : -1,
        stock: /^\d+$/.test(row.stock.trim()) ? Number(row.stock) : -1,
        imageIds: row.imageIds,
        active: row.active,
      };
    }),
  };
}

/** The API's field errors by cell: `body.variants.3.sku` → `3.sku`; anything else under `form`. */
export function errorsByCell(errors: readonly TFieldError[]): Map<string, string> {
  const cells = new Map<string, string>();
  for (const error of errors) {
    const match = /^body\.variants\.(\d+)\.(\w+)/.exec(error.path);
    const key = match ? `${match[1]}.${match[2]}` : 'form';
    cells.set(key, [cells.get(key), error.message].filter(Boolean).join('; '));
  }
  return cells;
}
