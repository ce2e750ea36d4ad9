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
  quickShoppers,
  sandboxControl,
  startCheckout,
  stockOf,
  waitForDeliveriesSettled,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp({ SHIPPING_FLAT_RATE: '500', FREE_SHIPPING_THRESHOLD: '1000000' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

interface Bought {
  shopper: SignedIn;
  productId: string;
  orderId: string;
  number: string;
  total: number;
  initial: number;
}

/** A shopper who bought `quantity` × 2000 of a fresh product (stock 10); total = 2000 × quantity + 500 shipping. */
async function paidOrder(quantity = 2): Promise<Bought> {
  const { shopper, productId, orderId, url } = await pendingOrder(quantity);
  await payHostedCheckout(url);
  const order = await waitForFulfilment(ctx, shopper, orderId);
  return { shopper, productId, orderId, number: order.number, total: order.total, initial: 10 };
}

async function pendingOrder(quantity = 2, couponCode?: string) {
  const [shopper] = await quickShoppers(ctx, 1);
  if (!shopper) throw new Error('no shopper');
  const product = await createProduct(ctx, admin.accessToken, {
    name: `Admin Order Chair ${new ObjectId().toHexString()}`,
    price: 2000,
    stock: 10,
  });
  await addToCart(ctx, shopper, product.id, quantity);
  if (couponCode) await applyCoupon(ctx, shopper, couponCode);
  const started = await startCheckout(ctx, shopper);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return {
    shopper,
    productId: product.id,
    orderId: started.body.orderId as string,
    number: started.body.orderNumber as string,
    url: started.body.checkoutUrl as string,
  };
}

const adminCall = (method: string, path: string, body?: unknown) =>
  request(ctx.url, method, path, { token: admin.accessToken, ...(body === undefined ? {} : { body }) });
const refund = (orderId: string, body: Record<string, unknown>) =>
  adminCall('POST', `/api/admin/orders/${orderId}/refunds`, body);
const setStatus = (orderId: string, status: string) =>
  adminCall('POST', `/api/admin/orders/${orderId}/status`, { status });
const cancelOrder = (orderId: string, reason = 'Customer asked by phone') =>
  adminCall('POST', `/api/admin/orders/${orderId}/cancel`, { reason });

async function stripeRefundsOf(orderId: string) {
  const order = await ctx.db.collection('orders').findOne({ _id: new ObjectId(orderId) });
  const refunds = await ctx.app.stripe.refunds.list({ payment_intent: order?.payment.paymentIntentId, limit: 100 });
  return refunds.data.map((entry) => entry.amount);
}

async function auditActions(orderId: string) {
  const log = await adminCall('GET', `/api/admin/audit?entityType=order&entityId=${orderId}`);
  return (log.body.items as { action: string; actor: { email: string } }[]).map((entry) => {
    expect(entry.actor.email).toBe(admin.email);
    return entry.action;
  });
}

describe('refunds', () => {
  it('when an admin refunds everything with restock, then the order is refunded, every unit is back, one email, and the same key again refunds nothing more', async () => {
    const bought = await paidOrder(2);
    const body = { idempotencyKey: 'full-refund-0001', restock: true, reason: 'Arrived damaged' };

    const first = await refund(bought.orderId, body);
    const again = await refund(bought.orderId, body);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'refunded', amountRefunded: bought.total });
    expect(first.body.refunds).toMatchObject([{ amount: bought.total, restocked: true, reason: 'Arrived damaged' }]);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'refunded', amountRefunded: bought.total });
    await waitForDeliveriesSettled(ctx);
    expect(await stripeRefundsOf(bought.orderId)).toEqual([bought.total]);
    const stored = await ctx.db.collection('orders').findOne({ _id: new ObjectId(bought.orderId) });
    expect(stored?.payment.amountRefunded).toBe(bought.total);
    expect(stored?.refunds).toHaveLength(1);
    expect(await stockOf(ctx, bought.productId)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });
    expect(await countMail(ctx, bought.shopper.email, 'order.refunded')).toBe(1);
    expect(await auditActions(bought.orderId)).toEqual(['order.refund']);
    await expectStockConserved(ctx, [{ id: bought.productId, initial: bought.initial }]);
  });

  it('when an admin refunds in parts, then partially_refunded until the rest is refunded, over-refunds are 422 and charge.refunded never double counts', async () => {
    const bought = await paidOrder(2);
    expect(bought.total).toBe(4500);

    const part1 = await refund(bought.orderId, { amount: 1000, idempotencyKey: 'part-refund-0001' });
    const part2 = await refund(bought.orderId, { amount: 1500, idempotencyKey: 'part-refund-0002' });
    const tooMuch = await refund(bought.orderId, { amount: 2001, idempotencyKey: 'part-refund-0003' });
    const restockPart = await refund(bought.orderId, {
      amount: 500,
      restock: true,
      idempotencyKey: 'part-refund-0004',
    });
    await waitForDeliveriesSettled(ctx);
    const midway = await adminCall('GET', `/api/admin/orders/${bought.orderId}`);
    const rest = await refund(bought.orderId, { idempotencyKey: 'part-refund-0005' });
    const afterAll = await refund(bought.orderId, { amount: 1, idempotencyKey: 'part-refund-0006' });

    expect(part1.body).toMatchObject({ status: 'partially_refunded', amountRefunded: 1000 });
    expect(part2.body).toMatchObject({ status: 'partially_refunded', amountRefunded: 2500 });
    expect(tooMuch).toMatchObject({
      status: 422,
      body: { code: 'REFUND_EXCEEDS_PAYMENT', meta: { refundable: 2000 } },
    });
    expect(restockPart).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(midway.body).toMatchObject({ status: 'partially_refunded', amountRefunded: 2500 });
    expect(rest.body).toMatchObject({ status: 'refunded', amountRefunded: 4500 });
    expect(afterAll).toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    await waitForDeliveriesSettled(ctx);
    expect(await stripeRefundsOf(bought.orderId)).toEqual(expect.arrayContaining([1000, 1500, 2000]));
    const stored = await ctx.db.collection('orders').findOne({ _id: new ObjectId(bought.orderId) });
    expect(stored?.payment.amountRefunded).toBe(4500);
    expect(stored?.refunds.map((entry: { amount: number }) => entry.amount)).toEqual([1000, 1500, 2000]);
    expect(await countMail(ctx, bought.shopper.email, 'order.refunded')).toBe(3);
    // Not restocked: the goods were kept.
    expect(await stockOf(ctx, bought.productId)).toEqual({ stock: 8, reserved: 0, sold: 2, holds: 0 });
    expect(await auditActions(bought.orderId)).toEqual(['order.refund', 'order.refund', 'order.refund']);
  });

  it('when the same refund is double-clicked (three at once with one key), then Stripe refunds once and the order counts it once', async () => {
    const bought = await paidOrder(1);

    const answers = await Promise.all(
      [1, 2, 3].map(() => refund(bought.orderId, { amount: 700, idempotencyKey: 'double-click-01', restock: false })),
    );

    // Every click gets the same answer: the one refund, whichever request made it.
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ status: 'partially_refunded', amountRefunded: 700 });
      expect(answer.body.refunds).toMatchObject([{ amount: 700 }]);
    }
    await waitForDeliveriesSettled(ctx);
    expect(await stripeRefundsOf(bought.orderId)).toEqual([700]);
    const order = await adminCall('GET', `/api/admin/orders/${bought.orderId}`);
    expect(order.body).toMatchObject({ status: 'partially_refunded', amountRefunded: 700 });
    expect(order.body.refunds).toHaveLength(1);
  });

  it('when two admins refund different parts at once and together they fit, then both are recorded at once (no webhook needed) and the status follows', async () => {
    const bought = await paidOrder(2);
    // Only the refund requests themselves can record the refunds here.
    await sandboxControl(ctx, '/webhooks/hold');
    try {
      const answers = await Promise.all([
        refund(bought.orderId, { amount: 1000, idempotencyKey: 'parallel-fit-01' }),
        refund(bought.orderId, { amount: 1500, idempotencyKey: 'parallel-fit-02' }),
      ]);

      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const stored = await ctx.db.collection('orders').findOne({ _id: new ObjectId(bought.orderId) });
      expect(stored).toMatchObject({ status: 'partially_refunded', payment: { amountRefunded: 2500 } });
      expect(stored?.refunds.map((entry: { amount: number }) => entry.amount).sort()).toEqual([1000, 1500]);
      expect(
        stored?.timeline.filter((entry: { status: string | null }) => entry.status === 'partially_refunded'),
      ).toHaveLength(2);
      expect((await stripeRefundsOf(bought.orderId)).sort()).toEqual([1000, 1500]);
      expect(await countMail(ctx, bought.shopper.email, 'order.refunded')).toBe(2);
    } finally {
      await sandboxControl(ctx, '/webhooks/release');
    }
    await waitForDeliveriesSettled(ctx);
    const settled = await ctx.db.collection('orders').findOne({ _id: new ObjectId(bought.orderId) });
    expect(settled?.payment.amountRefunded).toBe(2500);
    expect(settled?.refunds).toHaveLength(2);
  });

  it('when two admins refund different parts at once that together exceed the payment, then one is refunded, the other is 422 and Stripe refunded only the first', async () => {
    const bought = await paidOrder(2);
    expect(bought.total).toBe(4500);

    const answers = await Promise.all([
      refund(bought.orderId, { amount: 3000, idempotencyKey: 'parallel-over-01' }),
      refund(bought.orderId, { amount: 2000, idempotencyKey: 'parallel-over-02' }),
    ]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
    const accepted = answers.find((answer) => answer.status === 200);
    const refused = answers.find((answer) => answer.status === 422);
    const acceptedAmount = accepted?.body.refunds[0].amount as number;
    expect(refused?.body).toMatchObject({
      code: 'REFUND_EXCEEDS_PAYMENT',
      meta: { refundable: 4500 - acceptedAmount },
      errors: [{ path: 'body.amount' }],
    });
    await waitForDeliveriesSettled(ctx);
    expect(await stripeRefundsOf(bought.orderId)).toEqual([acceptedAmount]);
    const stored = await ctx.db.collection('orders').findOne({ _id: new ObjectId(bought.orderId) });
    expect(stored).toMatchObject({ status: 'partially_refunded', payment: { amountRefunded: acceptedAmount } });
    expect(stored?.refunds).toHaveLength(1);
    expect(await countMail(ctx, bought.shopper.email, 'order.refunded')).toBe(1);
  });

  it('when a refund is made in the Stripe dashboard, then charge.refunded records it on the order once', async () => {
    const bought = await paidOrder(1);
    const stored = await ctx.db.collection('orders').findOne({ _id: new ObjectId(bought.orderId) });

    await ctx.app.stripe.refunds.create({ payment_intent: stored?.payment.paymentIntentId, amount: 300 });

    await expect
      .poll(async () => (await adminCall('GET', `/api/admin/orders/${bought.orderId}`)).body.amountRefunded, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(300);
    await waitForDeliveriesSettled(ctx);
    const order = await adminCall('GET', `/api/admin/orders/${bought.orderId}`);
    expect(order.body).toMatchObject({ status: 'partially_refunded', amountRefunded: 300 });
    expect(order.body.refunds).toMatchObject([{ amount: 300, reason: 'Refunded in Stripe' }]);
  });
});

