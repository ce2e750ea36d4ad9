import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  ADDRESS,
  addToCart,
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

    const mail = await ctx.db.collection('mail_messages').findOne({ to: shopper.email, tag: 'order.confirmation' });
    expect(mail?.text).toContain(order.number);
    expect(mail?.text).toContain('Checkout Kettle');
    expect(mail?.html).toContain('Analytical Street');
    expect(await ctx.db.collection('mail_messages').countDocuments({ to: shopper.email, tag: 'coupon.loyalty' })).toBe(
      0,
    );
    const notifications = await request(ctx.url, 'GET', '/api/notifications', { token: shopper.accessToken });
    expect(notifications.body).toMatchObject({ unreadCount: 1, items: [{ type: 'order.paid' }] });

    const confirm = await request(ctx.url, 'POST', '/api/checkout/confirm', {
      token: shopper.accessToken,
      body: { sessionId: session.id },
    });
    expect(confirm.body.status).toBe('paid');
    expect(
      await ctx.db.collection('mail_messages').countDocuments({ to: shopper.email, tag: 'order.confirmation' }),
    ).toBe(1);

    const stored = await ctx.db.collection('orders').findOne({ number: order.number });
    expect(JSON.stringify(stored)).not.toContain('Analytical Street');
    expect(stored?.shippingAddress).toMatch(/^v1\./);
  });
});
