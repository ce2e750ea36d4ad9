import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct, createSizedProduct } from '../../test-support/catalog.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { opCounters, opsBetween } from '../../test-support/op-counters.test-support.js';
import { CATALOG_TAGS } from './store-service.js';
import { hasOptionsMigration } from './variants-migration.js';

const silent = { info() {}, warn() {}, error() {} } as never;

let ctx: TestApp;
let admin: SignedIn;
let shirt: Awaited<ReturnType<typeof createSizedProduct>>;

type Listing = {
  items: { name: string }[];
  pageInfo: { total: number };
  facets: { options: { name: string; values: { value: string; count: number }[] }[]; isCapped: boolean };
};

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  const token = admin.accessToken;
  const clothing = await createCategory(ctx, token, { name: 'Clothing' });
  const shoes = await createCategory(ctx, token, { name: 'Shoes' });
  const inClothing = { categoryId: clothing.id };
  shirt = await createSizedProduct(ctx, token, {
    name: 'Oxford shirt',
    price: 3000,
    combinations: [
      ['M', 'Blue'],
      ['S', 'Red'],
    ],
    extra: inClothing,
  });
  await createSizedProduct(ctx, token, {
    name: 'Summer dress',
    price: 5000,
    combinations: [['M', 'Red']],
    inactive: [['L', 'Blue']],
    extra: inClothing,
  });
  await createSizedProduct(ctx, token, {
    name: 'Wool jumper',
    price: 4000,
    combinations: [
      ['M', 'Grey'],
      ['L', 'Grey'],
    ],
    extra: inClothing,
  });
  await createProduct(ctx, token, { name: 'Canvas belt', price: 900, stock: 3, ...inClothing });
  // Another category's sizes must not leak into Clothing's counts.
  await createSizedProduct(ctx, token, {
    name: 'Trail shoe',
    combinations: [['XL', 'Black']],
    extra: { categoryId: shoes.id },
  });
});
afterAll(() => ctx.close());

