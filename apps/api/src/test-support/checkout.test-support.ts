import { expect } from 'vitest';
import { request, type TestApp } from './harness.test-support.js';
import type { SignedIn } from './auth.test-support.js';

export const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 Analytical Street',
  line2: 'Flat 3',
  city: 'London',
  postalCode: 'NW1 6XE',
  country: 'GB',
  phone: '+44 20 7946 0000',
};

/** Reads the cart (as the checkout page shows it) and starts checkout with its fingerprint. */
export async function startCheckout(ctx: TestApp, shopper: SignedIn, address: Record<string, unknown> = ADDRESS) {
  const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
  return request(ctx.url, 'POST', '/api/checkout', {
    token: shopper.accessToken,
    body: { shippingAddress: address, cartFingerprint: cart.body.fingerprint },
  });
}

export async function addToCart(ctx: TestApp, shopper: SignedIn, productId: string, quantity = 1) {
  const response = await request(ctx.url, 'POST', '/api/cart/items', {
    token: shopper.accessToken,
    body: { productId, quantity },
  });
  if (response.status !== 200) throw new Error(`add to cart: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

export async function orderOf(ctx: TestApp, shopper: SignedIn, orderId: string) {
  return (await request(ctx.url, 'GET', `/api/orders/${orderId}`, { token: shopper.accessToken })).body;
}

/** Waits until the order reaches `status` (webhooks arrive asynchronously). */
export async function waitForStatus(
  ctx: TestApp,
  shopper: SignedIn,
  orderId: string,
  status: string,
  timeout = 15_000,
) {
  await expect.poll(async () => (await orderOf(ctx, shopper, orderId)).status, { timeout, interval: 100 }).toBe(status);
  return orderOf(ctx, shopper, orderId);
}

/** Waits until the order is paid and every payment side effect (the last is the notification) has run. */
export async function waitForFulfilment(ctx: TestApp, shopper: SignedIn, orderId: string, timeout = 15_000) {
  await waitForStatus(ctx, shopper, orderId, 'paid', timeout);
  const { ObjectId } = await import('mongodb');
  await expect
    .poll(
      async () => (await ctx.db.collection('orders').findOne({ _id: new ObjectId(orderId) }))?.effects?.notification,
      { timeout, interval: 100 },
    )
    .toBe(true);
  return orderOf(ctx, shopper, orderId);
}

/** stock + reserved + sold of a product, straight from the database. */
export async function stockOf(ctx: TestApp, productId: string) {
  const { ObjectId } = await import('mongodb');
  const product = await ctx.db.collection('products').findOne({ _id: new ObjectId(productId) });
  return {
    stock: product?.stock as number,
    reserved: product?.reserved as number,
    sold: product?.sold as number,
    holds: (product?.holds as unknown[] | undefined)?.length ?? 0,
  };
}

export async function sandboxControl(ctx: TestApp, path: string, body: unknown = {}) {
  const response = await fetch(`${ctx.sandbox.url}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox control ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
}