describe('a cancel that loses a race with shipping', () => {
  it("when a cancel's refund lands after another admin shipped the order, then the money is recorded as a refund and nothing is restocked", async () => {
    const bought = await paidOrder(2);
    const stored = await ctx.db.collection('orders').findOne({ _id: new ObjectId(bought.orderId) });
    await sandboxControl(ctx, '/webhooks/hold');
    try {
      // What the cancel asked Stripe for (see refundOrder); its answer is lost, only the webhook will tell.
      await ctx.app.stripe.refunds.create({
        payment_intent: stored?.payment.paymentIntentId,
        amount: bought.total,
        metadata: {
          orderId: bought.orderId,
          by: admin.email,
          idempotencyKey: `cancel-${bought.orderId}`,
          restock: 'true',
          cancel: 'true',
          reason: 'Customer asked by phone',
        },
      });
      expect((await setStatus(bought.orderId, 'shipped')).status).toBe(200);
    } finally {
      await sandboxControl(ctx, '/webhooks/release');
    }

    await expect
      .poll(async () => (await adminCall('GET', `/api/admin/orders/${bought.orderId}`)).body.amountRefunded, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(bought.total);
    const order = await adminCall('GET', `/api/admin/orders/${bought.orderId}`);
    expect(order.body).toMatchObject({ status: 'refunded', refunds: [{ amount: bought.total, restocked: false }] });
    // The units are with the carrier: putting them back on the shelf would sell them twice.
    expect(await stockOf(ctx, bought.productId)).toEqual({ stock: 8, reserved: 0, sold: 2, holds: 0 });
  });
});

describe("refunds when Stripe's webhook is faster than Stripe's answer", () => {
  /**
   * Makes the app's refund call return only after the app has already handled the resulting charge.refunded
   * webhook: the interleaving a slow network produces, forced so it happens every time.
   */
  async function withWebhookFirst(orderId: string, run: () => Promise<void>) {
    const refunds = ctx.app.stripe.refunds;
    const create = refunds.create.bind(refunds);
    refunds.create = (async (...args: Parameters<typeof create>) => {
      const created = await create(...args);
      await expect
        .poll(
          async () =>
            ((await ctx.db.collection('orders').findOne({ _id: new ObjectId(orderId) }))?.refunds ?? []).some(
              (entry: { id: string }) => entry.id === created.id,
            ),
          { timeout: 10_000, interval: 20 },
        )
        .toBe(true);
      return created;
    }) as typeof refunds.create;
    try {
      await run();
    } finally {
      refunds.create = create as typeof refunds.create;
    }
  }

  it('when an admin refunds with restock, then the refund is counted once and the units still go back', async () => {
    const bought = await paidOrder(2);

    await withWebhookFirst(bought.orderId, async () => {
      const answer = await refund(bought.orderId, { idempotencyKey: 'race-refund-01', restock: true, reason: 'Lost' });
      expect(answer.body).toMatchObject({ status: 'refunded', amountRefunded: bought.total });
    });

    const order = await adminCall('GET', `/api/admin/orders/${bought.orderId}`);
    expect(order.body.refunds).toMatchObject([{ amount: bought.total, restocked: true }]);
    expect(await stockOf(ctx, bought.productId)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });
    // The same key again is recognised (it was recorded with the refund, whoever recorded it first).
    expect((await refund(bought.orderId, { idempotencyKey: 'race-refund-01', restock: true })).status).toBe(200);
    expect(await stripeRefundsOf(bought.orderId)).toEqual([bought.total]);
    expect(await stockOf(ctx, bought.productId)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });
    expect(await countMail(ctx, bought.shopper.email, 'order.refunded')).toBe(1);
  });

  it('when an admin cancels a paid order, then it ends cancelled, refunded in full and restocked', async () => {
    const bought = await paidOrder(3);

    await withWebhookFirst(bought.orderId, async () => {
      expect((await cancelOrder(bought.orderId)).body).toMatchObject({
        status: 'cancelled',
        amountRefunded: bought.total,
      });
    });

    expect(await stockOf(ctx, bought.productId)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });
    expect(await stripeRefundsOf(bought.orderId)).toEqual([bought.total]);
  });
});

