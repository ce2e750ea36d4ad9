import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  ADDRESS,
  addToCart,
  quickShoppers,
  startCheckout,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
let productId: string;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  productId = (await createProduct(ctx, admin.accessToken, { name: 'Shopper Orders Candle', price: 1500, stock: 100 }))
    .id;
});
afterAll(() => ctx.close());

/** Checks out `quantity` units; the order is paid when `pay` is set, else left awaiting payment. */
async function orderFor(shopper: SignedIn, quantity: number, pay: boolean): Promise<string> {
  await addToCart(ctx, shopper, productId, quantity);
  const started = await startCheckout(ctx, shopper);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  if (pay) {
    await payHostedCheckout(started.body.checkoutUrl);
    await waitForFulfilment(ctx, shopper, started.body.orderId);
  }
  return started.body.orderId as string;
}

const get = (shopper: SignedIn, path: string) => request(ctx.url, 'GET', path, { token: shopper.accessToken });

describe("a shopper's orders", () => {
  it("when a shopper opens another user's order, then 404 as for an order that does not exist", async () => {
    const [owner, other] = await quickShoppers(ctx, 2);
    if (!owner || !other) throw new Error('no shoppers');
    const orderId = await orderFor(owner, 1, true);

    const mine = await get(owner, `/api/orders/${orderId}`);
    const theirs = await get(other, `/api/orders/${orderId}`);
    const missing = await get(other, `/api/orders/${new ObjectId().toHexString()}`);

    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: orderId, status: 'paid', shippingAddress: ADDRESS });
    expect(theirs).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(theirs.body.detail).toBe(missing.body.detail);
    expect(JSON.stringify(theirs.body)).not.toContain('Analytical');
  });

  it('when a shopper lists orders, then only their own come back, newest first, in pages', async () => {
    const [shopper, neighbour] = await quickShoppers(ctx, 2);
    if (!shopper || !neighbour) throw new Error('no shoppers');
    const first = await orderFor(shopper, 1, true);
    const second = await orderFor(shopper, 2, true);
    const third = await orderFor(shopper, 3, false);
    await orderFor(neighbour, 1, true);

    const page1 = await get(shopper, '/api/orders?pageSize=2&page=1');
    const page2 = await get(shopper, '/api/orders?pageSize=2&page=2');

    expect(page1.status).toBe(200);
    expect(page1.body.items.map((item: { id: string }) => item.id)).toEqual([third, second]);
    expect(page1.body.items[0]).toMatchObject({ status: 'pending_payment', itemCount: 3, total: 3 * 1500 + 499 });
    expect(page2.body.items.map((item: { id: string }) => item.id)).toEqual([first]);
    expect(page1.body.pageInfo).toEqual({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect((await get(neighbour, '/api/orders')).body.pageInfo.total).toBe(1);
  });

  it('when nobody is signed in, then the order endpoints answer 401', async () => {
    const anonymous = await request(ctx.url, 'GET', '/api/orders');

    expect(anonymous.status).toBe(401);
  });
});
