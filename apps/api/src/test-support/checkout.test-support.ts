import { expect } from 'vitest';
import { request, type TestApp } from './harness.test-support.js';
import type { SignedIn } from './auth.test-support.js';

/** What these helpers need of a running shop: its URL and a database connection (an in-process app or a spawned one). */
export type Shop = Pick<TestApp, 'url' | 'db' | 'config'>;

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
export async function startCheckout(ctx: Shop, shopper: SignedIn, address: Record<string, unknown> = ADDRESS) {
  const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
  return request(ctx.url, 'POST', '/api/checkout', {
    token: shopper.accessToken,
    body: { shippingAddress: address, cartFingerprint: cart.body.fingerprint },
  });
}

export function addToCart(ctx: Shop, shopper: SignedIn, productId: string, quantity = 1) {
  return postCartItem(ctx, shopper, { productId, quantity });
}

/** Adds units of one variant (a size, a colour): what the storefront sends once options are chosen. */
export function addVariantToCart(ctx: Shop, shopper: SignedIn, productId: string, variantId: string, quantity = 1) {
  return postCartItem(ctx, shopper, { productId, variantId, quantity });
}

async function postCartItem(ctx: Shop, shopper: SignedIn, body: Record<string, unknown>) {
  const response = await request(ctx.url, 'POST', '/api/cart/items', { token: shopper.accessToken, body });
  if (response.status !== 200) throw new Error(`add to cart: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

export async function orderOf(ctx: Shop, shopper: SignedIn, orderId: string) {
  return (await request(ctx.url, 'GET', `/api/orders/${orderId}`, { token: shopper.accessToken })).body;
}

/** Waits until the order reaches `status` (webhooks arrive asynchronously). */
export async function waitForStatus(ctx: Shop, shopper: SignedIn, orderId: string, status: string, timeout = 15_000) {
  await expect.poll(async () => (await orderOf(ctx, shopper, orderId)).status, { timeout, interval: 100 }).toBe(status);
  return orderOf(ctx, shopper, orderId);
}

/** Waits until the order is paid and every payment side effect (the last is the notification) has run. */
export async function waitForFulfilment(ctx: Shop, shopper: SignedIn, orderId: string, timeout = 15_000) {
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
export async function stockOf(ctx: Shop, productId: string) {
  const { ObjectId } = await import('mongodb');
  const product = await ctx.db.collection('products').findOne({ _id: new ObjectId(productId) });
  return {
    stock: product?.stock as number,
    reserved: product?.reserved as number,
    sold: product?.sold as number,
    holds: (product?.holds as unknown[] | undefined)?.length ?? 0,
  };
}

export async function sandboxControl(ctx: Pick<TestApp, 'sandbox'>, path: string, body: unknown = {}) {
  const response = await fetch(`${ctx.sandbox.url}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox control ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
}

/** The Checkout Session id at the end of a hosted-page URL (`…/c/pay/cs_test_…`). */
export function sessionIdOf(checkoutUrl: string): string {
  const id = new URL(checkoutUrl).pathname.split('/').pop();
  if (!id?.startsWith('cs_')) throw new Error(`no session id in ${checkoutUrl}`);
  return id;
}

/**
 * The conservation law behind "never oversell": for every product, the units it started with are exactly split
 * between the shelf, the holds of open checkouts and the sold ones; none negative and, once nothing is open, no hold left.
 */
export async function expectStockConserved(
  ctx: Shop,
  products: { id: string; initial: number }[],
  options: { openHolds?: number } = {},
) {
  for (const product of products) {
    const now = await stockOf(ctx, product.id);
    expect(now.stock + now.reserved + now.sold, `units of ${product.id}: ${JSON.stringify(now)}`).toBe(product.initial);
    expect(Math.min(now.stock, now.reserved, now.sold)).toBeGreaterThanOrEqual(0);
    expect(now.holds).toBe(options.openHolds ?? 0);
    if ((options.openHolds ?? 0) === 0) expect(now.reserved).toBe(0);
  }
}

export async function createCoupon(ctx: Shop, adminToken: string, body: Record<string, unknown>) {
  const response = await request(ctx.url, 'POST', '/api/admin/coupons', { token: adminToken, body });
  if (response.status !== 201) throw new Error(`coupon: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; code: string };
}

export async function applyCoupon(ctx: Shop, shopper: SignedIn, code: string) {
  const response = await request(ctx.url, 'POST', '/api/cart/coupon', { token: shopper.accessToken, body: { code } });
  if (response.status !== 200) throw new Error(`apply coupon: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** Counters of a coupon straight from the database. */
export async function couponCounters(ctx: Shop, code: string) {
  const coupon = await ctx.db.collection('coupons').findOne({ code });
  return {
    remaining: coupon?.remaining as number | null,
    reservedCount: coupon?.reservedCount as number,
    redeemedCount: coupon?.redeemedCount as number,
  };
}

export { countMail } from './mail.test-support.js';

/**
 * Signed-in shoppers made straight in the database: a user, a live session and an access token signed with the
 * app's secret. Logging in a hundred users would spend most of a test on bcrypt and the login rate limit, which
 * are not what concurrency tests are about.
 */
export async function quickShoppers(
  ctx: Pick<TestApp, 'db'> & { config: Pick<TestApp['config'], 'JWT_SECRET' | 'ACCESS_TOKEN_TTL_SECONDS'> },
  count: number,
  role: 'customer' | 'admin' = 'customer',
): Promise<SignedIn[]> {
  const { ObjectId } = await import('mongodb');
  const { createAccessTokens } = await import('../modules/auth/access-token.js');
  const tokens = createAccessTokens(ctx.config.JWT_SECRET, ctx.config.ACCESS_TOKEN_TTL_SECONDS);
  const now = new Date();
  const shoppers = Array.from({ length: count }, () => {
    const userId = new ObjectId();
    const sessionId = new ObjectId();
    return { userId, sessionId, email: `buyer-${userId.toHexString()}@example.com` };
  });
  await ctx.db.collection('users').insertMany(
    shoppers.map((shopper) => ({
      _id: shopper.userId,
      email: shopper.email,
      name: 'Racing Buyer',
      // Never used to sign in: these shoppers get their token directly.
      passwordHash: '$2b$12$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva',
      role,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      verifiedAt: now,
    })),
  );
  await ctx.db.collection('sessions').insertMany(
    shoppers.map((shopper) => ({
      _id: shopper.sessionId,
      userId: shopper.userId,
      tokenHash: `unused-${shopper.sessionId.toHexString()}`,
      usedTokenHashes: [],
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000),
      userAgent: 'vitest',
      ip: '127.0.0.1',
    })),
  );
  return Promise.all(
    shoppers.map(async (shopper) => ({
      accessToken: await tokens.sign({
        userId: shopper.userId.toHexString(),
        role,
        sessionId: shopper.sessionId.toHexString(),
      }),
      refreshCookie: '',
      userId: shopper.userId.toHexString(),
      email: shopper.email,
      password: '',
    })),
  );
}

export interface SandboxDelivery {
  id: string;
  eventId: string;
  eventType: string;
  state: string;
  redelivery: boolean;
  attempts: { status?: number | null; error?: string | null }[];
}

export async function sandboxDeliveries(ctx: Pick<TestApp, 'sandbox'>): Promise<SandboxDelivery[]> {
  const response = await fetch(`${ctx.sandbox.url}/_sandbox/deliveries`);
  return ((await response.json()) as { deliveries: SandboxDelivery[] }).deliveries;
}

/** Waits until the sandbox has nothing left to send (every delivery acknowledged or given up). */
export async function waitForDeliveriesSettled(ctx: Pick<TestApp, 'sandbox'>, timeout = 15_000) {
  await expect
    .poll(
      async () =>
        (await sandboxDeliveries(ctx)).filter(
          (delivery) => !['delivered', 'failed', 'canceled'].includes(delivery.state),
        ).length,
      { timeout, interval: 100 },
    )
    .toBe(0);
}

/** Events the sandbox created for one Checkout Session (the session's own and its PaymentIntent's). */
export async function sandboxEvents(ctx: Pick<TestApp, 'sandbox'>) {
  const response = await fetch(`${ctx.sandbox.url}/_sandbox/events`);
  return ((await response.json()) as { events: { id: string; type: string; object_id: string | null }[] }).events;
}
