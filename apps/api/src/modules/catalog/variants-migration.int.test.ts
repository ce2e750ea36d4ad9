import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createStockHolds, holdLinesOf } from '../inventory/holds.js';
import { defaultVariantsMigration } from './variants-migration.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => {
  await ctx.close();
});

/** A product as stored before variants existed: one price and one stock, with one order's hold on it. */
function legacyProduct(slug: string, orderId: ObjectId) {
  const now = new Date();
  return {
    _id: new ObjectId(),
    name: `Legacy ${slug}`,
    slug,
    description: 'Stored before variants existed.',
    price: 1500,
    compareAtPrice: 1800,
    categoryId: null,
    images: [],
    attributes: [],
    stock: 7,
    reserved: 2,
    sold: 4,
    holds: [{ orderId, quantity: 2, at: now }],
    active: true,
    featured: false,
    archived: false,
    searchKeys: [],
    searchVersion: 0,
    nameKey: `legacy ${slug}`,
    createdAt: now,
    updatedAt: now,
  };
}

const silent = { info() {}, warn() {}, error() {} } as never;

describe('products stored before variants', () => {
  it('when the migration runs (twice), then each product has one default variant with its price and counts, and its holds name it', async () => {
    const orderId = new ObjectId();
    const legacy = legacyProduct('legacy-lamp', orderId);
    await ctx.db.collection('products').insertOne(legacy);

    const first = await defaultVariantsMigration.run(ctx.db, silent);
    const stored = await ctx.db.collection('products').findOne({ _id: legacy._id });
    const second = await defaultVariantsMigration.run(ctx.db, silent);
    const again = await ctx.db.collection('products').findOne({ _id: legacy._id });

    expect(first).toEqual({ products: 1 });
    expect(second).toEqual({ products: 0 });
    expect(again).toEqual(stored);
    expect(stored).toMatchObject({ options: [], maxPrice: 1500, stock: 7, reserved: 2, sold: 4 });
    const [variant, ...others] = stored?.variants ?? [];
    expect(others).toEqual([]);
    expect(variant).toMatchObject({
      sku: 'LEGACY-LAMP',
      skuKey: 'legacy-lamp',
      optionValues: [],
      price: 1500,
      compareAtPrice: 1800,
      stock: 7,
      reserved: 2,
      sold: 4,
      active: true,
    });
    expect(stored?.holds).toEqual([expect.objectContaining({ orderId, quantity: 2, variantId: variant._id })]);
  });

  it('when an order placed before the migration (lines without a variant) is released or paid, then its default variant and the product move together', async () => {
    const released = new ObjectId();
    const paid = new ObjectId();
    const product = legacyProduct('legacy-kettle', released);
    product.holds.push({ orderId: paid, quantity: 1, at: new Date() });
    product.reserved = 3;
    await ctx.db.collection('products').insertOne(product);
    await defaultVariantsMigration.run(ctx.db, silent);
    const holds = createStockHolds(ctx.db, async () => {});

    await holds.releaseAll(holdLinesOf({ lines: [{ productId: product._id, quantity: 2 }] }), released);
    await holds.commitAll(holdLinesOf({ lines: [{ productId: product._id, quantity: 1 }] }), paid);

    const after = await ctx.db.collection('products').findOne({ _id: product._id });
    expect(after).toMatchObject({ stock: 9, reserved: 0, sold: 5, holds: [] });
    expect(after?.variants[0]).toMatchObject({ stock: 9, reserved: 0, sold: 5 });
  });

  it('when a migrated product is browsed and bought through the API, then it behaves as before', async () => {
    const product = legacyProduct('legacy-mug', new ObjectId());
    product.holds = [];
    product.reserved = 0;
    await ctx.db.collection('products').insertOne(product);
    await defaultVariantsMigration.run(ctx.db, silent);
    const page = await request(ctx.url, 'GET', '/api/products/legacy-mug');
    expect(page).toMatchObject({ status: 200, body: { price: 1500, stock: 7 } });
  });
});
