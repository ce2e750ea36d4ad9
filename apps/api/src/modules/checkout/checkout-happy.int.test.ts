import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { countMail, latestMail } from '../../test-support/mail.test-support.js';
import {
  ADDRESS,
  addToCart,
  sandboxControl,
  sessionIdOf,
  startCheckout,
  stockOf,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp({
    SHIPPING_FLAT_RATE: '500',
    FREE_SHIPPING_THRESHOLD: '100000',
    LOYALTY_THRESHOLD: '10000',
  });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

describe('checkout happy path', () => {
  it('when a shopper pays on the hosted page, then the order is paid once, stock sold, coupon redeemed, cart cleared, email and notification sent', async () => {
    const shopper = await signedInUser(ctx);
    const kettle = await createProduct(ctx, admin.accessToken, { name: 'Checkout Kettle', price: 4999, stock: 5 });
    const cups = await createProduct(ctx, admin.accessToken, { name: 'Checkout Cups', price: 1250, stock: 10 });
    await request(ctx.url, 'POST', '/api/admin/coupons', {
      token: admin.accessToken,
      body: { code: 'TENOFF', type: 'percent', value: 10, usageLimit: 5 },
    });
    await addToCart(ctx, shopper, kettle.id, 1);
    await addToCart(ctx, shopper, cups.id, 4);
    await request(ctx.url, 'POST', '/api/cart/coupon', { token: shopper.accessToken, body: { code: 'TENOFF' } });

    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.orderNumber).toMatch(/^M-\d{6}$/);
    expect(await stockOf(ctx, kettle.id)).toEqual({ stock: 4, reserved: 1, sold: 0, holds: 1 });

    const session = await ctx.app.stripe.checkout.sessions.retrieve(
      new URL(started.body.checkoutUrl).pathname.split('/').pop() ?? '',
    );
    // 4999 + 5000 = 9999; 10% = 1000 (half up); shipping 500 → 9499
    expect(session.amount_total).toBe(9499);
    expect(session.client_reference_id).toBe(started.body.orderId);

    const paid = await payHostedCheckout(started.body.checkoutUrl, { card: '4242 4242 4242 4242' });
    expect(paid.status).toBe('redirected');
    expect(paid.location).toContain(`${ctx.url}/checkout/success?session_id=cs_`);

    const order = await waitForFulfilment(ctx, shopper, started.body.orderId);
    expect(order).toMatchObject({
      subtotal: 9999,
      discount: 1000,
      shipping: 500,
      total: 9499,
      couponCode: 'TENOFF',
      shippingAddress: ADDRESS,
    });
    expect(
      order.lines.map((line: { discount: number }) => line.discount).reduce((a: number, b: number) => a + b, 0),
    ).toBe(1000);
    expect(await stockOf(ctx, kettle.id)).toEqual({ stock: 4, reserved: 0, sold: 1, holds: 0 });
    expect(await stockOf(ctx, cups.id)).toEqual({ stock: 6, reserved: 0, sold: 4, holds: 0 });

    const coupon = await ctx.db.collection('coupons').findOne({ code: 'TENOFF' });
    expect(coupon).toMatchObject({ redeemedCount: 1, reservedCount: 0, remaining: 4 });
    expect((await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken })).body.lines).toEqual([]);

    const mail = await latestMail(ctx, shopper.email, 'order.confirmation');
    expect(mail?.text).toContain(order.number);
    expect(mail?.text).toContain('Checkout Kettle');
    expect(mail?.html).toContain('Analytical Street');
    expect(await countMail(ctx, shopper.email, 'coupon.loyalty')).toBe(0);
    const notifications = await request(ctx.url, 'GET', '/api/notifications', { token: shopper.accessToken });
    expect(notifications.body).toMatchObject({ unreadCount: 1, items: [{ type: 'order.paid' }] });

    const confirm = await request(ctx.url, 'POST', '/api/checkout/confirm', {
      token: shopper.accessToken,
      body: { sessionId: session.id },
    });
    expect(confirm.body.status).toBe('paid');
    expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(1);

    const stored = await ctx.db.collection('orders').findOne({ number: order.number });
    expect(JSON.stringify(stored)).not.toContain('Analytical Street');
    expect(JSON.stringify(stored)).not.toContain(shopper.email);
    expect(stored?.customer).toMatch(/^v1\./);
    expect(stored?.shippingAddress).toMatch(/^v1\./);
  });
});

