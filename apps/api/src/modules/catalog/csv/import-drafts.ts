import type { TCatalogImportMessage, TProductOption } from '@mercato/shared';
import { slugify } from '../text.js';
import { foldOption as fold } from '../variants.js';
import { OPTION_NAME, OPTION_VALUE, type Field, type Layout } from './csv-format.js';
import type { ParsedRow, ProductCells, VariantCells } from './csv-rows.js';

export interface DraftVariant extends VariantCells {
  row: number;
  optionValues: string[];
}

/** One product as the file describes it (all its rows), before it is compared with the catalogue. */
export interface ProductDraft {
  /** The slug the product is found and stored by. */
  handle: string;
  rows: number[];
  firstRow: number;
  product: ProductCells;
  options: TProductOption[];
  variants: DraftVariant[];
  images: { row: number; url: string }[];
  errors: TCatalogImportMessage[];
  notices: TCatalogImportMessage[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Groups the rows by handle (rows of one product need not be adjacent) into product drafts. The product's columns
 * and option names come from its first row; every row with a variant must give one value per option, and no more.
 */
export function draftProducts(layout: Layout, rows: readonly ParsedRow[]): ProductDraft[] {
  const groups = new Map<string, ParsedRow[]>();
  for (const row of rows) {
    // Rows without a handle cannot belong to a product: each is reported on its own.
    const key = row.handle === '' ? `\u0000${row.row}` : row.handle;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((group) => draftOf(layout, group));
}

function draftOf(layout: Layout, group: ParsedRow[]): ProductDraft {
  const first = group[0] as ParsedRow;
  const errors = group.flatMap((row) => row.errors);
  const notices: TCatalogImportMessage[] = [];
  const at = (row: ParsedRow, field: Field, message: string, into = errors) =>
    into.push({ row: row.row, column: layout.columnOf(field), handle: first.handle, message });

  let handle = first.handle;
  if (handle !== '' && !SLUG.test(handle)) {
    if (layout.format === 'mercato') at(first, 'handle', 'must be lowercase letters, digits and single dashes');
    else {
      handle = slugify(handle);
      at(first, 'handle', `stored as "${handle}" (lowercase letters, digits and dashes)`, notices);
    }
  }
  if (handle.length > 120) at(first, 'handle', 'at most 120 characters');
  if (handle === 'featured') at(first, 'handle', 'is reserved');
  if (first.product.name === '') at(first, 'name', 'is required on the first row of a product');

  const names = first.optionNames.map((name) => name.trim());
  let count = names.reduce((last, name, index) => (name !== '' ? index + 1 : last), 0);
  names.slice(0, count).forEach((name, index) => {
    if (name === '') at(first, OPTION_NAME[index] as Field, `is required when option ${count} is named`);
  });
  for (const row of group.slice(1)) {
    row.optionNames.forEach((name, index) => {
      if (name !== '' && fold(name) !== fold(names[index] ?? ''))
        at(row, OPTION_NAME[index] as Field, `"${name}" differs from row ${first.row} ("${names[index] ?? ''}")`);
    });
  }
  const variantRows = group.filter((row) => row.variant !== null);
  // Shopify writes a product sold one way as option "Title" with the value "Default Title".
  if (
    layout.format === 'shopify' &&
    count === 1 &&
    fold(names[0] ?? '') === 'title' &&
    variantRows.every((row) => fold(row.optionValues[0] ?? '') === 'default title')
  ) {
    count = 0;
    for (const row of variantRows) row.optionValues[0] = '';
  }

  const options: TProductOption[] = names.slice(0, count).map((name) => ({ name, values: [] }));
  const variants: DraftVariant[] = [];
  for (const row of variantRows) {
    const values = row.optionValues.map((value) => value.trim());
    values.forEach((value, index) => {
      const option = options[index];
      if (option && value === '')
        at(row, OPTION_VALUE[index] as Field, `is required: the product has option ${option.name}`);
      if (!option && value !== '')
        at(row, OPTION_VALUE[index] as Field, `the product has no option ${index + 1} (name it on row ${first.row})`);
      if (option && value !== '' && !option.values.some((known) => fold(known) === fold(value)))
        option.values.push(value);
    });
    variants.push({ ...(row.variant as VariantCells), row: row.row, optionValues: values.slice(0, count) });
  }
  if (variants.length === 0) at(first, 'price', 'the product has no variant row (a row with a price)');

  const images = group.flatMap((row) => row.imageUrls.map((url) => ({ row: row.row, url })));
  return {
    handle,
    rows: group.map((row) => row.row),
    firstRow: first.row,
    product: first.product,
    options,
    variants,
    images,
    errors,
    notices,
  };
}
