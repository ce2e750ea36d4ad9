import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS } from '../../lib/migrations.js';
import type { SignedIn } from '../../test-support/auth.test-support.js';
import { quickShoppers, startCheckout, waitForFulfilment } from '../../test-support/checkout.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createStockHolds, holdLinesOf } from '../inventory/holds.js';
import { defaultVariantsMigration, hasOptionsMigration } from './variants-migration.js';

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

  it('when a migrated product is browsed through the API, then its page shows its price and stock as before', async () => {
    const product = legacyProduct('legacy-mug', new ObjectId());
    product.holds = [];
    product.reserved = 0;
    await ctx.db.collection('products').insertOne(product);
    await defaultVariantsMigration.run(ctx.db, silent);
    const page = await request(ctx.url, 'GET', '/api/products/legacy-mug');
    expect(page).toMatchObject({ status: 200, body: { price: 1500, stock: 7 } });
  });
});

describe('start-up on a database of the previous (pre-variant) shape', () => {
  let next: TestApp;
  let shopper: SignedIn;
  let boot: ReturnType<typeof legacyProduct>;
  let belt: ReturnType<typeof legacyProduct>;

  /** The previous version's data: products with one price and stock, a cart naming no variant, no record of the migration. */
  beforeAll(async () => {
    const previous = await startTestApp();
    [shopper] = (await quickShoppers(previous, 1)) as [SignedIn];
    boot = { ...legacyProduct('legacy-boot', new ObjectId()), holds: [], reserved: 0, sold: 0, stock: 5 };
    belt = { ...legacyProduct('legacy-belt', new ObjectId()), holds: [], reserved: 0, sold: 0 };
    await previous.db.collection('products').insertMany([boot, belt]);
    const now = new Date();
    await previous.db.collection('carts').insertOne({
      _id: new ObjectId(),
      userId: new ObjectId(shopper.userId),
      items: [{ productId: boot._id, quantity: 2, seenPrice: 1500, name: boot.name, slug: boot.slug, addedAt: now }],
      couponCode: null,
      version: 3,
      createdAt: now,
      updatedAt: now,
    });
    await previous.db
      .collection(MIGRATIONS)
      .deleteMany({ _id: { $in: [defaultVariantsMigration.id, hasOptionsMigration.id] as never[] } });
    const { MONGODB_URI, DATA_ENCRYPTION_KEYS, JWT_SECRET } = previous.config;
    await closeKeepingDatabase(previous);
    next = await startTestApp({ MONGODB_URI, DATA_ENCRYPTION_KEYS, JWT_SECRET });
  });
  afterAll(() => next?.close());

  it('when the app starts, then each product has its default variant (the product’s own id) and the migration is recorded', async () => {
    const record = await next.db.collection(MIGRATIONS).findOne({ _id: defaultVariantsMigration.id as never });
    expect(record).toMatchObject({ result: { products: 2 }, ranAt: expect.any(Date) });
    const stored = await next.db.collection('products').findOne({ _id: boot._id });
    expect(stored?.variants).toEqual([
      expect.objectContaining({ _id: boot._id, sku: 'LEGACY-BOOT', price: 1500, stock: 5, reserved: 0, sold: 0 }),
    ]);
    expect(await next.db.collection('products').countDocuments({ variants: { $exists: false } })).toBe(0);
  });

  it('when the shopper opens the cart stored before variants and checks out, then its line is the default variant and the order is paid and fulfilled', async () => {
    const cart = await request(next.url, 'GET', '/api/cart', { token: shopper.accessToken });
    expect(cart.status, JSON.stringify(cart.body)).toBe(200);
    expect(cart.body.lines).toEqual([
      expect.objectContaining({
        productId: boot._id.toHexString(),
        variantId: boot._id.toHexString(),
        sku: 'LEGACY-BOOT',
        quantity: 2,
        lineTotal: 3000,
      }),
    ]);

    const started = await startCheckout(next, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await payHostedCheckout(started.body.checkoutUrl);
    const order = await waitForFulfilment(next, shopper, started.body.orderId);

    expect(order.lines).toEqual([
      expect.objectContaining({ variantId: boot._id.toHexString(), sku: 'LEGACY-BOOT', quantity: 2 }),
    ]);
    const after = await next.db.collection('products').findOne({ _id: boot._id });
    expect(after).toMatchObject({ stock: 3, reserved: 0, sold: 2, holds: [] });
    expect(after?.variants[0]).toMatchObject({ stock: 3, reserved: 0, sold: 2 });
  });

  it('when the app starts again on the migrated database, then the migration does not run again and nothing changes', async () => {
    const products = await next.db.collection('products').find({}).sort({ _id: 1 }).toArray();
    const records = await next.db.collection(MIGRATIONS).find({}).sort({ _id: 1 }).toArray();
    const { MONGODB_URI, DATA_ENCRYPTION_KEYS, JWT_SECRET } = next.config;
    await closeKeepingDatabase(next);
    // The app runs in this process: it calls the very migration object imported here.
    const run = vi.spyOn(defaultVariantsMigration, 'run');
    let runs: number;
    try {
      next = await startTestApp({ MONGODB_URI, DATA_ENCRYPTION_KEYS, JWT_SECRET });
    } finally {
      runs = run.mock.calls.length;
      run.mockRestore();
    }

    expect(runs).toBe(0);
    expect(await next.db.collection(MIGRATIONS).find({}).sort({ _id: 1 }).toArray()).toEqual(records);
    expect(await next.db.collection('products').find({}).sort({ _id: 1 }).toArray()).toEqual(products);
  });
});