describe('fulfilment statuses', () => {
  it('when an admin ships then delivers, then each step is in the timeline, the shopper is emailed and notified once it ships', async () => {
    const bought = await paidOrder(1);

    const shipped = await setStatus(bought.orderId, 'shipped');
    const delivered = await setStatus(bought.orderId, 'delivered');

    expect(shipped.body).toMatchObject({
      status: 'shipped',
      allowedTransitions: ['delivered', 'refunded', 'partially_refunded'],
    });
    expect(delivered.body.status).toBe('delivered');
    expect(delivered.body.timeline.map((entry: { status: string | null }) => entry.status)).toEqual(
      expect.arrayContaining(['pending_payment', 'paid', 'shipped', 'delivered']),
    );
    expect(await countMail(ctx, bought.shopper.email, 'order.shipped')).toBe(1);
    const notifications = await request(ctx.url, 'GET', '/api/notifications', { token: bought.shopper.accessToken });
    expect(notifications.body.items.map((entry: { type: string }) => entry.type).sort()).toEqual([
      'order.paid',
      'order.shipped',
    ]);
    expect(await auditActions(bought.orderId)).toEqual(['order.delivered', 'order.shipped']);
  });

  it('when a transition is not in the table, then 409 INVALID_TRANSITION and the order is unchanged', async () => {
    const paid = await paidOrder(1);
    const pending = await pendingOrder(1);

    const deliverPaid = await setStatus(paid.orderId, 'delivered');
    const shipPending = await setStatus(pending.orderId, 'shipped');
    const refundPending = await refund(pending.orderId, { idempotencyKey: 'pending-refund-1' });
    await setStatus(paid.orderId, 'shipped');
    const cancelShipped = await cancelOrder(paid.orderId);
    const shipAgain = await setStatus(paid.orderId, 'shipped');

    for (const answer of [deliverPaid, shipPending, refundPending, cancelShipped, shipAgain])
      expect(answer).toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    expect((await adminCall('GET', `/api/admin/orders/${paid.orderId}`)).body.status).toBe('shipped');
    expect((await adminCall('GET', `/api/admin/orders/${pending.orderId}`)).body.status).toBe('pending_payment');
  });
});

