import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
  sandboxDeliveries,
  sessionIdOf,
  startCheckout,
  stockOf,
  waitForDeliveriesSettled,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { mailRepoOf } from '../../test-support/mail.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp({ SHIPPING_FLAT_RATE: '500', FREE_SHIPPING_THRESHOLD: '100000' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());
// Every test leaves deliveries flowing, whatever it held.
beforeEach(async () => {
  await sandboxControl(ctx, '/webhooks/release');
});

interface Scenario {
  shopper: SignedIn;
  productId: string;
  orderId: string;
  url: string;
  sessionId: string;
  coupon: string;
}

/** A shopper with 2 units of a fresh product (stock 5) and a single-use-per-shopper coupon, at the payment page. */
async function openCheckout(): Promise<Scenario> {
  const [shopper] = await quickShoppers(ctx, 1);
  if (!shopper) throw new Error('no shopper');
  const suffix = new ObjectId().toHexString().slice(-8).toUpperCase();
  const product = await createProduct(ctx, admin.accessToken, { name: `Hook Mug ${suffix}`, price: 1800, stock: 5 });
  const coupon = await createCoupon(ctx, admin.accessToken, {
    code: `HOOK${suffix}`,
    type: 'fixed',
    value: 300,
    usageLimit: 10,
  });
  await addToCart(ctx, shopper, product.id, 2);
  await applyCoupon(ctx, shopper, coupon.code);
  const started = await startCheckout(ctx, shopper);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
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

/** Exactly one paid order, one confirmation, two units sold once, the coupon redeemed once, nothing left held. */
async function expectPaidExactlyOnce(scenario: Scenario) {
  const order = await waitForFulfilment(ctx, scenario.shopper, scenario.orderId);
  await waitForDeliveriesSettled(ctx);
  const orders = await ctx.db
    .collection('orders')
    .find({ userId: new ObjectId(scenario.shopper.userId) })
    .toArray();
  expect(orders.map((entry) => entry.status)).toEqual(['paid']);
  expect(orders[0]?.timeline.filter((entry: { status: string | null }) => entry.status === 'paid')).toHaveLength(1);
  expect(order.total).toBe(1800 * 2 - 300 + 500);
  expect(await countMail(ctx, scenario.shopper.email, 'order.confirmation')).toBe(1);
  expect(
    await ctx.db.collection('notifications').countDocuments({ userId: new ObjectId(scenario.shopper.userId) }),
  ).toBe(1);
  expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 3, reserved: 0, sold: 2, holds: 0 });
  expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 9, reservedCount: 0, redeemedCount: 1 });
  await expectStockConserved(ctx, [{ id: scenario.productId, initial: 5 }]);
  return order;
}

async function eventFor(type: string, sessionId: string): Promise<Stripe.Event> {
  const events = await ctx.app.stripe.events.list({ type, limit: 100 });
  const event = events.data.find((entry) => (entry.data.object as { id?: string }).id === sessionId);
  if (!event) throw new Error(`no ${type} event for ${sessionId}`);
  return event;
}

/** Posts an event to the app's webhook as Stripe would, with the signature header given (or a valid one). */
function postWebhook(payload: string, signature?: string | null) {
  const header =
    signature === undefined
      ? ctx.app.stripe.webhooks.generateTestHeaderString({ payload, secret: ctx.webhookSecret })
      : signature;
  return request(ctx.url, 'POST', '/api/webhooks/stripe', {
    rawBody: payload,
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'stripe-signature': header }) },
  });
}

