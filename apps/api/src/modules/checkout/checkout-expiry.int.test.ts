import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  addToCart,
  applyCoupon,
  countMail,
  couponCounters,
  createCoupon,
  expectStockConserved,
  orderOf,
  quickShoppers,
  sandboxControl,
  sessionIdOf,
  startCheckout,
  stockOf,
  waitForFulfilment,
  waitForStatus,
} from '../../test-support/checkout.test-support.js';
import { hasFailPoints, withFailPoint } from '../../test-support/fail-point.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  // The sweep job runs every half second here, so the tests see the scheduled job itself do the work.
  ctx = await startTestApp({ CHECKOUT_SWEEP_INTERVAL_MS: '500' });
  admin = await signedInUser(ctx, { role: 'admin' });
  // No webhook reaches the app in this file: whatever happens is the sweep's or the shopper's doing.
  await sandboxControl(ctx, '/webhooks/hold');
});
afterAll(() => ctx.close());

interface Scenario {
  shopper: SignedIn;
  productId: string;
  orderId: string;
  url: string;
  sessionId: string;
  coupon: string;
}

/** A shopper with 2 units (stock 4) and a coupon limited to 5 uses, at the payment page. */
async function openCheckout(): Promise<Scenario> {
  const [shopper] = await quickShoppers(ctx, 1);
  if (!shopper) throw new Error('no shopper');
  const suffix = new ObjectId().toHexString().slice(-8).toUpperCase();
  const product = await createProduct(ctx, admin.accessToken, { name: `Expiry Vase ${suffix}`, price: 3000, stock: 4 });
  const coupon = await createCoupon(ctx, admin.accessToken, {
    code: `GONE${suffix}`,
    type: 'percent',
    value: 10,
    usageLimit: 5,
  });
  await addToCart(ctx, shopper, product.id, 2);
  await applyCoupon(ctx, shopper, coupon.code);
  const started = await startCheckout(ctx, shopper);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  expect(await couponCounters(ctx, coupon.code)).toEqual({ remaining: 4, reservedCount: 1, redeemedCount: 0 });
  const url = started.body.checkoutUrl as string;
  return {
    shopper,
    productId: product.id,
    orderId: started.body.orderId,
    url,
    sessionId: sessionIdOf(url),
    coupon: coupon.code,
  };
}

/** The order's half hour is over (as far as the app can tell): the arrange step for "time has passed". */
async function passOrderExpiry(orderId: string) {
  await ctx.db
    .collection('orders')
    .updateOne({ _id: new ObjectId(orderId) }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });
}

/** Stock and coupon back where they were; the order turns cancelled just before its holds are given back. */
async function expectReleased(scenario: Scenario) {
  await expect
    .poll(() => couponCounters(ctx, scenario.coupon), { timeout: 5_000, interval: 50 })
    .toEqual({ remaining: 5, reservedCount: 0, redeemedCount: 0 });
  expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 4, reserved: 0, sold: 0, holds: 0 });
  await expectStockConserved(ctx, [{ id: scenario.productId, initial: 4 }]);
}

describe('abandoned checkouts without any webhook', () => {
  it('when the session expired at Stripe and no webhook ever comes, then the sweep job cancels the order and releases stock and coupon', async () => {
    const scenario = await openCheckout();
    await sandboxControl(ctx, `/checkout/sessions/${scenario.sessionId}/expire`);
    await passOrderExpiry(scenario.orderId);

    const order = await waitForStatus(ctx, scenario.shopper, scenario.orderId, 'cancelled', 10_000);

    expect(order.checkoutUrl).toBeNull();
    expect(order.timeline.at(-1)).toMatchObject({ status: 'cancelled', note: 'Checkout expired without payment' });
    await expectReleased(scenario);
  });

  it('when the order is past its expiry but the session is still open, then the sweep expires it at Stripe first, so it can no longer be paid', async () => {
    const scenario = await openCheckout();
    await passOrderExpiry(scenario.orderId);

    await waitForStatus(ctx, scenario.shopper, scenario.orderId, 'cancelled', 10_000);

    expect((await ctx.app.stripe.checkout.sessions.retrieve(scenario.sessionId)).status).toBe('expired');
    await expect(payHostedCheckout(scenario.url)).rejects.toThrow(/no payment form/);
    await expectReleased(scenario);
  });

  it('when the shopper paid but the webhook never came, then the sweep fulfils the order instead of cancelling it', async () => {
    const scenario = await openCheckout();
    await payHostedCheckout(scenario.url);
    await passOrderExpiry(scenario.orderId);

    await waitForFulfilment(ctx, scenario.shopper, scenario.orderId, 10_000);

    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 2, reserved: 0, sold: 2, holds: 0 });
    expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 4, reservedCount: 0, redeemedCount: 1 });
    expect(await countMail(ctx, scenario.shopper.email, 'order.confirmation')).toBe(1);
    await expectStockConserved(ctx, [{ id: scenario.productId, initial: 4 }]);
  });
});

