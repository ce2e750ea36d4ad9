import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  ADDRESS,
  addToCart,
  applyCoupon,
  createCoupon,
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

  it('when the order is paid, then Stripe charged exactly the server price snapshot (line items built from the database)', async () => {
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

describe('what ran out while the shopper looked', () => {
  it('when another shopper took the last unit after this one read the cart, then 409 INSUFFICIENT_STOCK naming the product', async () => {
    const { shopper, product, fingerprint } = await shopperWithCart(3000, 1, 1);
    const [rival] = await quickShoppers(ctx, 1);
    if (!rival) throw new Error('no rival');
    await addToCart(ctx, rival, product.id, 1);
    const rivalCart = await request(ctx.url, 'GET', '/api/cart', { token: rival.accessToken });
    expect(
      (await postCheckout(rival, { shippingAddress: ADDRESS, cartFingerprint: rivalCart.body.fingerprint })).status,
    ).toBe(201);

    const late = await postCheckout(shopper, { shippingAddress: ADDRESS, cartFingerprint: fingerprint });

    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', meta: { productId: product.id, available: 0 } });
    expect(await ordersOf(shopper)).toHaveLength(0);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 0, reserved: 1, sold: 0, holds: 1 });
  });

  it('when the coupon was used up after the shopper read the cart, then 422 COUPON_EXHAUSTED and nothing held', async () => {
    const { shopper, product } = await shopperWithCart(3000, 1, 5);
    const [rival] = await quickShoppers(ctx, 1);
    if (!rival) throw new Error('no rival');
    await addToCart(ctx, rival, product.id, 1);
    const code = `LAST${new ObjectId().toHexString().slice(-6).toUpperCase()}`;
    await createCoupon(ctx, admin.accessToken, { code, type: 'fixed', value: 500, usageLimit: 1 });
    await applyCoupon(ctx, shopper, code);
    const seen = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
    expect(seen.body).toMatchObject({ discount: 500, couponProblem: null });
    await applyCoupon(ctx, rival, code);
    const rivalCart = await request(ctx.url, 'GET', '/api/cart', { token: rival.accessToken });
    expect(
      (await postCheckout(rival, { shippingAddress: ADDRESS, cartFingerprint: rivalCart.body.fingerprint })).status,
    ).toBe(201);

    const late = await postCheckout(shopper, { shippingAddress: ADDRESS, cartFingerprint: seen.body.fingerprint });

    expect(late.status).toBe(422);
    expect(late.body.code).toBe('COUPON_EXHAUSTED');
    expect(await ordersOf(shopper)).toHaveLength(0);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 4, reserved: 1, sold: 0, holds: 1 });
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