const list = async (query: string): Promise<Listing> => {
  const response = await request(ctx.url, 'GET', `/api/products?category=clothing${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Listing;
};
const countsOf = (listing: Listing) =>
  Object.fromEntries(
    listing.facets.options.map((option) => [
      option.name,
      Object.fromEntries(option.values.map((value) => [value.value, value.count])),
    ]),
  );
const names = (listing: Listing) => listing.items.map((item) => item.name).sort();

describe('category listing option facets', () => {
  it("when a category is listed, then each option value counts the category's products selling it (not inactive variants, not other categories)", async () => {
    const listing = await list('');
    expect(names(listing)).toEqual(['Canvas belt', 'Oxford shirt', 'Summer dress', 'Wool jumper']);
    expect(countsOf(listing)).toEqual({ Size: { M: 3, S: 1, L: 1 }, Colour: { Blue: 1, Red: 2, Grey: 1 } });
    expect(listing.facets.isCapped).toBe(false);
  });

  it('when Size M and Red are chosen, then only a product with an M / Red variant is listed, and each option keeps the other values countable', async () => {
    const listing = await list('&option=Size:M,Colour:Red');
    expect(names(listing)).toEqual(['Summer dress']);
    expect(listing.pageInfo.total).toBe(1);
    // Sizes sold in Red; colours sold in M.
    expect(countsOf(listing)).toEqual({ Size: { M: 1, S: 1 }, Colour: { Blue: 1, Red: 1, Grey: 1 } });
  });

  it('when two sizes are chosen, then they are alternatives, and paging, sorting and the price filter still apply', async () => {
    const either = await list('&option=size:s,size:l&sort=price_asc');
    expect(either.items.map((item) => item.name)).toEqual(['Oxford shirt', 'Wool jumper']);
    const second = await list('&option=Size:M&sort=price_desc&pageSize=1&page=2');
    expect(second.items.map((item) => item.name)).toEqual(['Wool jumper']);
    expect(second.pageInfo.total).toBe(3);
    const cheap = await list('&option=Size:M&maxPrice=3500');
    expect(names(cheap)).toEqual(['Oxford shirt']);
    // The price filter narrows the counts too: among products up to 35.00, M is sold by the shirt alone.
    expect(countsOf(cheap).Size).toEqual({ M: 1, S: 1 });
  });

  it('when a chosen value sells nowhere in the category, then nothing is listed and the value stays at 0 to unselect', async () => {
    const listing = await list('&option=Size:XL');
    expect(listing.items).toEqual([]);
    expect(listing.facets.options).toContainEqual({
      name: 'Size',
      values: expect.arrayContaining([{ value: 'XL', label: 'XL', count: 0 }]),
    });
  });

  it('when staff take a variant off sale, then the next listing counts and filters without it', async () => {
    expect(names(await list('&option=Size:S'))).toEqual(['Oxford shirt']);
    const saved = await request(ctx.url, 'PUT', `/api/admin/products/${shirt.id}/variants`, {
      token: admin.accessToken,
      body: {
        options: [
          { name: 'Size', values: ['M', 'S'] },
          { name: 'Colour', values: ['Blue', 'Red'] },
        ],
        variants: shirt.variants.map((variant) => ({
          id: variant.id,
          sku: `OXFORD-SHIRT-${variant.optionValues.join('-')}`.toUpperCase(),
          optionValues: variant.optionValues,
          price: 3000,
          stock: 5,
          active: variant.optionValues[0] !== 'S',
        })),
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = await list('&option=Size:S');
    expect(after.items).toEqual([]);
    expect(countsOf(after).Size).toEqual({ M: 3, L: 1, S: 0 });
  });

  it('when a shopper pages through a filtered category, then its option-bearing products are read once, not once per page', async () => {
    const queriesOf = async (path: string) => {
      const before = await opCounters(ctx.db);
      expect((await request(ctx.url, 'GET', path)).status).toBe(200);
      return opsBetween(before, await opCounters(ctx.db)).query;
    };
    const first = await queriesOf('/api/products?category=clothing&option=Colour:Grey,Colour:Red&pageSize=1');
    const second = await queriesOf('/api/products?category=clothing&option=Colour:Grey,Colour:Red&pageSize=1&page=2');
    const sorted = await queriesOf(
      '/api/products?category=clothing&option=Colour:Grey,Colour:Red&pageSize=1&sort=name',
    );
    // The first page also read the option-bearing products; later pages and sorts read only their page.
    expect(second).toBe(first - 1);
    expect(sorted).toBe(first - 1);
  });

  it('when the listing has a search text, then its option facets come from the search engine with the same rule', async () => {
    const listing = await list('&q=wool&option=Size:L');
    expect(names(listing)).toEqual(['Wool jumper']);
    expect(countsOf(listing)).toEqual({ Size: { M: 1, L: 1 }, Colour: { Grey: 1 } });
  });

  it('when products were given options before the flag listings look them up by existed, then the migration flags them once', async () => {
    const products = ctx.db.collection('products');
    await products.updateOne({ _id: new ObjectId(shirt.id) }, { $unset: { hasOptions: '' } });
    await ctx.app.catalogCache.bump(CATALOG_TAGS.products);
    expect(names(await list('&option=Size:M'))).toEqual(['Summer dress', 'Wool jumper']);

    expect(await hasOptionsMigration.run(ctx.db, silent)).toEqual({ products: 1 });
    expect(await hasOptionsMigration.run(ctx.db, silent)).toEqual({ products: 0 });
    expect(await products.countDocuments({ hasOptions: true })).toBe(4);
    // A product sold one way is not flagged.
    expect(await products.countDocuments({ name: 'Canvas belt', hasOptions: { $exists: true } })).toBe(0);
    await ctx.app.catalogCache.bump(CATALOG_TAGS.products);
    expect(names(await list('&option=Size:M'))).toEqual(['Oxford shirt', 'Summer dress', 'Wool jumper']);
  });

  it('when the option parameter is malformed, then a 400 names the field', async () => {
    for (const bad of ['Size', ':M', 'Size:', ' :M', 'Size: ', `${'x'.repeat(41)}:M`, 'Size:M'.repeat(400)]) {
      const refused = await request(ctx.url, 'GET', `/api/products?option=${encodeURIComponent(bad)}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toMatch(/^query\.option/);
    }
  });
});

describe('a listing with more products with options than one answer counts', () => {
  it('when the limit is reached, then the answer says isCapped and counts the newest products', async () => {
    const capped = await startTestApp({ CATALOG_OPTION_FACET_LIMIT: '2' });
    try {
      const token = (await signedInUser(capped, { role: 'admin' })).accessToken;
      for (const [name, size] of [
        ['Oldest tee', 'S'],
        ['Middle tee', 'M'],
        ['Newest tee', 'L'],
      ] as const) {
        await createSizedProduct(capped, token, { name, combinations: [[size, 'White']] });
      }
      const listing = (await request(capped.url, 'GET', '/api/products')).body as Listing;
      expect(listing.facets.isCapped).toBe(true);
      expect(countsOf(listing).Size).toEqual({ L: 1, M: 1 });
      // Every product is still listed; only the counting is bounded.
      expect(listing.pageInfo.total).toBe(3);
    } finally {
      await capped.close();
    }
  });
});