describe('admin cancel', () => {
  it('when an admin cancels an unpaid order, then it is cancelled, its page closed and its stock and coupon released', async () => {
    await createCoupon(ctx, admin.accessToken, { code: 'ADMINCANCEL', type: 'fixed', value: 100, usageLimit: 2 });
    const pending = await pendingOrder(2, 'ADMINCANCEL');

    const cancelled = await cancelOrder(pending.orderId, 'Suspected fraud');

    expect(cancelled.body).toMatchObject({ status: 'cancelled', checkoutUrl: null });
    await expect
      .poll(() => couponCounters(ctx, 'ADMINCANCEL'))
      .toEqual({ remaining: 2, reservedCount: 0, redeemedCount: 0 });
    expect(await stockOf(ctx, pending.productId)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });
    expect((await ctx.app.stripe.checkout.sessions.retrieve(cancelled.body.payment.checkoutSessionId)).status).toBe(
      'expired',
    );
    expect(await auditActions(pending.orderId)).toEqual(['order.cancel']);
  });

  it('when the shopper has just paid but no webhook has come yet, then the admin cannot cancel it as unpaid (409) and it is paid', async () => {
    const pending = await pendingOrder(1);
    await fetch(`${ctx.sandbox.url}/_sandbox/webhooks/hold`, { method: 'POST' });
    try {
      await payHostedCheckout(pending.url);

      const attempt = await cancelOrder(pending.orderId);

      expect(attempt).toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
      expect((await adminCall('GET', `/api/admin/orders/${pending.orderId}`)).body.status).toBe('paid');
      expect(await stockOf(ctx, pending.productId)).toEqual({ stock: 9, reserved: 0, sold: 1, holds: 0 });
    } finally {
      await fetch(`${ctx.sandbox.url}/_sandbox/webhooks/release`, { method: 'POST' });
    }
  });

  it('when an admin cancels a paid order, then it is refunded in full and every unit restocked', async () => {
    const bought = await paidOrder(2);

    const cancelled = await cancelOrder(bought.orderId, 'Out of stock at the warehouse');

    expect(cancelled.body).toMatchObject({ status: 'cancelled', amountRefunded: bought.total });
    expect(cancelled.body.refunds).toMatchObject([{ amount: bought.total, restocked: true }]);
    await waitForDeliveriesSettled(ctx);
    expect(await stripeRefundsOf(bought.orderId)).toEqual([bought.total]);
    expect(await stockOf(ctx, bought.productId)).toEqual({ stock: 10, reserved: 0, sold: 0, holds: 0 });
    expect(await countMail(ctx, bought.shopper.email, 'order.refunded')).toBe(1);
    expect((await auditActions(bought.orderId)).sort()).toEqual(['order.cancel', 'order.refund']);
    await expectStockConserved(ctx, [{ id: bought.productId, initial: bought.initial }]);
  });
});

