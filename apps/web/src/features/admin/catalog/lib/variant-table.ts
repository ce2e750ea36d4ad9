import type { TAdminProduct, TFieldError, TProductVariantsInput } from '@mercato/shared';
import { formatMoneyInput, parseMoneyInput } from '../../../../lib/money-input.js';

/** One option as staff type it: a name and its values, comma separated ("S, M, L"). */
export interface OptionDraft {
  name: string;
  values: string;
}

/** One row of the variant table; `id` is set for a saved variant (its reserved and sold units stay with it). */
export interface VariantRow {
  id?: string;
  optionValues: string[];
  sku: string;
  price: string;
  compareAtPrice: number | null;
  barcode: string | null;
  stock: string;
  imageIds: string[];
  active: boolean;
}

export const rowTitle = (row: VariantRow) => (row.optionValues.length === 0 ? 'Default' : row.optionValues.join(' / '));

export function splitValues(text: string): string[] {
  return [...new Set(text.split(',').map((value) => value.trim()))].filter(Boolean);
}

/** The product's saved options and variants as the table edits them. */
export function toDrafts(product: TAdminProduct, digits: number): { options: OptionDraft[]; rows: VariantRow[] } {
  return {
    options: product.options.map((option) => ({ name: option.name, values: option.values.join(', ') })),
    rows: product.variants.map((variant) => ({
      id: variant.id,
      optionValues: variant.optionValues,
      sku: variant.sku,
      price: formatMoneyInput(variant.price, digits),
      compareAtPrice: variant.compareAtPrice,
      barcode: variant.barcode,
      stock: String(variant.stock),
      imageIds: variant.imageIds,
      active: variant.isAvailable,
    })),
  };
}

/**
 * Every combination of the options' values (the variant matrix), in option order. A combination that already has a
 * row keeps it (its id, SKU, price and stock); a new one gets a SKU from the base and the values, the default price
 * and no stock.
 */
export function generateRows(
  options: readonly OptionDraft[],
  rows: readonly VariantRow[],
  base: { sku: string; price: string },
) {
  const lists = options.map((option) => splitValues(option.values)).filter((values) => values.length > 0);
  const combos = lists.reduce<string[][]>(
    (acc, values) => acc.flatMap((combo) => values.map((v) => [...combo, v])),
    [[]],
  );
  const existing = new Map(rows.map((row) => [rowTitle(row), row]));
  return combos.map((optionValues): VariantRow => {
    const kept = existing.get(optionValues.length === 0 ? 'Default' : optionValues.join(' / '));
    if (kept) return { ...kept, optionValues };
    const suffix = optionValues.map((value) => value.replace(/[^A-Za-z0-9]+/g, '')).join('-');
    return {
      optionValues,
      sku: [base.sku, suffix].filter(Boolean).join('-').toUpperCase(),
      price: base.price,
      compareAtPrice: null,
      barcode: null,
      stock: '0',
      imageIds: [],
      active: true,
    };
  });
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
      return {
        ...(row.id ? { id: row.id } : {}),
        sku: row.sku.trim(),
        barcode: row.barcode,
        optionValues: row.optionValues,
        price: price.ok ? price.amountMinor : -1,
        compareAtPrice: row.compareAtPrice,
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