describe('duplicate and out-of-order webhooks', () => {
  it('when checkout.session.completed is delivered 5 more times, then the order is paid once with every effect once', async () => {
    const scenario = await openCheckout();
    await payHostedCheckout(scenario.url);
    await waitForFulfilment(ctx, scenario.shopper, scenario.orderId);
    const completed = await eventFor('checkout.session.completed', scenario.sessionId);

    await sandboxControl(ctx, `/events/${completed.id}/redeliver`, { times: 5 });

    await waitForDeliveriesSettled(ctx);
    const copies = (await sandboxDeliveries(ctx)).filter((entry) => entry.eventId === completed.id);
    expect(copies).toHaveLength(6);
    expect(copies.every((entry) => entry.state === 'delivered')).toBe(true);
    expect(await ctx.db.collection('stripe_events').findOne({ _id: completed.id as never })).toMatchObject({
      deliveries: 6,
    });
    await expectPaidExactlyOnce(scenario);
  });

  it('when the same completed event arrives 5 times at once before any other, then all are acknowledged and it is paid once', async () => {
    const scenario = await openCheckout();
    await sandboxControl(ctx, '/webhooks/hold');
    await payHostedCheckout(scenario.url);
    const payload = JSON.stringify(await eventFor('checkout.session.completed', scenario.sessionId));

    const answers = await Promise.all(Array.from({ length: 5 }, () => postWebhook(payload)));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    await sandboxControl(ctx, '/webhooks/release');
    await expectPaidExactlyOnce(scenario);
  });

  it.each(['reverse', 'shuffle'] as const)(
    'when the payment events are released in %s order, then the order is paid once',
    async (order) => {
      const scenario = await openCheckout();
      await sandboxControl(ctx, '/webhooks/hold');
      // A declined attempt first, so a stale payment_failed is among the events that arrive late.
      expect((await payHostedCheckout(scenario.url, { card: '4000 0000 0000 0002' })).status).toBe('declined');
      expect((await payHostedCheckout(scenario.url)).status).toBe('redirected');

      const released = (await sandboxControl(ctx, '/webhooks/release', { order, seed: 7 })) as {
        released: { type: string }[];
      };

      expect(released.released.map((entry) => entry.type)).toEqual(
        expect.arrayContaining(['checkout.session.completed', 'payment_intent.payment_failed']),
      );
      await expectPaidExactlyOnce(scenario);
      const paid = await orderOf(ctx, scenario.shopper, scenario.orderId);
      expect(paid.status).toBe('paid');
      // A failure that arrives while the order awaits payment is noted; one that arrives after the payment is
      // acknowledged without telling the paid order's story backwards.
      const types = released.released.map((entry) => entry.type);
      const failedFirst = types.indexOf('payment_intent.payment_failed') < types.indexOf('checkout.session.completed');
      if (order === 'reverse') expect(failedFirst).toBe(false);
      const notes = paid.timeline.map((entry: { note: string }) => entry.note);
      const failureNote = 'Payment attempt failed (card_declined); the shopper can retry';
      if (failedFirst) expect(notes).toContain(failureNote);
      else expect(notes).not.toContain(failureNote);
    },
  );
});

describe('checkouts that end without payment', () => {
  it('when checkout.session.expired arrives (and arrives again 3 times), then the order is cancelled and stock and coupon are released once', async () => {
    const scenario = await openCheckout();

    await sandboxControl(ctx, `/checkout/sessions/${scenario.sessionId}/expire`);
    await expect
      .poll(async () => (await orderOf(ctx, scenario.shopper, scenario.orderId)).status, { timeout: 10_000 })
      .toBe('cancelled');
    const expired = await eventFor('checkout.session.expired', scenario.sessionId);
    await sandboxControl(ctx, `/events/${expired.id}/redeliver`, { times: 3 });
    await waitForDeliveriesSettled(ctx);

    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 5, reserved: 0, sold: 0, holds: 0 });
    expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 10, reservedCount: 0, redeemedCount: 0 });
    const order = await orderOf(ctx, scenario.shopper, scenario.orderId);
    expect(order.timeline.filter((entry: { status: string | null }) => entry.status === 'cancelled')).toHaveLength(1);
    await expectStockConserved(ctx, [{ id: scenario.productId, initial: 5 }]);
  });

  it('when an async payment fails, then payment_failed and released; a payment that still arrives later is refunded in full', async () => {
    const scenario = await openCheckout();
    const payload = JSON.stringify({
      id: `evt_test_async_failed_${new ObjectId().toHexString()}`,
      object: 'event',
      type: 'checkout.session.async_payment_failed',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: null,
      data: { object: { id: scenario.sessionId, object: 'checkout.session' } },
    });

    expect((await postWebhook(payload)).status).toBe(200);

    expect((await orderOf(ctx, scenario.shopper, scenario.orderId)).status).toBe('payment_failed');
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 5, reserved: 0, sold: 0, holds: 0 });
    expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 10, reservedCount: 0, redeemedCount: 0 });

    // The page was still open in the sandbox: the money that comes in anyway goes straight back.
    await payHostedCheckout(scenario.url);
    await expect
      .poll(
        async () => (await ctx.app.stripe.refunds.list({ limit: 100 })).data.map((refund) => refund.metadata?.orderId),
        {
          timeout: 10_000,
        },
      )
      .toContain(scenario.orderId);
    await waitForDeliveriesSettled(ctx);
    const order = await orderOf(ctx, scenario.shopper, scenario.orderId);
    expect(order.status).toBe('payment_failed');
    expect(order.timeline.map((entry: { note: string }) => entry.note)).toContain(
      'Payment arrived after the order was cancelled: refunded in full automatically',
    );
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 5, reserved: 0, sold: 0, holds: 0 });
    expect(await countMail(ctx, scenario.shopper.email, 'order.confirmation')).toBe(0);
  });
});

