import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct } from '../../test-support/catalog.test-support.js';

let ctx: TestApp;
let admin: SignedIn;

/** A known data set: two categories, nine products with chosen names, prices, stock and states. */
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  const kitchen = await createCategory(ctx, admin.accessToken, { name: 'Kitchen' });
  const garden = await createCategory(ctx, admin.accessToken, { name: 'Garden Tools', slug: 'garden' });
  const make = (body: Record<string, unknown>) => createProduct(ctx, admin.accessToken, body);
  // Created one by one so "newest" has a defined order (later = newer).
  await make({
    name: 'Copper Pan',
    price: 5000,
    stock: 3,
    categoryId: kitchen.id,
    description: 'A copper pan for crêpes.',
  });
  await make({
    name: 'Crème Brûlée Torch',
    price: 2500,
    stock: 0,
    categoryId: kitchen.id,
    description: 'Caramelise sugar.',
  });
  await make({
    name: 'Bread Knife',
    price: 3500,
    stock: 7,
    categoryId: kitchen.id,
    featured: true,
    description: 'Serrated steel.',
  });
  await make({ name: 'Garden Hose', price: 4500, stock: 12, categoryId: garden.id, description: 'Kink-free hose.' });
  await make({
    name: 'Pruning Shears',
    price: 1500,
    stock: 1,
    categoryId: garden.id,
    featured: true,
    description: 'Sharp steel blades for the garden.',
  });
  await make({
    name: 'Watering Can',
    price: 2000,
    stock: 0,
    categoryId: garden.id,
    description: 'Galvanised steel can.',
  });
  await make({
    name: 'Apron',
    price: 1000,
    stock: 50,
    categoryId: null,
    description: 'Cotton apron for kitchen or garden.',
  });
  await make({
    name: 'Hidden Draft',
    price: 999,
    stock: 5,
    categoryId: kitchen.id,
    active: false,
    description: 'Not yet for sale steel.',
  });
  await make({ name: 'Zinc Planter', price: 6000, stock: 2, categoryId: garden.id, description: 'A planter.' });
});
afterAll(() => ctx.close());

