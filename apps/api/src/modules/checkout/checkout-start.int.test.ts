import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  ADDRESS,
  addToCart,
  expectStockConserved,
  quickShoppers,
  sessionIdOf,
  stockOf,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp({ SHIPPING_FLAT_RATE: '500', FREE_SHIPPING_THRESHOLD: '100000' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

async function shopperWithCart(price: number, quantity: number, stock = 10) {
  const [shopper] = await quickShoppers(ctx, 1);
  if (!shopper) throw new Error('no shopper');
  const product = await createProduct(ctx, admin.accessToken, {
    name: `Start Item ${new ObjectId().toHexString()}`,
    price,
    stock,
  });
  await addToCart(ctx, shopper, product.id, quantity);
  const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
  return { shopper, product, fingerprint: cart.body.fingerprint as string };
}

const postCheckout = (shopper: SignedIn, body: unknown) =>
  request(ctx.url, 'POST', '/api/checkout', { token: shopper.accessToken, body });

const ordersOf = (shopper: SignedIn) =>
  ctx.db
    .collection('orders')
    .find({ userId: new ObjectId(shopper.userId) })
    .toArray();

describe('the client cannot set what it pays', () => {
  it('when the checkout body carries prices, totals or lines, then 400 names each extra field and nothing is created or held', async () => {
    const { shopper, product, fingerprint } = await shopperWithCart(4000, 2);

    const tampered = await postCheckout(shopper, {
      shippingAddress: ADDRESS,
      cartFingerprint: fingerprint,
      prices: { [product.id]: 1 },
      total: 1,
      lines: [{ productId: product.id, quantity: 2, unitPrice: 1 }],
    });
    const nested = await postCheckout(shopper, {
      shippingAddress: { ...ADDRESS, amount: 1 },
      cartFingerprint: fingerprint,
    });

    expect(tampered.status).toBe(400);
    expect(tampered.body.code).toBe('VALIDATION_FAILED');
    expect(tampered.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.lines',
      'body.prices',
      'body.total',
    ]);
    expect(nested).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'body.shippingAddress.amount', message: 'is not allowed' }] },
    });
    expect(await ordersOf(shopper)).toHaveLength(0);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });
  });

  it('when an admin changes the price after the shopper read the cart, then 409 CART_CHANGED, nothing held, and the fresh cart pays the new price', async () => {
    const { shopper, product, fingerprint } = await shopperWithCart(4000, 2);
    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 4500 },
    });
    expect(patched.status).toBe(200);

    const stale = await postCheckout(shopper, { shippingAddress: ADDRESS, cartFingerprint: fingerprint });

    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CART_CHANGED');
    expect(stale.body.meta.fingerprint).not.toBe(fingerprint);
    expect(await ordersOf(shopper)).toHaveLength(0);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });

    const fresh = await postCheckout(shopper, {
      shippingAddress: ADDRESS,
      cartFingerprint: stale.body.meta.fingerprint,
    });
    expect(fresh.status).toBe(201);
    const session = await ctx.app.stripe.checkout.sessions.retrieve(sessionIdOf(fresh.body.checkoutUrl));
    expect(session.amount_total).toBe(2 * 4500 + 500);
  });

  it('when the stored order is paid, then the amount charged is the server price snapshot, whatever the client saw', async () => {
    const { shopper, product, fingerprint } = await shopperWithCart(1234, 3);

    const started = await postCheckout(shopper, { shippingAddress: ADDRESS, cartFingerprint: fingerprint });
    await payHostedCheckout(started.body.checkoutUrl);

    const order = await waitForFulfilment(ctx, shopper, started.body.orderId);
    expect(order).toMatchObject({ subtotal: 3702, shipping: 500, total: 4202 });
    const session = await ctx.app.stripe.checkout.sessions.retrieve(sessionIdOf(started.body.checkoutUrl), {
      expand: ['line_items'],
    });
    expect(session.line_items?.data.map((line) => [line.quantity, line.price?.unit_amount])).toEqual([[3, 1234]]);
    expect(session.amount_total).toBe(4202);
    await expectStockConserved(ctx, [{ id: product.id, initial: 10 }]);
  });
});

describe('starting a checkout twice', () => {
  it('when the pay button is double-clicked (two concurrent checkouts of the same cart), then one order and one hold', async () => {
    const { shopper, product, fingerprint } = await shopperWithCart(2000, 1, 5);
    const body = { shippingAddress: ADDRESS, cartFingerprint: fingerprint };

    const [first, second] = await Promise.all([postCheckout(shopper, body), postCheckout(shopper, body)]);

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.orderId).toBe(first.body.orderId);
    expect(second.body.checkoutUrl).toBe(first.body.checkoutUrl);
    const orders = await ordersOf(shopper);
    expect(orders.map((order) => order.status)).toEqual(['pending_payment']);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 4, reserved: 1, sold: 0, holds: 1 });
    await payHostedCheckout(first.body.checkoutUrl);
    await waitForFulfilment(ctx, shopper, first.body.orderId);
    await expectStockConserved(ctx, [{ id: product.id, initial: 5 }]);
  });

  it('when the same cart is checked out again later, then the open payment page is handed back', async () => {
    const { shopper, product, fingerprint } = await shopperWithCart(2000, 1, 5);
    const body = { shippingAddress: ADDRESS, cartFingerprint: fingerprint };

    const first = await postCheckout(shopper, body);
    const again = await postCheckout(shopper, body);

    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 4, reserved: 1, sold: 0, holds: 1 });
  });
});
