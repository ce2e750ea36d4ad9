import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../../test-support/auth.test-support.js';
import { createProduct } from '../../../test-support/catalog.test-support.js';
import { addToCart, startCheckout } from '../../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

const FIXTURE = new URL('../fixtures/shopify-products.csv', import.meta.url);
const OURS = 'handle,name,description,category,option1_name,option1_value,sku,price,compare_at_price,stock,active';

/** Uploads a CSV as the admin page does (multipart field "file"); a dry run unless `dryRun` is false. */
async function importCsv(csv: string, query = '', token = admin.accessToken) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'catalogue.csv');
  const response = await fetch(`${ctx.url}/api/admin/catalog/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function exportCsv(format = 'mercato') {
  const response = await fetch(`${ctx.url}/api/admin/catalog/export?format=${format}`, {
    headers: { authorization: `Bearer ${admin.accessToken}` },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const products = (slugs: string[]) =>
  ctx.db
    .collection('products')
    .find({ slug: { $in: slugs } })
    .sort({ slug: 1 })
    .toArray();
const importAudits = () => ctx.db.collection('audit_log').countDocuments({ action: 'product.import' });

describe('Shopify product CSV', () => {
  const SLUGS = ['fixture-tee', 'fixture-mug', 'fixture-scarf', 'fixture-socks'];

  it('when the file is sent without dryRun, then it is a dry run: the report says what would happen and nothing is written', async () => {
    const dry = await importCsv(await readFile(FIXTURE, 'utf8'));
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({
      format: 'shopify',
      dryRun: true,
      rows: 9,
      products: { created: 3, updated: 0, unchanged: 0, failed: 1 },
    });
    expect(dry.body.errors).toEqual([
      { row: 9, column: 'Variant Price', handle: 'fixture-socks', message: expect.stringContaining('"abc"') },
    ]);
    expect(dry.body.items.filter((item: { handle: string }) => item.handle === 'fixture-socks')).toEqual([
      { row: 9, handle: 'fixture-socks', sku: 'FX-SOCKS', result: 'error' },
      { row: 10, handle: 'fixture-socks', sku: 'FX-SOCKS-K', result: 'skipped' },
    ]);
    expect(dry.body.notices).toContainEqual({
      row: 2,
      column: 'Image Src',
      handle: 'fixture-tee',
      message: expect.stringMatching(/^image not fetched: https:\/\/cdn\.example\.com\/tee-front\.jpg/),
    });
    expect(dry.body.ignoredColumns).toContain('SEO Title');
    expect(await products(SLUGS)).toEqual([]);
    expect(await importAudits()).toBe(0);
  });

  it('when applied, then variants, exact prices and plain-text bodies are stored; applying again changes nothing', async () => {
    const csv = await readFile(FIXTURE, 'utf8');
    const applied = await importCsv(csv, '?dryRun=false');
    expect(applied.body.products).toEqual({ created: 3, updated: 0, unchanged: 0, failed: 1 });
    const [mug, scarf, tee] = await products(SLUGS);
    expect(tee).toMatchObject({
      name: 'Fixture Tee',
      description: 'Soft organic cotton & a relaxed fit.\n\n- Machine wash\n- Made in Portugal',
      options: [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Colour', values: ['Black', 'White'] },
      ],
      price: 1999,
      maxPrice: 2150,
      stock: 23,
      active: true,
      attributes: [
        { key: 'Vendor', value: 'Northwind' },
        { key: 'Type', value: 'Shirts' },
        { key: 'Tags', value: 'cotton, summer' },
      ],
    });
    expect(
      tee?.variants.map((variant: { sku: string; price: number; compareAtPrice: number | null }) => [
        variant.sku,
        variant.price,
        variant.compareAtPrice,
      ]),
    ).toEqual([
      ['FX-TEE-S-BLK', 1999, 2500],
      ['FX-TEE-S-WHT', 1999, 2500],
      ['FX-TEE-M-BLK', 2150, null],
      ['FX-TEE-M-WHT', 2150, null],
    ]);
    expect(mug).toMatchObject({
      options: [],
      price: 1250,
      stock: 30,
      description: 'Stoneware\nHolds 350 ml — dishwasher safe.\nHand glazed.',
    });
    expect(mug?.variants).toHaveLength(1);
    expect(scarf).toMatchObject({ active: false, stock: 11 });
    expect(scarf?.variants.map((variant: { sku: string }) => variant.sku)).toEqual([
      'FIXTURE-SCARF-GREY',
      'FIXTURE-SCARF-NAVY',
    ]);
    expect(await products(['fixture-socks'])).toEqual([]);
    expect(await importAudits()).toBe(3);
    // The storefront sees the new products at once (the catalogue cache was invalidated).
    const page = await request(ctx.url, 'GET', '/api/products/fixture-tee');
    expect(page.body).toMatchObject({ price: 1999, maxPrice: 2150 });
    // Imported sizes are listing filters like any other: the tee is flagged as having options, the mug is not.
    expect(tee?.hasOptions).toBe(true);
    expect(mug?.hasOptions).toBe(false);
    const sizeM = await request(ctx.url, 'GET', '/api/products?option=Size:M');
    expect(sizeM.body.items.map((item: { slug: string }) => item.slug)).toEqual(['fixture-tee']);

    const again = await importCsv(csv, '?dryRun=false');
    expect(again.body.products).toEqual({ created: 0, updated: 0, unchanged: 3, failed: 1 });
    expect(await products(SLUGS)).toEqual([mug, scarf, tee]);
    expect(await importAudits()).toBe(3);
  });
});

describe('our format', () => {
  it('when the catalogue is exported and imported back, then nothing changes', async () => {
    await createProduct(ctx, admin.accessToken, {
      name: 'Round trip lamp',
      price: 4500,
      stock: 7,
      description: 'Brass, "vintage", 2 bulbs\nsecond line',
    });
    await createProduct(ctx, admin.accessToken, {
      name: '=HYPERLINK("http://evil.example","-20% linen")',
      price: 900,
      stock: 1,
      description: '-20% off, +1 free',
    });
    const exported = await exportCsv();
    // A spreadsheet opening the file sees text, not formulas; the import takes the guard off again (checked below).
    expect(exported.text).toContain(`'=HYPERLINK(`);
    expect(exported.text).toContain(`'-20% off, +1 free`);
    expect(exported.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="catalogue-mercato-/);
    expect(exported.text.split('\n')[0]).toBe(
      'handle,name,description,category,option1_name,option1_value,option2_name,option2_value,option3_name,option3_value,sku,barcode,price,compare_at_price,stock,variant_active,image_url,active,featured',
    );
    const before = await ctx.db.collection('products').find().sort({ slug: 1 }).toArray();
    const dry = await importCsv(exported.text);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.products).toMatchObject({ created: 0, updated: 0, failed: 0 });
    const applied = await importCsv(exported.text, '?dryRun=false');
    expect(applied.body.products.unchanged).toBe(before.length);
    expect(await ctx.db.collection('products').find().sort({ slug: 1 }).toArray()).toEqual(before);

    const shopify = await exportCsv('shopify');
    expect(shopify.text).toContain('Fixture Tee');
    const shopifyBack = await importCsv(shopify.text);
    expect(shopifyBack.body).toMatchObject({ format: 'shopify', errors: [] });
  });

  it('when a product with a variant taken off sale goes out as Shopify’s CSV and comes back, then that variant stays off sale (Shopify has no column for it)', async () => {
    const product = await createProduct(ctx, admin.accessToken, { name: 'Round trip shade', stock: 0 });
    const saved = await request(ctx.url, 'PUT', `/api/admin/products/${product.id}/variants`, {
      token: admin.accessToken,
      body: {
        options: [{ name: 'Size', values: ['S', 'L'] }],
        variants: [
          { sku: 'SHADE-S', optionValues: ['S'], price: 1200, stock: 2 },
          { sku: 'SHADE-L', optionValues: ['L'], price: 1500, stock: 4, active: false },
        ],
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const shopify = await exportCsv('shopify');
    const header = shopify.text.split('\n')[0] ?? '';
    expect(header).not.toMatch(/variant_active|Variant Status/i);
    expect(shopify.text).toContain('SHADE-L');

    const back = await importCsv(shopify.text, '?dryRun=false');

    expect(back.body).toMatchObject({ format: 'shopify', errors: [] });
    const [shade] = await products(['round-trip-shade']);
    expect(shade?.variants.map((variant: { sku: string; active: boolean }) => [variant.sku, variant.active])).toEqual([
      ['SHADE-S', true],
      ['SHADE-L', false],
    ]);
  });

  it('when SKUs repeat in the file or belong to another product, or cells are bad, then each is named by row and column and those products are not written', async () => {
    const csv = [
      OURS,
      'dup-a,Dup A,,,,,DUP-SKU,100,,1,true',
      'dup-b,Dup B,,,,,dup-sku,100,,1,true',
      'steal,Steal,,,,,FX-MUG,100,,1,true',
      'neg,Neg,,,,,NEG-1,100,,-4,true',
      'nocat,No cat,,no-such-category,,,NOCAT-1,100,,1,true',
      'combo,Combo,,,Size,S,COMBO-S,100,,1,true',
      'combo,Combo,,,Size,S,COMBO-S2,100,,1,true',
      'short,Short,,,,,SHORT-1,100',
      'fine,Fine,,,,,FINE-1,250,300,2,true',
    ].join('\n');
    const report = await importCsv(csv, '?dryRun=false');
    expect(report.status).toBe(200);
    expect(report.body.errors.map((error: { row: number; column: string }) => [error.row, error.column])).toEqual([
      [3, 'sku'],
      [4, 'sku'],
      [5, 'stock'],
      [6, 'category'],
      [8, 'option1_value'],
      [9, '(row)'],
    ]);
    expect(report.body.products).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 6 });
    expect(
      (await products(['dup-a', 'dup-b', 'steal', 'neg', 'nocat', 'combo', 'short', 'fine'])).map((doc) => doc.slug),
    ).toEqual(['dup-a', 'fine']);
  });

  it('when a new product sold one way gets no SKU and its default one names other products’ variants, then it takes the first free suffix, as the admin form does, and keeps it on a second import', async () => {
    const hat = await createProduct(ctx, admin.accessToken, { name: 'Hat', stock: 0 });
    const sized = await request(ctx.url, 'PUT', `/api/admin/products/${hat.id}/variants`, {
      token: admin.accessToken,
      body: {
        options: [{ name: 'Size', values: ['M', 'L'] }],
        variants: [
          { sku: 'HAT-M', optionValues: ['M'], price: 900, stock: 3 },
          { sku: 'HAT-M-2', optionValues: ['L'], price: 900, stock: 3 },
        ],
      },
    });
    expect(sized.status, JSON.stringify(sized.body)).toBe(200);
    const csv = [OURS, 'hat-m,Hat M,,,,,,1200,,4,true'].join('\n');

    const report = await importCsv(csv, '?dryRun=false');

    expect(report.body.errors).toEqual([]);
    expect(report.body.products).toMatchObject({ created: 1, failed: 0 });
    const [created] = await products(['hat-m']);
    expect(created?.variants.map((variant: { sku: string }) => variant.sku)).toEqual(['HAT-M-3']);
    const again = await importCsv(csv, '?dryRun=false');
    expect(again.body.products).toMatchObject({ unchanged: 1, failed: 0 });
  });

  it('when a checkout holds units of a variant, then an import sets its available stock and keeps the held units', async () => {
    await importCsv([OURS, 'held-lamp,Held lamp,,,,,HELD-1,900,,10,true'].join('\n'), '?dryRun=false');
    const [lamp] = await products(['held-lamp']);
    const shopper = await signedInUser(ctx);
    await addToCart(ctx, shopper, String(lamp?._id), 3);
    expect((await startCheckout(ctx, shopper)).status).toBe(201);

    const report = await importCsv([OURS, 'held-lamp,Held lamp,,,,,HELD-1,900,,5,true'].join('\n'), '?dryRun=false');
    expect(report.body.products.updated).toBe(1);
    const [after] = await products(['held-lamp']);
    expect(after?.variants[0]).toMatchObject({ _id: lamp?.variants[0]._id, stock: 5, reserved: 3, sold: 0 });
    expect(after).toMatchObject({ stock: 5, reserved: 3, sold: 0 });
  });
});