const list = async (query: string) => {
  const response = await request(ctx.url, 'GET', `/api/products${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as {
    items: { name: string; price: number; inStock: boolean }[];
    pageInfo: { total: number; totalPages: number; page: number };
  };
};
const names = async (query: string) => (await list(query)).items.map((item) => item.name);

describe('browsing products', () => {
  it('when listing with defaults, then only active products appear, newest first, with page info', async () => {
    const body = await list('');
    expect(body.items.map((item) => item.name)).toEqual([
      'Zinc Planter',
      'Apron',
      'Watering Can',
      'Pruning Shears',
      'Garden Hose',
      'Bread Knife',
      'Crème Brûlée Torch',
      'Copper Pan',
    ]);
    expect(body.pageInfo).toEqual({ page: 1, pageSize: 24, total: 8, totalPages: 1 });
  });

  it('when sorting, then each order is exact', async () => {
    expect(await names('?sort=price_asc')).toEqual([
      'Apron',
      'Pruning Shears',
      'Watering Can',
      'Crème Brûlée Torch',
      'Bread Knife',
      'Garden Hose',
      'Copper Pan',
      'Zinc Planter',
    ]);
    expect(await names('?sort=price_desc')).toEqual([
      'Zinc Planter',
      'Copper Pan',
      'Garden Hose',
      'Bread Knife',
      'Crème Brûlée Torch',
      'Watering Can',
      'Pruning Shears',
      'Apron',
    ]);
    expect(await names('?sort=name')).toEqual([
      'Apron',
      'Bread Knife',
      'Copper Pan',
      'Crème Brûlée Torch',
      'Garden Hose',
      'Pruning Shears',
      'Watering Can',
      'Zinc Planter',
    ]);
  });

  it('when filtering by category, price range and stock, then every combination narrows correctly', async () => {
    expect(await names('?category=kitchen&sort=name')).toEqual(['Bread Knife', 'Copper Pan', 'Crème Brûlée Torch']);
    expect(await names('?category=garden&inStock=true&sort=name')).toEqual([
      'Garden Hose',
      'Pruning Shears',
      'Zinc Planter',
    ]);
    expect(await names('?minPrice=2000&maxPrice=4500&sort=price_asc')).toEqual([
      'Watering Can',
      'Crème Brûlée Torch',
      'Bread Knife',
      'Garden Hose',
    ]);
    expect(await names('?minPrice=2000&maxPrice=4500&inStock=true&sort=price_asc')).toEqual([
      'Bread Knife',
      'Garden Hose',
    ]);
    expect(await names('?category=kitchen&maxPrice=3000')).toEqual(['Crème Brûlée Torch']);
    expect(await names('?inStock=false&sort=name')).toHaveLength(8);
  });

  it('when searching, then whole words match in any order, ignoring case and accents, in name and description', async () => {
    expect(await names('?q=creme&sort=name')).toEqual(['Crème Brûlée Torch']);
    expect(await names('?q=BRULEE%20crème')).toEqual(['Crème Brûlée Torch']);
    expect(await names('?q=steel&sort=name')).toEqual(['Bread Knife', 'Pruning Shears', 'Watering Can']);
    expect(await names('?q=garden%20cotton')).toEqual(['Apron']);
    expect(await names('?q=crepes')).toEqual(['Copper Pan']);
    expect(await names('?q=cop')).toEqual([]);
    expect(await names('?q=steel&category=garden&inStock=true')).toEqual(['Pruning Shears']);
  });

  it('when paginating, then pages partition the results', async () => {
    const first = await list('?sort=name&pageSize=3&page=1');
    const third = await list('?sort=name&pageSize=3&page=3');
    expect(first.items.map((item) => item.name)).toEqual(['Apron', 'Bread Knife', 'Copper Pan']);
    expect(third.items.map((item) => item.name)).toEqual(['Watering Can', 'Zinc Planter']);
    expect(third.pageInfo).toMatchObject({ total: 8, totalPages: 3, page: 3 });
    expect((await list('?page=9')).items).toEqual([]);
  });

  it('when the query is invalid, then a 400 names the parameter', async () => {
    const cases: [string, string][] = [
      ['?pageSize=101', 'query.pageSize'],
      ['?sort=random', 'query.sort'],
      ['?minPrice=-1', 'query.minPrice'],
      ['?minPrice=5000&maxPrice=100', 'query.minPrice'],
      ['?maxPrice=12.5', 'query.maxPrice'],
      ['?category=Not%20A%20Slug', 'query.category'],
      ['?page=0', 'query.page'],
      ['?unknown=1', 'query.unknown'],
    ];
    for (const [query, path] of cases) {
      const response = await request(ctx.url, 'GET', `/api/products${query}`);
      expect(response.status, query).toBe(400);
      expect(
        response.body.errors.map((error: { path: string }) => error.path),
        query,
      ).toContain(path);
    }
  });

  it('when the category does not exist, then 404', async () => {
    expect((await request(ctx.url, 'GET', '/api/products?category=nope')).status).toBe(404);
  });
});

describe('product pages, featured, related, categories', () => {
  it('when a product is opened by slug, then its details come back; inactive ones are invisible', async () => {
    const response = await request(ctx.url, 'GET', '/api/products/creme-brulee-torch');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Crème Brûlée Torch',
      price: 2500,
      currency: 'USD',
      inStock: false,
      stock: 0,
      category: { slug: 'kitchen' },
    });
    expect((await request(ctx.url, 'GET', '/api/products/hidden-draft')).status).toBe(404);
  });

  it('when featured products are requested, then only active featured ones come back', async () => {
    const response = await request(ctx.url, 'GET', '/api/products/featured');
    expect(response.body.items.map((item: { name: string }) => item.name).sort()).toEqual([
      'Bread Knife',
      'Pruning Shears',
    ]);
  });

  it('when related products are requested, then the same category comes first and the product itself never', async () => {
    const response = await request(ctx.url, 'GET', '/api/products/copper-pan/related');
    const related = response.body.items.map((item: { name: string }) => item.name);
    expect(related.slice(0, 2).sort()).toEqual(['Bread Knife', 'Crème Brûlée Torch']);
    expect(related).not.toContain('Copper Pan');
    expect(related).not.toContain('Hidden Draft');
  });

  it('when categories are listed, then they come in order with counts of visible products', async () => {
    const response = await request(ctx.url, 'GET', '/api/categories');
    expect(
      response.body.items.map((item: { slug: string; productCount: number }) => [item.slug, item.productCount]),
    ).toEqual([
      ['garden', 4],
      ['kitchen', 3],
    ]);
  });
});
