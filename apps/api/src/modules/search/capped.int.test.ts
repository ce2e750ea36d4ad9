import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct } from '../../test-support/catalog.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

/**
 * SEARCH_CANDIDATE_LIMIT is 1,000 in a shop; at 2 a catalogue of four products shows what a capped answer is:
 * one product with "mug" in its name (sold out, so only the field can put it first) and three that mention a mug
 * in their description only (a later, weaker tier).
 */
let ctx: TestApp;
const DESCRIBED = ['Plant Pot', 'Watering Can', 'Garden Trowel'];

beforeAll(async () => {
  ctx = await startTestApp({ SEARCH_CANDIDATE_LIMIT: '2' });
  const token = (await signedInUser(ctx, { role: 'admin' })).accessToken;
  const kitchen = await createCategory(ctx, token, { name: 'Kitchen' });
  const garden = await createCategory(ctx, token, { name: 'Garden' });
  for (const [index, name] of DESCRIBED.entries()) {
    await createProduct(ctx, token, {
      name,
      description: 'Holds about a mug of water.',
      price: 3000 + index * 500,
      stock: 5,
      categoryId: garden.id,
    });
  }
  // Created last, so an index read in insertion order would reach it last: only the name tier puts it in.
  await createProduct(ctx, token, { name: 'Enamel Mug', price: 1200, stock: 0, categoryId: kitchen.id });
});
afterAll(() => ctx.close());

const search = async (q: string) => {
  const response = await request(ctx.url, 'GET', `/api/search?q=${q}`);
  expect(response.status).toBe(200);
  return response.body;
};
const counts = (values: { value: string; count: number }[]) =>
  Object.fromEntries(values.map((value) => [value.value, value.count]));

describe('a search matching more products than it may read (SEARCH_CANDIDATE_LIMIT)', () => {
  it('when four products match and two may be read, then the answer says isCapped and covers the best two', async () => {
    const body = await search('mug');
    expect(body.isCapped).toBe(true);
    // Totals and facets are those of the candidates read, not of the four products that match.
    expect(body.pageInfo.total).toBe(2);
    expect(body.items).toHaveLength(2);
    expect(counts(body.facets.category)).toEqual({ kitchen: 1, garden: 1 });
    expect(counts(body.facets.price)).toEqual({ '0-2500': 1, '2500-5000': 1 });
    expect(body.facets.inStock).toBe(1);
    // The name tier is read first and ranks first, sold out as it is; which description match fills the rest is
    // the index's order among equals.
    expect(body.items[0].name).toBe('Enamel Mug');
    expect(DESCRIBED).toContain(body.items[1].name);
  });

  it('when fewer products match than may be read, then the answer is not capped', async () => {
    const body = await search('enamel');
    expect(body.isCapped).toBe(false);
    expect(body.pageInfo.total).toBe(1);
  });
});
