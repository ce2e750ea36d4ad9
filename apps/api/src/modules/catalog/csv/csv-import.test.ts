import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../model.js';
import { detectLayout } from './csv-format.js';
import { readRow } from './csv-rows.js';
import { htmlToText } from './html-text.js';
import { planProduct, type DiffContext } from './import-diff.js';
import { draftProducts } from './import-drafts.js';

const SHOPIFY_HEADER = [
  'Handle',
  'Title',
  'Body (HTML)',
  'Vendor',
  'Type',
  'Tags',
  'Published',
  'Option1 Name',
  'Option1 Value',
  'Option2 Name',
  'Option2 Value',
  'Variant SKU',
  'Variant Inventory Qty',
  'Variant Price',
  'Variant Compare At Price',
  'Image Src',
  'SEO Title',
  'Status',
];
const OURS_HEADER = ['handle', 'name', 'option1_name', 'option1_value', 'sku', 'price', 'stock', 'active'];

/** Rows of a file as the parser hands them over (arrays of cells), read and drafted. */
function draftsOf(header: string[], records: string[][]) {
  const layout = detectLayout(header);
  const rows = records.map((fields, index) => readRow(layout, fields, index + 2, 'USD'));
  return { layout, rows, drafts: draftProducts(layout, rows) };
}

const context = (layout: DiffContext['layout']): DiffContext => ({
  layout,
  categories: [],
  skus: { owners: new Map(), firstInFile: new Map() },
  now: new Date(),
});

describe('reading the header', () => {
  it('when the header has Shopify column names, then it is Shopify; the columns we do not read are listed', () => {
    const layout = detectLayout(SHOPIFY_HEADER);
    expect(layout.format).toBe('shopify');
    expect(layout.ignoredColumns).toEqual(['SEO Title']);
    expect(detectLayout(OURS_HEADER).format).toBe('mercato');
  });

  it('when a required column is missing, then the header is refused naming it', () => {
    expect(() => detectLayout(['handle', 'name', 'price'])).toThrow(/no sku column/);
  });
});

describe('reading Shopify rows', () => {
  const shirt = (extra: Partial<Record<string, string>> = {}) => SHOPIFY_HEADER.map((column) => extra[column] ?? '');

  it('when prices are decimals, then they become minor units exactly and the HTML body becomes plain text', () => {
    const { rows } = draftsOf(SHOPIFY_HEADER, [
      shirt({
        Handle: 'tee',
        Title: 'Tee',
        'Body (HTML)': '<p>Soft &amp; <b>warm</b></p><script>alert(1)</script><ul><li>Cotton</li></ul>',
        'Variant Price': '0.29',
        'Variant Compare At Price': '1.1',
        'Variant Inventory Qty': '4',
        Vendor: 'Acme',
      }),
    ]);
    expect(rows[0]?.errors).toEqual([]);
    expect(rows[0]?.variant).toMatchObject({ price: 29, compareAtPrice: 110, stock: 4 });
    expect(rows[0]?.product.description).toBe('Soft & warm\n\n- Cotton');
    expect(rows[0]?.product.attributes).toEqual([{ key: 'Vendor', value: 'Acme' }]);
  });

  it('when a product is sold one way ("Title" / "Default Title"), then it has no options', () => {
    const { drafts } = draftsOf(SHOPIFY_HEADER, [
      shirt({
        Handle: 'mug',
        Title: 'Mug',
        'Option1 Name': 'Title',
        'Option1 Value': 'Default Title',
        'Variant Price': '5',
      }),
      shirt({ Handle: 'mug', 'Image Src': 'https://cdn.example/mug-2.jpg' }),
    ]);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.options).toEqual([]);
    expect(drafts[0]?.variants).toHaveLength(1);
    expect(drafts[0]?.images).toEqual([{ row: 3, url: 'https://cdn.example/mug-2.jpg' }]);
  });

  it('when the status is draft or the product is unpublished, then it is imported hidden', () => {
    const { rows } = draftsOf(SHOPIFY_HEADER, [
      shirt({ Handle: 'a', Title: 'A', 'Variant Price': '1', Status: 'draft' }),
      shirt({ Handle: 'b', Title: 'B', 'Variant Price': '1', Published: 'FALSE' }),
      shirt({ Handle: 'c', Title: 'C', 'Variant Price': '1', Status: 'active', Published: 'TRUE' }),
    ]);
    expect(rows.map((row) => row.product.active)).toEqual([false, false, true]);
  });
});

