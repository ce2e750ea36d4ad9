import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct } from '../../test-support/catalog.test-support.js';
import { addVariantToCart, quickShoppers, startCheckout } from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  await createCategory(ctx, admin.accessToken, { name: 'Lanterns' });
});
afterAll(() => ctx.close());

type Summary = { name: string; inStock: boolean; stockLevel: string };

/** A lantern in two sizes with the given stock and active flag per size. */
async function lantern(name: string, sizes: { S: [number, boolean]; L: [number, boolean] }) {
  const category = (await request(ctx.url, 'GET', '/api/categories')).body.items.find(
    (item: { slug: string }) => item.slug === 'lanterns',
  );
  const product = await createProduct(ctx, admin.accessToken, { name, stock: 0, categoryId: category.id });
  const saved = await request(ctx.url, 'PUT', `/api/admin/products/${product.id}/variants`, {
    token: admin.accessToken,
    body: {
      options: [{ name: 'Size', values: ['S', 'L'] }],
      variants: (['S', 'L'] as const).map((size) => ({
        sku: `${product.slug}-${size}`.toUpperCase(),
        optionValues: [size],
        price: 2500,
        stock: sizes[size][0],
        active: sizes[size][1],
      })),
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body as { id: string; slug: string; variants: { id: string; title: string }[] };
}

const get = async (path: string) => {
  const response = await request(ctx.url, 'GET', path);
  expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body;
};
const byName = (items: Summary[]) =>
  Object.fromEntries(items.map((item) => [item.name, [item.inStock, item.stockLevel]]));
const namesOf = (items: Summary[]) => items.map((item) => item.name).sort();

describe('sold out in listings', () => {
  it('when only an inactive variant has stock, then the product is sold out everywhere it is listed, as when every variant is; one active variant in stock makes it in stock', async () => {
    await lantern('Hidden stock lantern', { S: [0, true], L: [7, false] });
    await lantern('Empty lantern', { S: [0, true], L: [0, true] });
    const onSale = await lantern('Lit lantern', { S: [0, false], L: [2, true] });

    const expected = {
      'Hidden stock lantern': [false, 'out_of_stock'],
      'Empty lantern': [false, 'out_of_stock'],
      'Lit lantern': [true, 'low_stock'],
    };
    // The category listing (database filter), the same listing with a search text, and the search page.
    expect(byName((await get('/api/products?category=lanterns')).items)).toEqual(expected);
    expect(byName((await get('/api/products?q=lantern')).items)).toEqual(expected);
    const searched = await get('/api/search?q=lantern');
    expect(byName(searched.items)).toEqual(expected);
    expect(searched.facets.inStock).toBe(1);
    expect(namesOf((await get('/api/products?category=lanterns&inStock=true')).items)).toEqual(['Lit lantern']);
    expect(namesOf((await get('/api/products?q=lantern&inStock=true')).items)).toEqual(['Lit lantern']);
    expect(namesOf((await get('/api/search?q=lantern&inStock=true')).items)).toEqual(['Lit lantern']);
    const suggested = await get('/api/search/suggest?q=lantern');
    expect(
      Object.fromEntries(
        suggested.products.map((item: { name: string; inStock: boolean }) => [item.name, item.inStock]),
      ),
    ).toEqual({ 'Hidden stock lantern': false, 'Empty lantern': false, 'Lit lantern': true });
    expect((await get('/api/products/hidden-stock-lantern')).stock).toBe(0);
    expect((await get(`/api/products/${onSale.slug}`)).stock).toBe(2);
  });

  it('when checkout holds the last units on sale while an inactive variant still has stock, then the cached listing turns sold out', async () => {
    const shade = await lantern('Last shade', { S: [1, true], L: [9, false] });
    const listed = () => get('/api/products?category=lanterns&inStock=true');
    expect(namesOf((await listed()).items)).toContain('Last shade');
    const [shopper] = await quickShoppers(ctx, 1);
    await addVariantToCart(ctx, shopper!, shade.id, shade.variants[0]!.id);
    expect((await startCheckout(ctx, shopper!)).status).toBe(201);

    expect(namesOf((await listed()).items)).not.toContain('Last shade');
    const row = (await get('/api/products?category=lanterns')).items.find(
      (item: Summary) => item.name === 'Last shade',
    );
    expect(row).toMatchObject({ inStock: false, stockLevel: 'out_of_stock' });
  });
});

type AdminProduct = {
  id: string;
  name: string;
  description: string;
  price: number;
  compareAtPrice: number | null;
  categoryId: string | null;
  stock: number;
  reserved: number;
  sold: number;
  active: boolean;
  featured: boolean;
  images: { id: string; alt: string }[];
  attributes: { key: string; value: string }[];
  variants: { id: string; sku: string; price: number; stock: number; active?: boolean; isAvailable: boolean }[];
};

describe('stock staff see', () => {
  it('when a product sold one way has its only variant switched off, then the admin view shows its real stock and saving the edit form with a new name keeps it', async () => {
    const created = await createProduct(ctx, admin.accessToken, { name: 'Stored lantern', stock: 6 });
    const path = `/api/admin/products/${created.id}`;
    const stored = (await request(ctx.url, 'GET', path, { token: admin.accessToken })).body as AdminProduct;
    const [only] = stored.variants;
    const off = await request(ctx.url, 'PUT', `${path}/variants`, {
      token: admin.accessToken,
      body: { options: [], variants: [{ id: only!.id, sku: only!.sku, price: only!.price, stock: 6, active: false }] },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);

    const shown = (await request(ctx.url, 'GET', path, { token: admin.accessToken })).body as AdminProduct;
    expect(shown).toMatchObject({ stock: 6, reserved: 0, sold: 0 });
    expect(shown.variants).toEqual([expect.objectContaining({ stock: 6, isAvailable: false })]);
    expect((await get(`/api/products/${created.slug}`)).stock).toBe(0);

    // What the admin edit form sends for a product sold one way (toProductPatch): every field, stock included.
    const saved = await request(ctx.url, 'PATCH', path, {
      token: admin.accessToken,
      body: {
        name: 'Stored lantern, renamed',
        description: shown.description,
        price: shown.price,
        compareAtPrice: shown.compareAtPrice,
        categoryId: shown.categoryId,
        stock: shown.stock,
        active: shown.active,
        featured: shown.featured,
        images: shown.images.map((image) => ({ imageId: image.id, alt: image.alt })),
        attributes: shown.attributes,
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Stored lantern, renamed', stock: 6 });
    const after = await ctx.db.collection('products').findOne({ _id: new ObjectId(created.id) });
    expect(after).toMatchObject({ stock: 6, variants: [expect.objectContaining({ stock: 6, active: false })] });
  });
});