describe('refused files', () => {
  it('when the file is not a readable catalogue CSV, then a 4xx problem names what is wrong', async () => {
    const unclosed = await importCsv(
      [OURS, 'bad,"Bad name,,,,,BAD-1,100,,1,true', 'ok,Ok,,,,,OK-1,100,,1,true'].join('\n'),
    );
    expect(unclosed.status).toBe(400);
    expect(unclosed.headers.get('content-type')).toMatch(/problem\+json/);
    expect(unclosed.body.errors[0].path).toBe('body.file.rows.2');

    const wrongHeader = await importCsv('name,price\nLamp,100\n');
    expect(wrongHeader.status).toBe(400);
    expect(wrongHeader.body.errors.map((error: { path: string }) => error.path)).toEqual([
      'body.file.header.handle',
      'body.file.header.sku',
    ]);

    expect((await importCsv('')).status).toBe(400);
    const json = await request(ctx.url, 'POST', '/api/admin/catalog/import', { token: admin.accessToken, body: {} });
    expect(json.status).toBe(415);
    const query = await importCsv(OURS, '?dryRun=maybe');
    expect(query.status).toBe(400);

    const shopper = await signedInUser(ctx);
    expect((await importCsv(OURS, '', shopper.accessToken)).status).toBe(403);
  });
});