describe('the Stripe Checkout Session', () => {
  const HALF_HOUR = 30 * 60;

  it('when checkout starts, then the session names the order, charges its total, closes 30 minutes after it is created, and the order expires with it', async () => {
    const shopper = await signedInUser(ctx);
    const lamp = await createProduct(ctx, admin.accessToken, { name: 'Session Lamp', price: 2750, stock: 5 });
    await addToCart(ctx, shopper, lamp.id, 2);
    const from = Math.floor(Date.now() / 1000);

    const started = await startCheckout(ctx, shopper);

    const to = Math.ceil(Date.now() / 1000);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const orderId = started.body.orderId as string;
    const session = await ctx.app.stripe.checkout.sessions.retrieve(sessionIdOf(started.body.checkoutUrl));
    const order = await ctx.db.collection('orders').findOne({ _id: new ObjectId(orderId) });
    expect(session.metadata).toEqual({ orderId, orderNumber: started.body.orderNumber });
    expect(session.client_reference_id).toBe(orderId);
    expect(session.amount_total).toBe(order?.total);
    expect(session.amount_total).toBe(2 * 2750 + 500);
    expect(session.currency).toBe('usd');
    // 30 minutes from now plus a small margin for the trip to Stripe and clock skew.
    expect(session.expires_at).toBeGreaterThanOrEqual(from + HALF_HOUR);
    expect(session.expires_at).toBeLessThanOrEqual(to + HALF_HOUR + 90);
    expect((order?.expiresAt as Date).getTime()).toBe(session.expires_at * 1000);

    const again = await startCheckout(ctx, shopper);
    expect(again.body).toEqual(started.body);
  });

  it('when the session was created, then it was under an idempotency key derived from the order (Stripe refuses that key for any other request)', async () => {
    const shopper = await signedInUser(ctx);
    const lamp = await createProduct(ctx, admin.accessToken, { name: 'Keyed Lamp', price: 1900, stock: 5 });
    await addToCart(ctx, shopper, lamp.id, 1);
    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const probe = {
      mode: 'payment' as const,
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 999, product_data: { name: 'Probe' } } }],
      success_url: 'https://example.com/done',
    };

    const reused = ctx.app.stripe.checkout.sessions.create(probe, {
      idempotencyKey: `checkout-session:${started.body.orderId}`,
    });
    await expect(reused).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    // The same request under a key no order has used goes through: the refusal above is about the key alone.
    const fresh = await ctx.app.stripe.checkout.sessions.create(probe, {
      idempotencyKey: `checkout-session:${new ObjectId().toHexString()}`,
    });
    expect(fresh.amount_total).toBe(999);
  });

  it('when holding the stock takes a while (Stripe 45 s further on by the time the session is made), then Stripe still accepts the expiry', async () => {
    const shopper = await signedInUser(ctx);
    const lamp = await createProduct(ctx, admin.accessToken, { name: 'Slow Lamp', price: 2100, stock: 5 });
    await addToCart(ctx, shopper, lamp.id, 1);
    const holds = ctx.app.commerce.holds;
    const holdAll = holds.holdAll;
    holds.holdAll = async (...args) => {
      const held = await holdAll(...args);
      await sandboxControl(ctx, '/clock/advance', { seconds: 45 });
      return held;
    };
    let started: Awaited<ReturnType<typeof startCheckout>> | undefined;
    try {
      started = await startCheckout(ctx, shopper);
    } finally {
      holds.holdAll = holdAll;
    }

    expect(started?.status, JSON.stringify(started?.body)).toBe(201);
    const session = await ctx.app.stripe.checkout.sessions.retrieve(sessionIdOf(started?.body.checkoutUrl));
    expect(session.expires_at - session.created).toBeGreaterThanOrEqual(HALF_HOUR);
    expect(session.status).toBe('open');
  });
});