describe('recovering from a crash while releasing', () => {
  it('when the process dies after cancelling but before giving the holds back, then the sweep job gives them back later', async () => {
    const scenario = await openCheckout();
    const holds = ctx.app.commerce.holds;
    const releaseAll = holds.releaseAll;
    // The crash: the cancellation is written, the release that follows it never happens.
    holds.releaseAll = () => Promise.reject(new Error('process died here'));
    try {
      const attempt = await request(ctx.url, 'POST', `/api/checkout/${scenario.orderId}/cancel`, {
        token: scenario.shopper.accessToken,
        body: {},
      });
      expect(attempt.status).toBe(500);
    } finally {
      holds.releaseAll = releaseAll;
    }
    expect((await orderOf(ctx, scenario.shopper, scenario.orderId)).status).toBe('cancelled');
    expect(await stockOf(ctx, scenario.productId)).toMatchObject({ reserved: 2, holds: 1 });

    await expect
      .poll(async () => (await stockOf(ctx, scenario.productId)).holds, { timeout: 10_000, interval: 100 })
      .toBe(0);

    await expectReleased(scenario);
  });
});

/** Replaces `target[key]` for the duration of `run` (in-process fault injection). */
async function withFault<T extends object, K extends keyof T>(
  target: T,
  key: K,
  fault: T[K],
  run: () => Promise<void>,
) {
  const original = target[key];
  target[key] = fault;
  try {
    await run();
  } finally {
    target[key] = original;
  }
}

/** Pays, then confirms from the success page while `target[key]` fails: the process dying at that fulfilment step. */
async function payAndCrashAt<T extends object>(scenario: Scenario, target: T, key: keyof T) {
  await payHostedCheckout(scenario.url);
  const crash = (() => Promise.reject(new Error('process died here'))) as T[keyof T];
  await withFault(target, key, crash, async () => {
    const confirm = await request(ctx.url, 'POST', '/api/checkout/confirm', {
      token: scenario.shopper.accessToken,
      body: { sessionId: scenario.sessionId },
    });
    expect(confirm.status).toBe(500);
  });
}

describe('recovering from a crash while fulfilling', () => {
  it('when the process dies after the stock is sold but before the last side effect, then the sweep job finishes the fulfilment, each effect once', async () => {
    const scenario = await openCheckout();
    // The crash: everything up to the in-app notification is done, that last step never happens.
    await payAndCrashAt(scenario, ctx.app.commerce.notifications, 'create');
    const orderId = new ObjectId(scenario.orderId);
    const crashed = await ctx.db.collection('orders').findOne({ _id: orderId });
    expect(crashed).toMatchObject({
      status: 'paid',
      stockState: 'committed',
      effects: { cart: true, loyalty: true, email: true },
    });
    expect(crashed?.effects.notification).toBeUndefined();
    // The sweep leaves fulfilments in progress alone for a while; this one was interrupted a minute ago.
    await ctx.db
      .collection('orders')
      .updateOne({ _id: orderId }, { $set: { updatedAt: new Date(Date.now() - 60_000) } });

    await waitForFulfilment(ctx, scenario.shopper, scenario.orderId, 10_000);

    const inbox = await request(ctx.url, 'GET', '/api/notifications', { token: scenario.shopper.accessToken });
    expect(inbox.body).toMatchObject({ unreadCount: 1, items: [{ type: 'order.paid' }] });
    expect(await countMail(ctx, scenario.shopper.email, 'order.confirmation')).toBe(1);
    expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 4, reservedCount: 0, redeemedCount: 1 });
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 2, reserved: 0, sold: 2, holds: 0 });
  });
});