describe('webhook signatures', () => {
  it('when the signature is forged, made with another secret, too old or missing, then 400 WEBHOOK_SIGNATURE_INVALID and nothing changes', async () => {
    const scenario = await openCheckout();
    await sandboxControl(ctx, '/webhooks/hold');
    await payHostedCheckout(scenario.url);
    const completed = await eventFor('checkout.session.completed', scenario.sessionId);
    const payload = JSON.stringify(completed);
    const now = Math.floor(Date.now() / 1000);
    const stripe = ctx.app.stripe;

    const attempts = {
      forged: `t=${now},v1=${'ab'.repeat(32)}`,
      wrongSecret: stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_the_shops_secret' }),
      stale: stripe.webhooks.generateTestHeaderString({ payload, secret: ctx.webhookSecret, timestamp: now - 6 * 60 }),
      tamperedBody: stripe.webhooks.generateTestHeaderString({
        payload: payload.replace('"paid"', '"unpaid"'),
        secret: ctx.webhookSecret,
      }),
      missing: null,
    };
    for (const [label, header] of Object.entries(attempts)) {
      const answer = await postWebhook(payload, header);
      expect({ label, status: answer.status, code: answer.body.code }).toEqual({
        label,
        status: 400,
        code: 'WEBHOOK_SIGNATURE_INVALID',
      });
    }

    expect((await orderOf(ctx, scenario.shopper, scenario.orderId)).status).toBe('pending_payment');
    expect(await ctx.db.collection('stripe_events').countDocuments({ _id: completed.id as never })).toBe(0);
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 3, reserved: 2, sold: 0, holds: 1 });
    // The same bytes, correctly signed, are accepted: the rejections above were about the signature alone.
    expect((await postWebhook(payload)).status).toBe(200);
    await sandboxControl(ctx, '/webhooks/release');
    await expectPaidExactlyOnce(scenario);
  });
});