describe('bad rows are named by row and column', () => {
  it('when cells are wrong, then each error names its row and the file’s column', () => {
    const { rows } = draftsOf(OURS_HEADER, [
      ['tee', 'Tee', 'Size', 'S', 'TEE-S', '19.99', '-1', 'maybe'],
      ['tee', 'Tee', 'Size', 'M', 'TEE M', '100', '2'],
    ]);
    expect(rows[0]?.errors.map((error) => [error.row, error.column])).toEqual([
      [2, 'price'],
      [2, 'stock'],
      [2, 'active'],
    ]);
    expect(rows[1]?.errors.map((error) => [error.row, error.column])).toEqual([
      [3, '(row)'],
      [3, 'sku'],
    ]);
  });

  it('when a row names a value for an option the product does not have, or leaves one out, then that cell is named', () => {
    const header = [...OURS_HEADER, 'option2_value'];
    const { drafts } = draftsOf(header, [
      ['tee', 'Tee', 'Size', 'S', 'TEE-S', '100', '1', 'true', ''],
      ['tee', '', '', '', 'TEE-X', '100', '1', 'true', ''],
      ['tee', '', '', 'M', 'TEE-M', '100', '1', 'true', 'Blue'],
    ]);
    expect(drafts[0]?.errors.map((error) => [error.row, error.column])).toEqual([
      [3, 'option1_value'],
      [4, 'option2_value'],
    ]);
  });

  it('when a product has 101 variants or two rows with one SKU, then the rules of the admin screen refuse it', () => {
    const many = Array.from({ length: 101 }, (_, index) => [
      'big',
      'Big',
      'N',
      `v${index}`,
      `BIG-${index}`,
      '1',
      '1',
      '',
    ]);
    const { layout, drafts } = draftsOf(OURS_HEADER, [
      ...many,
      ['dup', 'Dup', 'Size', 'S', 'DUP-1', '1', '1', ''],
      ['dup', 'Dup', 'Size', 'M', 'dup-1', '1', '1', ''],
    ]);
    const [big, dup] = drafts.map((draft) => planProduct(draft, null, context(layout)));
    expect(big?.result).toBe('error');
    expect(big?.errors[0]).toMatchObject({ row: 102, column: 'handle', message: 'at most 100 variants per product' });
    expect(dup?.errors[0]).toMatchObject({ row: 104, column: 'sku' });
  });
});

describe('comparing with the catalogue', () => {
  it('when a product is imported again as it is stored, then it is unchanged; held and sold units stay with their variant', () => {
    const { layout, drafts } = draftsOf(OURS_HEADER, [
      ['tee', 'Tee', 'Size', 'S', 'TEE-S', '1000', '5', 'true'],
      ['tee', 'Tee', 'Size', 'M', 'TEE-M', '1000', '', 'true'],
    ]);
    const draft = drafts[0];
    if (!draft) throw new Error('no draft');
    const created = planProduct(draft, null, context(layout));
    if (created.result !== 'created') throw new Error(created.result);
    const stored: ProductDoc = {
      ...created.doc,
      variants: created.doc.variants.map((variant) => ({ ...variant, reserved: 3, sold: 2 })),
    };
    expect(planProduct(draft, stored, context(layout)).result).toBe('unchanged');

    const { drafts: restocked } = draftsOf(OURS_HEADER, [
      ['tee', 'Tee', 'Size', 'S', 'TEE-S', '1000', '9', 'true'],
      ['tee', 'Tee', 'Size', 'M', 'TEE-M', '1200', '', 'true'],
    ]);
    const updated = planProduct(restocked[0] as NonNullable<typeof draft>, stored, context(layout));
    if (updated.result !== 'updated') throw new Error(updated.result);
    expect(
      updated.fields.variants.map((variant) => [variant.sku, variant.stock, variant.reserved, variant.sold]),
    ).toEqual([
      ['TEE-S', 9, 3, 2],
      ['TEE-M', 0, 3, 2],
    ]);
    expect(updated.fields.variants.map((variant) => variant._id)).toEqual(
      stored.variants.map((variant) => variant._id),
    );
    expect(updated.fields).toMatchObject({ price: 1000, maxPrice: 1200, stock: 9, reserved: 6, sold: 4 });
  });

  it('when a SKU belongs to another product, then the row is refused naming it', () => {
    const { layout, drafts } = draftsOf(OURS_HEADER, [['mug', 'Mug', '', '', 'TAKEN-1', '100', '1', '']]);
    const ctx = context(layout);
    ctx.skus.owners.set('taken-1', { productId: new ObjectId(), slug: 'cup', name: 'Cup' });
    const plan = planProduct(drafts[0] as NonNullable<(typeof drafts)[0]>, null, ctx);
    expect(plan.errors).toEqual([
      { row: 2, column: 'sku', handle: 'mug', message: 'SKU TAKEN-1 is already used by Cup (cup)' },
    ]);
  });
});

describe('htmlToText', () => {
  it('when the body holds markup, entities and comments, then only the text is left', () => {
    expect(htmlToText('<h2>Care</h2><!-- x --><p>Wash&nbsp;cold<br/>&lt;30&#176;C</p><style>p{}</style>')).toBe(
      'Care\nWash cold\n<30°C',
    );
  });
});