describe('staff act on an order whose fulfilment a crash interrupted', () => {
  /** Paid at Stripe and marked paid, but the process died before the held units were committed as sold. */
  async function paidButStillHeld(): Promise<Scenario> {
    const scenario = await openCheckout();
    // Two units of the same product were sold earlier to someone else: a double restock would take theirs.
    await ctx.db
      .collection('products')
      .updateOne({ _id: new ObjectId(scenario.productId) }, { $inc: { stock: -2, sold: 2 } });
    await payAndCrashAt(scenario, ctx.app.commerce.holds, 'commitAll');
    expect(await ctx.db.collection('orders').findOne({ _id: new ObjectId(scenario.orderId) })).toMatchObject({
      status: 'paid',
      stockState: 'reserved',
    });
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 0, reserved: 2, sold: 2, holds: 1 });
    return scenario;
  }

  it('when staff cancel it, then its units go back once and the earlier sale stays sold', async () => {
    const scenario = await paidButStillHeld();

    const cancelled = await request(ctx.url, 'POST', `/api/admin/orders/${scenario.orderId}/cancel`, {
      token: admin.accessToken,
      body: { reason: 'customer called' },
    });

    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    // Give the sweep (every 500 ms) time to find anything still marked as held.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 2, reserved: 0, sold: 2, holds: 0 });
    await expectStockConserved(ctx, [{ id: scenario.productId, initial: 4 }]);
  });

  it('when staff refund it without restocking, then its units are sold, not held forever', async () => {
    const scenario = await paidButStillHeld();

    const refunded = await request(ctx.url, 'POST', `/api/admin/orders/${scenario.orderId}/refunds`, {
      token: admin.accessToken,
      body: { restock: false, reason: 'damaged in transit', idempotencyKey: `refund-${scenario.orderId}` },
    });

    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(refunded.body.status).toBe('refunded');
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 0, reserved: 0, sold: 4, holds: 0 });
    expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 4, reservedCount: 0, redeemedCount: 1 });
  });
});

describe('the payment provider fails while starting', () => {
  async function cartReady() {
    const [shopper] = await quickShoppers(ctx, 1);
    if (!shopper) throw new Error('no shopper');
    const product = await createProduct(ctx, admin.accessToken, {
      name: `Fault Bowl ${new ObjectId().toHexString()}`,
      stock: 3,
    });
    await addToCart(ctx, shopper, product.id, 1);
    return { shopper, productId: product.id };
  }

  it('when the session cannot be created, then 502 PAYMENT_PROVIDER_ERROR, the order is cancelled and nothing stays held', async () => {
    const { shopper, productId } = await cartReady();

    await withFault(
      ctx.app.stripe.checkout.sessions,
      'create',
      () => Promise.reject(new Error('stripe down')),
      async () => {
        const started = await startCheckout(ctx, shopper);
        expect(started).toMatchObject({ status: 502, body: { code: 'PAYMENT_PROVIDER_ERROR' } });
      },
    );

    const [order] = await ctx.db
      .collection('orders')
      .find({ userId: new ObjectId(shopper.userId) })
      .toArray();
    expect(order).toMatchObject({ status: 'cancelled', stockState: 'released' });
    await expectStockConserved(ctx, [{ id: productId, initial: 3 }]);
    expect(await stockOf(ctx, productId)).toEqual({ stock: 3, reserved: 0, sold: 0, holds: 0 });
  });

  it('when giving the stock back fails too, then the order does not claim it is released and the sweep job releases it', async () => {
    const { shopper, productId } = await cartReady();
    const holds = ctx.app.commerce.holds;

    await withFault(
      ctx.app.stripe.checkout.sessions,
      'create',
      () => Promise.reject(new Error('stripe down')),
      () =>
        withFault(
          holds,
          'releaseAll',
          () => Promise.reject(new Error('database gone')),
          async () => {
            expect((await startCheckout(ctx, shopper)).status).toBe(502);
          },
        ),
    );

    const orderOfShopper = () => ctx.db.collection('orders').findOne({ userId: new ObjectId(shopper.userId) });
    expect(await orderOfShopper()).toMatchObject({ status: 'cancelled', stockState: 'reserving' });
    await expect
      .poll(async () => (await orderOfShopper())?.stockState, { timeout: 10_000, interval: 100 })
      .toBe('released');
    expect(await stockOf(ctx, productId)).toEqual({ stock: 3, reserved: 0, sold: 0, holds: 0 });
    await expectStockConserved(ctx, [{ id: productId, initial: 3 }]);
  });

  it('when holding stock fails half-way (a database error on the second product), then the first hold is undone too', async () => {
    const { shopper, productId } = await cartReady();
    const second = await createProduct(ctx, admin.accessToken, {
      name: `Fault Cup ${new ObjectId().toHexString()}`,
      stock: 3,
    });
    await addToCart(ctx, shopper, second.id, 1);
    const holds = ctx.app.commerce.holds;
    const holdAll = holds.holdAll;

    await withFault(
      holds,
      'holdAll',
      async (lines, orderId) => {
        await holdAll(lines.slice(0, 1), orderId);
        throw new Error('connection reset');
      },
      async () => {
        expect((await startCheckout(ctx, shopper)).status).toBe(500);
      },
    );

    const order = await ctx.db.collection('orders').findOne({ userId: new ObjectId(shopper.userId) });
    expect(order).toMatchObject({ status: 'cancelled', stockState: 'released' });
    for (const id of [productId, second.id])
      expect(await stockOf(ctx, id)).toEqual({ stock: 3, reserved: 0, sold: 0, holds: 0 });
  });
});