describe('the success page and the webhook', () => {
  const confirm = (shopper: SignedIn, sessionId: string) =>
    request(ctx.url, 'POST', '/api/checkout/confirm', { token: shopper.accessToken, body: { sessionId } });

  it('when the webhook arrives before the shopper is redirected, then confirm shows the paid order without doing anything twice', async () => {
    const scenario = await openCheckout();
    await payHostedCheckout(scenario.url);
    await waitForFulfilment(ctx, scenario.shopper, scenario.orderId);

    const confirmed = await confirm(scenario.shopper, scenario.sessionId);

    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: scenario.orderId, status: 'paid' });
    await expectPaidExactlyOnce(scenario);
  });

  it('when the shopper is redirected before any webhook, then confirm pays the order from Stripe and the late webhooks change nothing', async () => {
    const scenario = await openCheckout();
    await sandboxControl(ctx, '/webhooks/hold');
    await payHostedCheckout(scenario.url);

    const confirmed = await confirm(scenario.shopper, scenario.sessionId);

    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: scenario.orderId, status: 'paid' });
    expect(await countMail(ctx, scenario.shopper.email, 'order.confirmation')).toBe(1);
    await sandboxControl(ctx, '/webhooks/release', { order: 'shuffle', seed: 3 });
    await expectPaidExactlyOnce(scenario);
  });

  it('when confirm and the webhooks race each other, then the order is still paid exactly once', async () => {
    const scenario = await openCheckout();
    await sandboxControl(ctx, '/webhooks/hold');
    await payHostedCheckout(scenario.url);

    const [answers] = await Promise.all([
      Promise.all(Array.from({ length: 3 }, () => confirm(scenario.shopper, scenario.sessionId))),
      sandboxControl(ctx, '/webhooks/release'),
    ]);

    expect(answers.map((answer) => answer.body.status)).toEqual(['paid', 'paid', 'paid']);
    await expectPaidExactlyOnce(scenario);
  });

  it('when the session is not paid yet, then confirm leaves the order pending: it never trusts the redirect alone', async () => {
    const scenario = await openCheckout();

    const confirmed = await confirm(scenario.shopper, scenario.sessionId);

    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('pending_payment');
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 3, reserved: 2, sold: 0, holds: 1 });
    expect(await countMail(ctx, scenario.shopper.email, 'order.confirmation')).toBe(0);
  });

  it('when another user confirms the session, or the session id is made up, then 404 (400 if malformed) and nothing changes', async () => {
    const scenario = await openCheckout();
    await sandboxControl(ctx, '/webhooks/hold');
    await payHostedCheckout(scenario.url);
    const [stranger] = await quickShoppers(ctx, 1);
    if (!stranger) throw new Error('no stranger');

    const byStranger = await confirm(stranger, scenario.sessionId);
    const madeUp = await confirm(scenario.shopper, 'cs_test_madeUpSession1234567890');
    const malformed = await confirm(scenario.shopper, 'pi_123');

    expect(byStranger).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(madeUp).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await orderOf(ctx, scenario.shopper, scenario.orderId)).status).toBe('pending_payment');
    await sandboxControl(ctx, '/webhooks/release');
    await expectPaidExactlyOnce(scenario);
  });
});

describe('events for checkout sessions this shop does not know', () => {
  it('when a validly signed event names a session Stripe has no record of (pointing at a real order), then 200 and it is ignored: nothing changes', async () => {
    const scenario = await openCheckout();
    const eventId = `evt_test_unknown_${new ObjectId().toHexString()}`;
    const payload = JSON.stringify({
      id: eventId,
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: null,
      data: {
        object: {
          id: `cs_test_unknown${new ObjectId().toHexString()}`,
          object: 'checkout.session',
          status: 'complete',
          payment_status: 'paid',
          client_reference_id: scenario.orderId,
          metadata: { orderId: scenario.orderId },
        },
      },
    });

    const answer = await postWebhook(payload);

    expect(answer).toMatchObject({ status: 200, body: { received: true, outcome: 'ignored' } });
    expect(await ctx.db.collection('stripe_events').findOne({ _id: eventId as never })).toMatchObject({
      processedAt: expect.any(Date),
    });
    const order = await orderOf(ctx, scenario.shopper, scenario.orderId);
    expect(order).toMatchObject({ status: 'pending_payment', checkoutUrl: scenario.url });
    expect(await stockOf(ctx, scenario.productId)).toEqual({ stock: 3, reserved: 2, sold: 0, holds: 1 });
    expect(await couponCounters(ctx, scenario.coupon)).toEqual({ remaining: 9, reservedCount: 1, redeemedCount: 0 });
  });

  it('when a session of another integration on the account is paid and expired, then its events are acknowledged on the first delivery and no order appears', async () => {
    const ordersBefore = await ctx.db.collection('orders').countDocuments();
    const foreign = await ctx.app.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        { quantity: 1, price_data: { currency: 'usd', unit_amount: 4200, product_data: { name: 'Other' } } },
      ],
      success_url: 'https://other.example.com/thanks',
    });
    const abandoned = await ctx.app.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        { quantity: 1, price_data: { currency: 'usd', unit_amount: 1300, product_data: { name: 'Other' } } },
      ],
      success_url: 'https://other.example.com/thanks',
    });

    expect((await payHostedCheckout(foreign.url ?? '')).status).toBe('redirected');
    await ctx.app.stripe.checkout.sessions.expire(abandoned.id);

    await waitForDeliveriesSettled(ctx);
    const events = [
      await eventFor('checkout.session.completed', foreign.id),
      await eventFor('checkout.session.expired', abandoned.id),
    ];
    for (const event of events) {
      const deliveries = (await sandboxDeliveries(ctx)).filter((delivery) => delivery.eventId === event.id);
      expect(
        deliveries.map((delivery) => [delivery.state, delivery.attempts.map((attempt) => attempt.status)]),
      ).toEqual([['delivered', [200]]]);
    }
    expect(await ctx.db.collection('orders').countDocuments()).toBe(ordersBefore);
  });
});

