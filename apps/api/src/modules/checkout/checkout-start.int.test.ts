import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct } from '../../test-support/catalog.test-support.js';
import {
  ADDRESS,
  addToCart,
  applyCoupon,
  createCoupon,
  expectStockConserved,
  orderOf,
  quickShoppers,
  sandboxControl,
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

const startCheckoutOf = async (shopper: SignedIn) => {
  const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
  const started = await postCheckout(shopper, { shippingAddress: ADDRESS, cartFingerprint: cart.body.fingerprint });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return started;
};

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

  it('when the open page is about to expire and the cart is checked out again, then that page is closed at Stripe before its order is cancelled, so only the new order can be paid', async () => {
    const { shopper, product, fingerprint } = await shopperWithCart(2000, 1, 5);
    const body = { shippingAddress: ADDRESS, cartFingerprint: fingerprint };
    const first = await postCheckout(shopper, body);
    // Less than a minute of the first page is left, as far as the app can tell.
    await ctx.db
      .collection('orders')
      .updateOne({ _id: new ObjectId(first.body.orderId) }, { $set: { expiresAt: new Date(Date.now() + 30_000) } });

    const second = await postCheckout(shopper, body);

    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.orderId).not.toBe(first.body.orderId);
    expect((await ctx.app.stripe.checkout.sessions.retrieve(sessionIdOf(first.body.checkoutUrl))).status).toBe(
      'expired',
    );
    await expect(payHostedCheckout(first.body.checkoutUrl)).rejects.toThrow(/no payment form/);
    const replaced = await ctx.db.collection('orders').findOne({ _id: new ObjectId(first.body.orderId) });
    expect(replaced).toMatchObject({ status: 'cancelled', stockState: 'released', refunds: [] });
    expect(replaced?.timeline.at(-1)).toMatchObject({ status: 'cancelled', note: 'Replaced by a new checkout' });
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 4, reserved: 1, sold: 0, holds: 1 });

    expect((await payHostedCheckout(second.body.checkoutUrl)).status).toBe('redirected');
    await waitForFulfilment(ctx, shopper, second.body.orderId);
    const orders = await ordersOf(shopper);
    expect(orders.map((order) => [order._id.toHexString(), order.status]).sort()).toEqual(
      [
        [first.body.orderId, 'cancelled'],
        [second.body.orderId, 'paid'],
      ].sort(),
    );
    await expectStockConserved(ctx, [{ id: product.id, initial: 5 }]);
  });

  it('when the page about to be replaced was paid a moment before, then that order is fulfilled, not cancelled, and the new checkout is refused with CART_CHANGED', async () => {
    const { shopper, product, fingerprint } = await shopperWithCart(2000, 1, 5);
    const body = { shippingAddress: ADDRESS, cartFingerprint: fingerprint };
    const first = await postCheckout(shopper, body);
    // No webhook comes in time: only the replacement can notice the payment.
    await sandboxControl(ctx, '/webhooks/hold');
    try {
      expect((await payHostedCheckout(first.body.checkoutUrl)).status).toBe('redirected');
      await ctx.db
        .collection('orders')
        .updateOne({ _id: new ObjectId(first.body.orderId) }, { $set: { expiresAt: new Date(Date.now() + 30_000) } });

      const second = await postCheckout(shopper, body);

      expect(second).toMatchObject({
        status: 409,
        body: { code: 'CART_CHANGED', meta: { orderId: first.body.orderId } },
      });
      expect((await orderOf(ctx, shopper, first.body.orderId)).status).toBe('paid');
      expect((await ordersOf(shopper)).map((order) => order.status)).toEqual(['paid']);
      expect(await stockOf(ctx, product.id)).toEqual({ stock: 4, reserved: 0, sold: 1, holds: 0 });
    } finally {
      await sandboxControl(ctx, '/webhooks/release');
    }
  });
});

