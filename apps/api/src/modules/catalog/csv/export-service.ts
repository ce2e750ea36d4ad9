import { variantTitleOf, type TCatalogCsvFormat } from '@mercato/shared';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { escapeHtml } from '../../../lib/html.js';
import { toDecimalString } from '../../../lib/money.js';
import type { CategoriesRepo } from '../categories-repo.js';
import { mediaUrl } from '../dto.js';
import type { EmbeddedImage, ProductDoc } from '../model.js';
import type { ProductsRepo } from '../products-repo.js';
import { MERCATO_COLUMNS, SHOPIFY_COLUMNS } from './csv-format.js';
import { guardCell } from './formula-guard.js';

export interface CatalogExportDeps {
  products: ProductsRepo;
  categories: CategoriesRepo;
  currency: string;
  /** Absolute links to our images, so a file opened elsewhere points at them (the import recognises them). */
  publicUrl: string;
}

type Row = Record<string, string>;

/**
 * The whole catalogue as CSV, one row per variant, streamed from a database cursor through the CSV writer (memory
 * stays flat however large the catalogue). Archived products are left out: they are history, not stock for sale.
 */
export function createCatalogExport(deps: CatalogExportDeps) {
  const { products, categories, currency, publicUrl } = deps;
  const imageUrl = (image: EmbeddedImage | undefined) =>
    image ? `${publicUrl}${mediaUrl(image.hash, image.widths[image.widths.length - 1] ?? image.width)}` : '';

  return {
    async stream(format: TCatalogCsvFormat): Promise<Readable> {
      const categoryById = new Map((await categories.all()).map((category) => [category._id.toHexString(), category]));
      const rowsOf = format === 'shopify' ? shopifyRows : mercatoRows;
      const cursor = products.collection.find({ archived: false }).sort({ slug: 1 });
      async function* rows() {
        for await (const product of cursor) {
          const category = product.categoryId ? categoryById.get(product.categoryId.toHexString()) : undefined;
          yield* rowsOf(product, {
            categorySlug: category?.slug ?? '',
            categoryName: category?.name ?? '',
            currency,
            imageUrl,
          });
        }
      }
      const columns = Object.values(format === 'shopify' ? SHOPIFY_COLUMNS : MERCATO_COLUMNS);
      return Readable.from(rows()).pipe(
        stringify({ header: true, columns, cast: { string: (value) => guardCell(value) } }),
      );
    },
  };
}

export type CatalogExport = ReturnType<typeof createCatalogExport>;

interface RowContext {
  categorySlug: string;
  categoryName: string;
  currency: string;
  imageUrl: (image: EmbeddedImage | undefined) => string;
}

/** Our format: the product's columns on its first row only (the import reads them there), option names on every row. */
function mercatoRows(product: ProductDoc, context: RowContext): Row[] {
  const c = MERCATO_COLUMNS;
  return product.variants.map((variant, index) => {
    const row: Row = {
      [c.handle]: product.slug,
      [c.sku]: variant.sku,
      [c.barcode]: variant.barcode ?? '',
      [c.price]: String(variant.price),
      [c.compareAtPrice]: variant.compareAtPrice === null ? '' : String(variant.compareAtPrice),
      [c.stock]: String(variant.stock),
      [c.variantActive]: String(variant.active),
      [c.imageUrl]: context.imageUrl(product.images[index]),
    };
    product.options.forEach((option, optionIndex) => {
      row[`option${optionIndex + 1}_name`] = option.name;
      row[`option${optionIndex + 1}_value`] = variant.optionValues[optionIndex] ?? '';
    });
    if (index === 0)
      Object.assign(row, {
        [c.name]: product.name,
        [c.description]: product.description,
        [c.category]: context.categorySlug,
        [c.active]: String(product.active),
        [c.featured]: String(product.featured),
      });
    return row;
  });
}

/** Shopify's layout: decimal prices, the description as HTML, "Title / Default Title" for a product sold one way. */
function shopifyRows(product: ProductDoc, context: RowContext): Row[] {
  const c = SHOPIFY_COLUMNS;
  const attribute = (key: string) => product.attributes.find((entry) => entry.key === key)?.value ?? '';
  const money = (amount: number | null) => (amount === null ? '' : toDecimalString(amount, context.currency));
  const body = product.description
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const rows = product.variants.map((variant, index) => {
    const row: Row = {
      [c.handle]: product.slug,
      [c.sku]: variant.sku,
      [c.stock]: String(variant.stock),
      [c.price]: money(variant.price),
      [c.compareAtPrice]: money(variant.compareAtPrice),
      [c.barcode]: variant.barcode ?? '',
      [c.imageUrl]: context.imageUrl(product.images[index]),
    };
    if (product.options.length === 0)
      Object.assign(row, { [c.option1Name]: 'Title', [c.option1Value]: 'Default Title' });
    product.options.forEach((option, optionIndex) => {
      row[`Option${optionIndex + 1} Name`] = index === 0 ? option.name : '';
      row[`Option${optionIndex + 1} Value`] = variant.optionValues[optionIndex] ?? variantTitleOf([]);
    });
    if (index === 0)
      Object.assign(row, {
        [c.name]: product.name,
        [c.description]: body,
        [c.vendor]: attribute('Vendor'),
        [c.type]: context.categoryName || attribute('Type'),
        [c.tags]: attribute('Tags'),
        [c.published]: product.active ? 'TRUE' : 'FALSE',
        [c.status]: product.active ? 'active' : 'draft',
      });
    return row;
  });
  // Images beyond the variant rows go on rows of their own, as Shopify writes them.
  for (const image of product.images.slice(product.variants.length))
    rows.push({ [c.handle]: product.slug, [c.imageUrl]: context.imageUrl(image) });
  return rows;
}