describe('the loyalty code, through the webhook', () => {
  /** A shopper at the payment page for one product of 250.00, above the default 200.00 loyalty threshold. */
  async function bigCheckout() {
    const [shopper] = await quickShoppers(ctx, 1);
    if (!shopper) throw new Error('no shopper');
    // The thank-you code is promotional: its email goes only to shoppers who asked for offers.
    const consent = await request(ctx.url, 'PUT', '/api/account/marketing', {
      token: shopper.accessToken,
      body: { optedIn: true },
    });
    expect(consent.status).toBe(200);
    const product = await createProduct(ctx, admin.accessToken, {
      name: `Loyal Armchair ${new ObjectId().toHexString()}`,
      price: 25_000,
      stock: 3,
    });
    await addToCart(ctx, shopper, product.id, 1);
    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const url = started.body.checkoutUrl as string;
    return { shopper, orderId: started.body.orderId as string, url, sessionId: sessionIdOf(url) };
  }
  const loyaltyCoupons = (shopper: SignedIn) =>
    ctx.db
      .collection('coupons')
      .find({ ownerUserId: new ObjectId(shopper.userId), source: 'loyalty' })
      .toArray();

  it('when the process dies between issuing the code and emailing it, and the event then comes 5 more times, then the shopper gets exactly one code and one email', async () => {
    const big = await bigCheckout();
    const mailer = ctx.app.commerce.mailer;
    const send = mailer.send;
    // The crash: the code is written, the email that follows it never goes; Stripe retries the event.
    mailer.send = (message) =>
      message.tag === 'coupon.loyalty' ? Promise.reject(new Error('process died here')) : send(message);
    try {
      expect((await payHostedCheckout(big.url)).status).toBe('redirected');
      await expect.poll(async () => (await loyaltyCoupons(big.shopper)).length, { timeout: 10_000 }).toBe(1);
      await expect
        .poll(
          async () =>
            (await sandboxDeliveries(ctx)).some(
              (delivery) =>
                delivery.eventType === 'checkout.session.completed' &&
                delivery.attempts.some((attempt) => attempt.status === 500),
            ),
          { timeout: 10_000, interval: 20 },
        )
        .toBe(true);
    } finally {
      mailer.send = send;
    }

    const order = await waitForFulfilment(ctx, big.shopper, big.orderId);
    const completed = await eventFor('checkout.session.completed', big.sessionId);
    await sandboxControl(ctx, `/events/${completed.id}/redeliver`, { times: 5 });
    await waitForDeliveriesSettled(ctx);

    expect(order.total).toBe(25_000 + 500);
    const coupons = await loyaltyCoupons(big.shopper);
    expect(coupons).toHaveLength(1);
    expect(coupons[0]).toMatchObject({ sourceOrderId: new ObjectId(big.orderId), type: 'percent', value: 10 });
    const mails = (await mailRepoOf(ctx).listTo(big.shopper.email)).filter((mail) => mail.tag === 'coupon.loyalty');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(coupons[0]?.code);
    expect(await countMail(ctx, big.shopper.email, 'order.confirmation')).toBe(1);
  });

  it('when a big order is declined, left unpaid or abandoned, then no code is issued', async () => {
    const unpaid = await bigCheckout();
    const abandoned = await bigCheckout();

    expect((await payHostedCheckout(unpaid.url, { card: '4000 0000 0000 0002' })).status).toBe('declined');
    const cancelled = await request(ctx.url, 'POST', `/api/checkout/${abandoned.orderId}/cancel`, {
      token: abandoned.shopper.accessToken,
      body: {},
    });
    await waitForDeliveriesSettled(ctx);

    expect(cancelled.body.status).toBe('cancelled');
    expect((await orderOf(ctx, unpaid.shopper, unpaid.orderId)).status).toBe('pending_payment');
    for (const shopper of [unpaid.shopper, abandoned.shopper]) {
      expect(await loyaltyCoupons(shopper)).toEqual([]);
      expect(await countMail(ctx, shopper.email, 'coupon.loyalty')).toBe(0);
    }
  });
});
