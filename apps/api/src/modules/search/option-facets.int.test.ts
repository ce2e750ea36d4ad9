import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct, createSizedProduct } from '../../test-support/catalog.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  await createSizedProduct(ctx, admin.accessToken, {
    name: 'Facet linen shirt',
    combinations: [
      ['M', 'Blue'],
      ['S', 'Red'],
    ],
  });
  await createSizedProduct(ctx, admin.accessToken, {
    name: 'Facet linen dress',
    combinations: [['M', 'Red']],
    inactive: [['L', 'Blue']],
  });
  await createProduct(ctx, admin.accessToken, { name: 'Facet linen towel', price: 900, stock: 3 });
});
afterAll(() => ctx.close());

const search = (query: string) => request(ctx.url, 'GET', `/api/search?q=facet%20linen${query}`);
const countsOf = (facets: { options: { name: string; values: { value: string; count: number }[] }[] }) =>
  Object.fromEntries(
    facets.options.map((option) => [option.name, Object.fromEntries(option.values.map((v) => [v.value, v.count]))]),
  );
const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name).sort();

describe('option facets', () => {
  it('when a search matches products with variants, then each option value counts the products selling it (not inactive variants)', async () => {
    const found = await search('');
    expect(found.status).toBe(200);
    expect(names(found.body)).toEqual(['Facet linen dress', 'Facet linen shirt', 'Facet linen towel']);
    expect(countsOf(found.body.facets)).toEqual({ Size: { M: 2, S: 1 }, Colour: { Blue: 1, Red: 2 } });
  });

  it('when Size M and Red are chosen, then only a product with an M / Red variant is found, and each option keeps the other values countable', async () => {
    const found = await search('&option=Size:M,Colour:Red');
    expect(names(found.body)).toEqual(['Facet linen dress']);
    expect(countsOf(found.body.facets)).toEqual({ Size: { M: 1, S: 1 }, Colour: { Red: 1, Blue: 1 } });
    const either = await search('&option=size:m,size:s');
    expect(names(either.body)).toEqual(['Facet linen dress', 'Facet linen shirt']);
  });

  it('when a chosen value sells nowhere, then nothing is found and the value stays listed at 0 to unselect', async () => {
    const found = await search('&option=Size:XL');
    expect(found.body.items).toEqual([]);
    expect(found.body.facets.options).toContainEqual({
      name: 'Size',
      values: expect.arrayContaining([{ value: 'XL', label: 'XL', count: 0 }]),
    });
  });

  it('when the option parameter is malformed, then the field is named', async () => {
    for (const bad of ['Size', ':M', 'Size:', `${'x'.repeat(41)}:M`]) {
      const refused = await search(`&option=${encodeURIComponent(bad)}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toMatch(/^query\.option/);
    }
  });
});