describe('the shopper abandons the checkout', () => {
  const cancel = (shopper: SignedIn, orderId: string) =>
    request(ctx.url, 'POST', `/api/checkout/${orderId}/cancel`, { token: shopper.accessToken, body: {} });

  it('when the shopper cancels, then the order is cancelled at once, stock and coupon released, the page closed and the cart kept', async () => {
    const scenario = await openCheckout();

    const cancelled = await cancel(scenario.shopper, scenario.orderId);

    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: scenario.orderId, status: 'cancelled', checkoutUrl: null });
    await expectReleased(scenario);
    await expect(payHostedCheckout(scenario.url)).rejects.toThrow(/no payment form/);
    const cart = await request(ctx.url, 'GET', '/api/cart', { token: scenario.shopper.accessToken });
    expect(cart.body.lines).toMatchObject([{ productId: scenario.productId, quantity: 2 }]);
    expect(cart.body.coupon).toMatchObject({ code: scenario.coupon });
  });

  it('when the shopper checks out again after cancelling, then a new order holds the stock again', async () => {
    const scenario = await openCheckout();
    await cancel(scenario.shopper, scenario.orderId);

    const again = await startCheckout(ctx, scenario.shopper);

    expect(again.status).toBe(201);
    expect(again.body.orderId).not.toBe(scenario.orderId);
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 2, reserved: 2, sold: 0, holds: 1 });
    expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 4, reservedCount: 1, redeemedCount: 0 });
  });

  it('when another user tries to cancel the order, then 404 and it stays open', async () => {
    const scenario = await openCheckout();
    const [stranger] = await quickShoppers(ctx, 1);
    if (!stranger) throw new Error('no stranger');

    const attempt = await cancel(stranger, scenario.orderId);

    expect(attempt).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await orderOf(ctx, scenario.shopper, scenario.orderId)).status).toBe('pending_payment');
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 2, reserved: 2, sold: 0, holds: 1 });
  });

  it('when the shopper had already paid, then cancel changes nothing and the order stays paid', async () => {
    const scenario = await openCheckout();
    await payHostedCheckout(scenario.url);

    const attempt = await cancel(scenario.shopper, scenario.orderId);

    expect(attempt.status).toBe(200);
    expect(attempt.body.status).toBe('paid');
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 2, reserved: 0, sold: 2, holds: 0 });
    await expectStockConserved(ctx, [{ id: scenario.productId, initial: 4 }]);
  });
});

/**
 * Real database faults, injected by the database itself (configureFailPoint 'failCommand', which the test engine
 * accepts) rather than by replacing app functions: the app's own driver sees exactly what a failing MongoDB sends.
 * Each failpoint fails the next write to this app's `products` collection (an `update`, or the `findAndModify` of a
 * findOneAndUpdate), sent by the app's client only.
 *
 * Whether the driver retries depends on the topology: against a replica set (the engine answers as one, and so does
 * any production MongoDB) a write labelled RetryableWriteError, or cut off by a dropped connection, is retried once
 * automatically with the same transaction number, so the step succeeds; against a standalone server there are no
 * retryable writes and the error reaches the app. The assertions hold either way: what matters is the end state.
 */
