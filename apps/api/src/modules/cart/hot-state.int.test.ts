import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { addToCart, applyCoupon, createCoupon } from '../../test-support/checkout.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { opCounters, opsBetween } from '../../test-support/op-counters.test-support.js';

/** Warm requests measured per reading: enough that one database operation per request could not hide. */
const REQUESTS = 25;

let ctx: TestApp;
let uncached: TestApp;
let admin: SignedIn;
let shopper: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  // The same shop with the shopper cache off: the path every request took before it existed.
  uncached = await startTestApp({
    MONGODB_URI: ctx.config.MONGODB_URI,
    REDIS_KEY_PREFIX: ctx.config.REDIS_KEY_PREFIX,
    JWT_SECRET: ctx.config.JWT_SECRET,
    DATA_ENCRYPTION_KEYS: ctx.config.DATA_ENCRYPTION_KEYS,
    BLIND_INDEX_KEY: ctx.config.BLIND_INDEX_KEY,
    SHOPPER_CACHE: 'false',
  });
  admin = await signedInUser(ctx, { role: 'admin' });
  shopper = await signedInUser(ctx);
  const products = await Promise.all(
    [1200, 3400, 560].map((price, index) =>
      createProduct(ctx, admin.accessToken, { name: `Hot state item ${index}`, price, stock: 50 }),
    ),
  );
  for (const product of products) await addToCart(ctx, shopper, product.id, 2);
  await createCoupon(ctx, admin.accessToken, { code: 'HOT10', type: 'percent', value: 10 });
  await applyCoupon(ctx, shopper, 'HOT10');
});
afterAll(async () => {
  await closeKeepingDatabase(uncached);
  await ctx.close();
});

/** Runs `count` requests one after another and returns the database operations they caused, all told. */
async function opsOf(target: TestApp, path: string, count = REQUESTS) {
  const before = await opCounters(ctx.db);
  for (let index = 0; index < count; index += 1) {
    const response = await request(target.url, 'GET', path, { token: shopper.accessToken });
    expect(response.status).toBe(200);
  }
  return opsBetween(before, await opCounters(ctx.db));
}

const dataOps = (ops: Awaited<ReturnType<typeof opsOf>>) =>
  ops.insert + ops.query + ops.update + ops.delete + ops.getmore;

describe('warm signed-in reads cost the database nothing', () => {
  it('when a signed-in shopper reads a warm cart (3 lines and a coupon) again and again, then no database operation runs', async () => {
    const first = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
    expect(first.body).toMatchObject({ subtotal: 2 * (1200 + 3400 + 560), coupon: { code: 'HOT10' } });
    expect(first.body.lines).toHaveLength(3);
    expect(first.body.discount).toBe(Math.round(first.body.subtotal / 10));

    const ops = await opsOf(ctx, '/api/cart');

    expect(dataOps(ops)).toBe(0);
    // Only the drivers' own heartbeats may land in the window; a command per request would be 25.
    expect(ops.command).toBeLessThanOrEqual(2);
  });

  it('when a signed-in shopper reads their account (/api/auth/me) again and again, then no database operation runs', async () => {
    await request(ctx.url, 'GET', '/api/auth/me', { token: shopper.accessToken });
    const ops = await opsOf(ctx, '/api/auth/me');
    expect(dataOps(ops)).toBe(0);
    expect(ops.command).toBeLessThanOrEqual(2);
  });

  it('when the shopper cache is off, then the same reads query the database every time (what the counting would catch)', async () => {
    const cart = await opsOf(uncached, '/api/cart');
    const me = await opsOf(uncached, '/api/auth/me');
    // Session + cart + coupon + uses + products per cart read; session + user per account read.
    expect(cart.query).toBeGreaterThanOrEqual(REQUESTS * 4);
    expect(me.query).toBeGreaterThanOrEqual(REQUESTS * 2);
  });
});

describe('a warm cart answers what pricing it again would', () => {
  it('when nothing changed, then the same text comes back; when an admin changes a price, then the next read shows it', async () => {
    const buyer = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Memo lamp', price: 2500, stock: 9 });
    await addToCart(ctx, buyer, product.id, 1);
    const first = await request(ctx.url, 'GET', '/api/cart', { token: buyer.accessToken });
    const again = await request(ctx.url, 'GET', '/api/cart', { token: buyer.accessToken });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);

    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 2700 },
    });
    expect(patched.status).toBe(200);
    const after = await request(ctx.url, 'GET', '/api/cart', { token: buyer.accessToken });
    expect(after.body.lines[0]).toMatchObject({ unitPrice: 2700, notices: [{ type: 'price_changed' }] });
  });

  it('when a coupon on a warm cart expires, then the next read drops it without any write in between', async () => {
    const buyer = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Memo kettle', price: 4000, stock: 9 });
    await addToCart(ctx, buyer, product.id, 1);
    const endsAt = new Date(Date.now() + 1_500);
    await createCoupon(ctx, admin.accessToken, {
      code: 'BRIEF20',
      type: 'percent',
      value: 20,
      endsAt: endsAt.toISOString(),
    });
    await applyCoupon(ctx, buyer, 'BRIEF20');
    const during = await request(ctx.url, 'GET', '/api/cart', { token: buyer.accessToken });
    expect(during.body.discount).toBe(800);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt.getTime() - Date.now() + 50)));

    const after = await request(ctx.url, 'GET', '/api/cart', { token: buyer.accessToken });
    expect(after.body).toMatchObject({ discount: 0, total: 4000 + after.body.shipping });
    expect(after.body.couponProblem).toMatchObject({ code: 'COUPON_EXPIRED' });
  });
});