describe('the admin order list', () => {
  it('when an admin filters by status, date, number, email or customer, then only matching orders are listed', async () => {
    const paid = await paidOrder(1);
    const pending = await pendingOrder(1);
    const list = async (query: string) => {
      const answer = await adminCall('GET', `/api/admin/orders?pageSize=100&${query}`);
      expect(answer.status).toBe(200);
      return (answer.body.items as { id: string }[]).map((item) => item.id);
    };
    const past = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const future = new Date(Date.now() + 60 * 60 * 1000).toISOString();

    expect(await list('status=paid')).toContain(paid.orderId);
    expect(await list('status=paid')).not.toContain(pending.orderId);
    expect(await list('status=pending_payment')).toContain(pending.orderId);
    expect(await list(`from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`)).toEqual(
      expect.arrayContaining([paid.orderId, pending.orderId]),
    );
    expect(await list(`from=${encodeURIComponent(future)}`)).toEqual([]);
    expect(await list(`q=${paid.number}`)).toEqual([paid.orderId]);
    expect(await list(`q=${paid.number.replace('-', '').toLowerCase()}`)).toEqual([paid.orderId]);
    // Emails are sealed: the whole address finds (through its blind index, any case), a fragment does not.
    expect(await list(`q=${encodeURIComponent(pending.shopper.email.toUpperCase())}`)).toEqual([pending.orderId]);
    expect(await list(`q=${encodeURIComponent(pending.shopper.email.slice(6, 30))}`)).toEqual([]);
    expect(await list(`customerId=${paid.shopper.userId}`)).toEqual([paid.orderId]);
    const paged = await adminCall('GET', '/api/admin/orders?pageSize=1&page=2');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.pageInfo).toMatchObject({ page: 2, pageSize: 1 });
    expect(paged.body.pageInfo.total).toBeGreaterThanOrEqual(2);
  });

  it('when a shopper calls the admin order endpoints, then 403 and nothing changes', async () => {
    const bought = await paidOrder(1);

    const answers = await Promise.all([
      request(ctx.url, 'GET', '/api/admin/orders', { token: bought.shopper.accessToken }),
      request(ctx.url, 'POST', `/api/admin/orders/${bought.orderId}/refunds`, {
        token: bought.shopper.accessToken,
        body: { idempotencyKey: 'shopper-refund-1' },
      }),
      request(ctx.url, 'POST', `/api/admin/orders/${bought.orderId}/status`, {
        token: bought.shopper.accessToken,
        body: { status: 'shipped' },
      }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403]);
    expect((await adminCall('GET', `/api/admin/orders/${bought.orderId}`)).body).toMatchObject({
      status: 'paid',
      amountRefunded: 0,
    });
  });
});
