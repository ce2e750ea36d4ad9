import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  ADDRESS,
  addToCart,
  applyCoupon,
  couponCounters,
  createCoupon,
  expectStockConserved,
  quickShoppers,
  stockOf,
  waitForDeliveriesSettled,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type ApiResponse, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

/** Runs `task` over `items` with at most `limit` in flight (arrange steps that are not the race itself). */
async function inBatches<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit)
    results.push(...(await Promise.all(items.slice(start, start + limit).map(task))));
  return results;
}

/** Each shopper has one unit in the cart (and the coupon, if any) and has seen the cart's fingerprint. */
async function buyersReady(count: number, productId: string, couponCode?: string) {
  const shoppers = await quickShoppers(ctx, count);
  return inBatches(shoppers, 20, async (shopper) => {
    await addToCart(ctx, shopper, productId, 1);
    if (couponCode) await applyCoupon(ctx, shopper, couponCode);
    const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
    return { shopper, fingerprint: cart.body.fingerprint as string };
  });
}

/** A 201 (orderId, checkoutUrl) or a problem document (code). */
type Started = { orderId: string; checkoutUrl: string; code?: string };

/** Every buyer presses Pay at the same moment. */
function race(buyers: { shopper: SignedIn; fingerprint: string }[]): Promise<ApiResponse<Started>[]> {
  return Promise.all(
    buyers.map(({ shopper, fingerprint }) =>
      request<Started>(ctx.url, 'POST', '/api/checkout', {
        token: shopper.accessToken,
        body: { shippingAddress: ADDRESS, cartFingerprint: fingerprint },
      }),
    ),
  );
}

/** Samples a product's counters until stopped, keeping the lowest values seen. */
function watchStock(productId: string) {
  let isWatching = true;
  const lowest = { stock: Infinity, reserved: Infinity };
  const watching = (async () => {
    while (isWatching) {
      const now = await stockOf(ctx, productId);
      lowest.stock = Math.min(lowest.stock, now.stock);
      lowest.reserved = Math.min(lowest.reserved, now.reserved);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return async () => {
    isWatching = false;
    await watching;
    return lowest;
  };
}

const tally = (answers: ApiResponse<Started>[]) =>
  answers.reduce<Record<string, number>>((counts, answer) => {
    const key = answer.status === 201 ? '201' : `${answer.status} ${String(answer.body.code)}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

async function payAll(buyers: { shopper: SignedIn }[], answers: ApiResponse<Started>[]) {
  const winners = answers.flatMap((answer, index) => {
    const buyer = buyers[index];
    return answer.status === 201 && buyer
      ? [{ shopper: buyer.shopper, orderId: answer.body.orderId, url: answer.body.checkoutUrl }]
      : [];
  });
  await Promise.all(winners.map((winner) => payHostedCheckout(winner.url)));
  await Promise.all(winners.map((winner) => waitForFulfilment(ctx, winner.shopper, winner.orderId, 30_000)));
  await waitForDeliveriesSettled(ctx, 30_000);
  return winners;
}

describe('racing for the last units', () => {
  it('when 100 buyers race for 10 units, then exactly 10 checkouts hold stock, 90 get INSUFFICIENT_STOCK, and paying gives 10 paid orders and stock 0', async () => {
    const product = await createProduct(ctx, admin.accessToken, {
      name: 'Limited Edition Print',
      price: 9900,
      stock: 10,
    });
    const buyers = await buyersReady(100, product.id);
    const stopWatching = watchStock(product.id);

    const answers = await race(buyers);

    const lowest = await stopWatching();
    expect(tally(answers)).toEqual({ '201': 10, '409 INSUFFICIENT_STOCK': 90 });
    expect(lowest.stock).toBeGreaterThanOrEqual(0);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 0, reserved: 10, sold: 0, holds: 10 });
    const pending = await ctx.db
      .collection('orders')
      .countDocuments({ 'lines.productId': new ObjectId(product.id), status: 'pending_payment' });
    expect(pending).toBe(10);

    const winners = await payAll(buyers, answers);

    expect(winners).toHaveLength(10);
    const statuses = await ctx.db
      .collection('orders')
      .distinct('status', { 'lines.productId': new ObjectId(product.id), status: { $ne: 'cancelled' } });
    expect(statuses).toEqual(['paid']);
    expect(
      await ctx.db.collection('orders').countDocuments({ 'lines.productId': new ObjectId(product.id), status: 'paid' }),
    ).toBe(10);
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 0, reserved: 0, sold: 10, holds: 0 });
    await expectStockConserved(ctx, [{ id: product.id, initial: 10 }]);
  });
});

describe('racing for the last coupon uses', () => {
  it('when 30 buyers race with a coupon limited to 3, then exactly 3 checkouts get it, 27 get COUPON_EXHAUSTED, and it is redeemed exactly 3 times', async () => {
    const product = await createProduct(ctx, admin.accessToken, {
      name: 'Coupon Race Teapot',
      price: 5000,
      stock: 100,
    });
    await createCoupon(ctx, admin.accessToken, { code: 'RACE3', type: 'percent', value: 20, usageLimit: 3 });
    const buyers = await buyersReady(30, product.id, 'RACE3');

    const answers = await race(buyers);

    expect(tally(answers)).toEqual({ '201': 3, '422 COUPON_EXHAUSTED': 27 });
    expect(await couponCounters(ctx, 'RACE3')).toEqual({ remaining: 0, reservedCount: 3, redeemedCount: 0 });
    // The losers' stock holds were undone with their checkouts.
    expect(await stockOf(ctx, product.id)).toEqual({ stock: 97, reserved: 3, sold: 0, holds: 3 });

    const winners = await payAll(buyers, answers);

    expect(winners).toHaveLength(3);
    expect(await couponCounters(ctx, 'RACE3')).toEqual({ remaining: 0, reservedCount: 0, redeemedCount: 3 });
    expect(await ctx.db.collection('coupon_reservations').countDocuments({ code: 'RACE3', status: 'redeemed' })).toBe(
      3,
    );
    const paid = await ctx.db.collection('orders').find({ 'coupon.code': 'RACE3', status: 'paid' }).toArray();
    expect(paid.map((order) => order.discount)).toEqual([1000, 1000, 1000]);
    await expectStockConserved(ctx, [{ id: product.id, initial: 100 }]);
  });
});