describe('the shipping address', () => {
  const valid = { ...ADDRESS };
  it.each([
    { field: 'name', value: '' },
    { field: 'name', value: 'x'.repeat(101) },
    { field: 'line1', value: '   ' },
    { field: 'line2', value: 'x'.repeat(201) },
    { field: 'city', value: '' },
    { field: 'postalCode', value: '!!' },
    { field: 'postalCode', value: '1' },
    { field: 'country', value: 'XX' },
    { field: 'country', value: 'gb' },
    { field: 'phone', value: 'call me' },
    { field: 'phone', value: 12345678 },
    { field: 'city', value: undefined },
    { field: 'phone', value: undefined },
  ])(
    'when $field is $value, then 400 VALIDATION_FAILED names body.shippingAddress.$field and nothing is created or held',
    async ({ field, value }) => {
      const { shopper, product, fingerprint } = await shopperWithCart(1500, 1);
      const address: Record<string, unknown> = { ...valid, [field]: value };
      if (value === undefined) delete address[field];

      const answer = await postCheckout(shopper, { shippingAddress: address, cartFingerprint: fingerprint });

      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(answer.body.errors.map((error: { path: string }) => error.path)).toEqual([
        `body.shippingAddress.${field}`,
      ]);
      expect(await ordersOf(shopper)).toHaveLength(0);
      expect(await stockOf(ctx, product.id)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });
    },
  );

  it('when the whole address is missing, then 400 names body.shippingAddress', async () => {
    const { shopper, fingerprint } = await shopperWithCart(1500, 1);

    const answer = await postCheckout(shopper, { cartFingerprint: fingerprint });

    expect(answer).toMatchObject({ status: 400, body: { errors: [{ path: 'body.shippingAddress' }] } });
    expect(await ordersOf(shopper)).toHaveLength(0);
  });
});

describe('the order snapshot', () => {
  it('when a code covers one category only, then its discount is split over the lines it covers and the other lines carry none', async () => {
    const [shopper] = await quickShoppers(ctx, 1);
    if (!shopper) throw new Error('no shopper');
    const suffix = new ObjectId().toHexString().slice(-8).toUpperCase();
    const category = await createCategory(ctx, admin.accessToken, { name: `Teapots ${suffix}` });
    const teapot = await createProduct(ctx, admin.accessToken, {
      name: `Snapshot Teapot ${suffix}`,
      price: 3001,
      categoryId: category.id,
    });
    const cups = await createProduct(ctx, admin.accessToken, {
      name: `Snapshot Cup ${suffix}`,
      price: 1999,
      categoryId: category.id,
    });
    const spoon = await createProduct(ctx, admin.accessToken, { name: `Snapshot Spoon ${suffix}`, price: 4000 });
    await createCoupon(ctx, admin.accessToken, {
      code: `POTS${suffix}`,
      type: 'percent',
      value: 10,
      categoryIds: [category.id],
    });
    await addToCart(ctx, shopper, teapot.id, 1);
    await addToCart(ctx, shopper, spoon.id, 1);
    await addToCart(ctx, shopper, cups.id, 2);
    await applyCoupon(ctx, shopper, `POTS${suffix}`);

    const started = await startCheckoutOf(shopper);

    // 10% of (3001 + 2 × 1999) = 699.9 → 700, split 3001 : 3998 between the covered lines.
    const order = await orderOf(ctx, shopper, started.body.orderId);
    expect(order.discount).toBe(700);
    const discountOf = (productId: string) =>
      order.lines.find((line: { productId: string }) => line.productId === productId)?.discount;
    expect(discountOf(spoon.id)).toBe(0);
    expect(discountOf(teapot.id)).toBe(300);
    expect(discountOf(cups.id)).toBe(400);
    const session = await ctx.app.stripe.checkout.sessions.retrieve(sessionIdOf(started.body.checkoutUrl));
    expect(session.amount_total).toBe(order.total);
  });
});
