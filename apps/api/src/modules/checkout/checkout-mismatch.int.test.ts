import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  addToCart,
  countMail,
  sandboxControl,
  sandboxDeliveries,
  sandboxEvents,
  sessionIdOf,
  startCheckout,
  stockOf,
  waitForDeliveriesSettled,
} from '../../test-support/checkout.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('a payment that does not match the order', () => {
  it('when the paid amount differs from the order total, then the order is held for review once, not paid, and the webhook is not retried forever', async () => {
    const admin = await signedInUser(ctx, { role: 'admin' });
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Mismatch Lamp', price: 3000, stock: 5 });
    await addToCart(ctx, shopper, product.id);
    const started = await startCheckout(ctx, shopper);
    const orderId = new ObjectId(started.body.orderId as string);
    // Simulates an order whose recorded total no longer matches what the payment page charged.
    await ctx.db.collection('orders').updateOne({ _id: orderId }, { $inc: { total: 1 } });

    expect((await payHostedCheckout(started.body.checkoutUrl)).status).toBe('redirected');
    await waitForDeliveriesSettled(ctx);
    const completed = (await sandboxEvents(ctx)).find((event) => event.type === 'checkout.session.completed');
    await sandboxControl(ctx, `/events/${completed?.id}/redeliver`, { times: 3 });
    await waitForDeliveriesSettled(ctx);

    const order = await ctx.db.collection('orders').findOne({ _id: orderId });
    expect(order?.status).toBe('pending_payment');
    expect(order?.needsReview).toMatch(/expected/);
    expect(order?.timeline.filter((entry: { note: string }) => /held for review/.test(entry.note))).toHaveLength(1);
    const completedDeliveries = (await sandboxDeliveries(ctx)).filter((delivery) => delivery.eventId === completed?.id);
    expect(completedDeliveries.every((delivery) => delivery.state === 'delivered')).toBe(true);
  });

  it('when the payment is in another currency than the order, then the order is held for review once, not paid, nothing is sold, and the webhook is not retried forever', async () => {
    const admin = await signedInUser(ctx, { role: 'admin' });
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Currency Lamp', price: 2500, stock: 5 });
    await addToCart(ctx, shopper, product.id);
    const started = await startCheckout(ctx, shopper);
    const orderId = new ObjectId(started.body.orderId as string);
    const sessionId = sessionIdOf(started.body.checkoutUrl);
    // Simulates an order recorded in another currency than its payment page charges (same amount).
    await ctx.db.collection('orders').updateOne({ _id: orderId }, { $set: { currency: 'EUR' } });

    expect((await payHostedCheckout(started.body.checkoutUrl)).status).toBe('redirected');
    await waitForDeliveriesSettled(ctx);
    const completed = (await sandboxEvents(ctx)).find(
      (event) => event.type === 'checkout.session.completed' && event.object_id === sessionId,
    );
    await sandboxControl(ctx, `/events/${completed?.id}/redeliver`, { times: 3 });
    await waitForDeliveriesSettled(ctx);

    const order = await ctx.db.collection('orders').findOne({ _id: orderId });
    expect(order?.status).toBe('pending_payment');
    expect(order?.needsReview).toBe(`paid ${order?.total} usd, expected ${order?.total} EUR`);
    expect(order?.timeline.filter((entry: { note: string }) => /held for review/.test(entry.note))).toHaveLength(1);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 4, reserved: 1, sold: 0, holds: 1 });
    expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(0);
    const completedDeliveries = (await sandboxDeliveries(ctx)).filter((delivery) => delivery.eventId === completed?.id);
    expect(completedDeliveries).toHaveLength(4);
    expect(completedDeliveries.every((delivery) => delivery.state === 'delivered')).toBe(true);
  });
});