describe('database faults during checkout (MongoDB failpoints)', () => {
  const productsNamespace = () => `${ctx.config.mongoDbName}.products`;
  /** The commands a stock hold, commit or release is sent as. */
  const SHELF_WRITES = ['update', 'findAndModify'];

  it('when committing the sold stock hits a transient shutdown error, then the shop still ends with exactly one paid order, stock and coupon counted once', async (context) => {
    // The embedded engine the suite runs on always accepts failpoints; only an external MONGODB_URI may not.
    context.skip(!(await hasFailPoints(ctx.db)), 'external MongoDB without test commands: failpoints unavailable');
    const scenario = await openCheckout();
    await payHostedCheckout(scenario.url);

    let confirmed = 0;
    // 91 ShutdownInProgress with the label a replica set member puts on it: the driver may retry this update itself.
    const fired = await withFailPoint(
      ctx.db,
      { times: 1 },
      {
        failCommands: SHELF_WRITES,
        namespace: productsNamespace(),
        errorCode: 91,
        errorLabels: ['RetryableWriteError'],
      },
      async () => {
        const confirm = await request(ctx.url, 'POST', '/api/checkout/confirm', {
          token: scenario.shopper.accessToken,
          body: { sessionId: scenario.sessionId },
        });
        // Retried by the driver (200), or the fulfilment step failed and the request with it (503: try again).
        expect([200, 503], JSON.stringify(confirm.body)).toContain(confirm.status);
        confirmed = confirm.status;
      },
    );
    expect(fired).toBe(1);

    if (confirmed === 500) {
      // Paid but not yet fulfilled; the sweep leaves a fulfilment in progress alone for a while: make this one old.
      const orderId = new ObjectId(scenario.orderId);
      expect(await ctx.db.collection('orders').findOne({ _id: orderId })).toMatchObject({ status: 'paid' });
      await ctx.db
        .collection('orders')
        .updateOne({ _id: orderId }, { $set: { updatedAt: new Date(Date.now() - 60_000) } });
    }
    await waitForFulfilment(ctx, scenario.shopper, scenario.orderId, 10_000);

    const orders = await ctx.db
      .collection('orders')
      .find({ userId: new ObjectId(scenario.shopper.userId) })
      .toArray();
    expect(orders.map((order) => order.status)).toEqual(['paid']);
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 2, reserved: 0, sold: 2, holds: 0 });
    await expectStockConserved(ctx, [{ id: scenario.productId, initial: 4 }]);
    expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 4, reservedCount: 0, redeemedCount: 1 });
    expect(await countMail(ctx, scenario.shopper.email, 'order.confirmation')).toBe(1);
  });

  it('when the connection drops while stock is being held, then nothing is oversold or lost: the checkout either fails cleanly holding nothing or succeeds holding once', async (context) => {
    // The embedded engine the suite runs on always accepts failpoints; only an external MONGODB_URI may not.
    context.skip(!(await hasFailPoints(ctx.db)), 'external MongoDB without test commands: failpoints unavailable');
    const [shopper] = await quickShoppers(ctx, 1);
    if (!shopper) throw new Error('no shopper');
    const product = await createProduct(ctx, admin.accessToken, {
      name: `Dropped Jug ${new ObjectId().toHexString()}`,
      stock: 3,
    });
    await addToCart(ctx, shopper, product.id, 2);

    let started: Awaited<ReturnType<typeof startCheckout>> | undefined;
    // The hold is one atomic write on the product; the server hangs up before running it.
    const fired = await withFailPoint(
      ctx.db,
      { times: 1 },
      { failCommands: SHELF_WRITES, namespace: productsNamespace(), closeConnection: true },
      async () => {
        started = await startCheckout(ctx, shopper);
      },
    );
    expect(fired).toBe(1);
    if (!started) throw new Error('no checkout response');

    const orders = await ctx.db
      .collection('orders')
      .find({ userId: new ObjectId(shopper.userId) })
      .toArray();
    expect(orders).toHaveLength(1);
    if (started.status === 201) {
      // The driver retried the hold on a new connection (retryable writes): held exactly once.
      expect(orders[0]).toMatchObject({ status: 'pending_payment', stockState: 'reserved' });
      expect(await stockOf(ctx, product.id)).toEqual({ stock: 1, reserved: 2, sold: 0, holds: 1 });
      await expectStockConserved(ctx, [{ id: product.id, initial: 3 }], { openHolds: 1 });
      // Abandoning it gives everything back, once.
      const cancelled = await request(ctx.url, 'POST', `/api/checkout/${started.body.orderId}/cancel`, {
        token: shopper.accessToken,
        body: {},
      });
      expect(cancelled.status).toBe(200);
    } else {
      // No retry (standalone server): a clean server error, the order cancelled and nothing left held.
      expect(started.status, JSON.stringify(started.body)).toBeGreaterThanOrEqual(500);
      expect(started.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(orders[0]).toMatchObject({ status: 'cancelled', stockState: 'released' });
    }
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 3, reserved: 0, sold: 0, holds: 0 });
    await expectStockConserved(ctx, [{ id: product.id, initial: 3 }]);
  });
});
