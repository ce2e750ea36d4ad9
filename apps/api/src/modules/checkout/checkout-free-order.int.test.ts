import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
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
  sessionIdOf,
  startCheckout,
  stockOf,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  // Shipping is free in this shop, so a 100% code makes the whole order free.
  ctx = await startTestApp({ SHIPPING_FLAT_RATE: '0' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

describe('an order that costs nothing', () => {
  it('when a 100% code makes the total 0 and the shopper completes the page without a card, then the order is paid and its stock sold', async () => {
    const [shopper] = await quickShoppers(ctx, 1);
    if (!shopper) throw new Error('no shopper');
    const product = await createProduct(ctx, admin.accessToken, { name: 'Free Sample Tea', price: 3000, stock: 3 });
    await createCoupon(ctx, admin.accessToken, { code: 'ALLFREE', type: 'percent', value: 100, usageLimit: 5 });
    await addToCart(ctx, shopper, product.id, 1);
    await applyCoupon(ctx, shopper, 'ALLFREE');
    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const session = await ctx.app.stripe.checkout.sessions.retrieve(sessionIdOf(started.body.checkoutUrl));
    expect(session.amount_total).toBe(0);

    const completed = await payHostedCheckout(started.body.checkoutUrl);

    expect(completed.status).toBe('redirected');
    expect((await ctx.app.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('no_payment_required');
    const order = await waitForFulfilment(ctx, shopper, started.body.orderId);
    expect(order).toMatchObject({ status: 'paid', total: 0, discount: 3000 });
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 0, sold: 1, holds: 0 });
    expect(await couponCounters(ctx, 'ALLFREE')).toEqual({ remaining: 4, reservedCount: 0, redeemedCount: 1 });
    expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(1);
    await expectStockConserved(ctx, [{ id: product.id, initial: 3 }]);
  });

  it('when an admin cancels a paid order that cost nothing, then it is cancelled and restocked with nothing refunded', async () => {
    const [shopper] = await quickShoppers(ctx, 1);
    if (!shopper) throw new Error('no shopper');
    const product = await createProduct(ctx, admin.accessToken, { name: 'Free Sample Jam', price: 1500, stock: 4 });
    await createCoupon(ctx, admin.accessToken, { code: 'JAMFREE', type: 'percent', value: 100, usageLimit: 5 });
    await addToCart(ctx, shopper, product.id, 2);
    await applyCoupon(ctx, shopper, 'JAMFREE');
    const started = await startCheckout(ctx, shopper);
    expect((await payHostedCheckout(started.body.checkoutUrl)).status).toBe('redirected');
    await waitForFulfilment(ctx, shopper, started.body.orderId);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 2, reserved: 0, sold: 2, holds: 0 });

    const cancelled = await request(ctx.url, 'POST', `/api/admin/orders/${started.body.orderId}/cancel`, {
      token: admin.accessToken,
      body: { reason: 'Sample run ended' },
    });

    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', total: 0, amountRefunded: 0, refunds: [] });
    expect(cancelled.body.timeline.at(-1)).toMatchObject({
      status: 'cancelled',
      note: `Cancelled by staff: Sample run ended (nothing was charged; restocked) (${admin.email})`,
    });
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 4, reserved: 0, sold: 0, holds: 0 });
    expect((await ctx.app.stripe.refunds.list({ limit: 100 })).data).toEqual([]);
    expect(await countMail(ctx, shopper.email, 'order.refunded')).toBe(0);
    const audit = await request(ctx.url, 'GET', `/api/admin/audit?entityType=order&entityId=${started.body.orderId}`, {
      token: admin.accessToken,
    });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['order.cancel']);
    const again = await request(ctx.url, 'POST', `/api/admin/orders/${started.body.orderId}/cancel`, {
      token: admin.accessToken,
      body: { reason: 'Twice' },
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    await expectStockConserved(ctx, [{ id: product.id, initial: 4 }]);
  });
});
