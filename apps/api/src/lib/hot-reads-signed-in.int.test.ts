import { startRedisServer, type RedisServerHandle } from '@mercato/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedInUser, type SignedIn } from '../test-support/auth.test-support.js';
import { createProduct } from '../test-support/catalog.test-support.js';
import { addToCart } from '../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../test-support/harness.test-support.js';
import { comparable, rawGet as rawGetFrom, type RawResponse } from '../test-support/raw-http.test-support.js';

// The hot-read path also answers the signed-in cart and profile reads before Fastify: these cases prove that what
// it sends is what the route sends, header for header, that it never answers a request the route would refuse,
// and that what it answers is as current as the route's answer.

let redis: RedisServerHandle;
let ctx: TestApp;
let admin: SignedIn;
const READ_LIMIT = 80;
beforeAll(async () => {
  redis = await startRedisServer();
  ctx = await startTestApp({
    REDIS_URL: redis.url,
    RATE_LIMIT_MAX: String(READ_LIMIT),
    RATE_LIMIT_WINDOW_SECONDS: '600',
  });
  admin = await signedInUser(ctx, { role: 'admin' });
  await vi.waitFor(() => expect(ctx.app.shopperCache.stats().memory).toBe('on'), { timeout: 10_000 });
});
afterAll(async () => {
  await ctx.close();
  await redis.stop();
});

const rawGet = (path: string, headers: Record<string, string> = {}) => rawGetFrom(ctx.url, path, headers);
const served = () => ctx.app.hotReads.served;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const json = (raw: RawResponse) => JSON.parse(raw.body.toString('utf8'));

/** `path` read by the route (a query string makes it a URL the path does not answer) and by the hot path. */
async function viaBothPaths(path: string, token: string, headers: Record<string, string> = {}) {
  const before = served();
  const routed = await rawGet(`${path}?via=route`, { ...bearer(token), ...headers });
  expect(served()).toBe(before);
  const hot = await rawGet(path, { ...bearer(token), ...headers });
  expect(served()).toBe(before + 1);
  return { routed, hot };
}

describe('signed-in reads on the hot-read path', () => {
  it('when a shopper reads their cart, then the path answers with the headers and bytes the route sends', async () => {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Hot Cart Teapot', price: 3100 });
    await addToCart(ctx, shopper, product.id, 2);
    await rawGet('/api/cart', bearer(shopper.accessToken)); // warms the caches
    const { routed, hot } = await viaBothPaths('/api/cart', shopper.accessToken, { 'accept-encoding': 'gzip, br' });
    expect([routed.status, hot.status]).toEqual([200, 200]);
    expect(comparable(hot.headers)).toEqual(comparable(routed.headers));
    expect(hot.headers['content-security-policy']).toContain("default-src 'none'");
    expect(hot.body.equals(routed.body)).toBe(true);
    expect(json(hot).lines).toMatchObject([{ productId: product.id, quantity: 2, unitPrice: 3100 }]);
  });

  it('when a shopper reads their profile, then the path answers it as the route does', async () => {
    const shopper = await signedInUser(ctx);
    const { routed, hot } = await viaBothPaths('/api/auth/me', shopper.accessToken);
    expect(comparable(hot.headers)).toEqual(comparable(routed.headers));
    expect(hot.body.equals(routed.body)).toBe(true);
    expect(json(hot)).toMatchObject({ id: shopper.userId, email: shopper.email, role: 'customer' });
    // Warm now: the next read is answered in one step; a change of name is in the very next one.
    const heldBefore = ctx.app.hotReads.servedHeld;
    expect(json(await rawGet('/api/auth/me', bearer(shopper.accessToken))).id).toBe(shopper.userId);
    expect(ctx.app.hotReads.servedHeld).toBe(heldBefore + 1);
    const renamed = await request(ctx.url, 'PATCH', '/api/auth/me', {
      token: shopper.accessToken,
      body: { name: 'Renamed Shopper' },
    });
    expect(renamed.status).toBe(200);
    expect(json(await rawGet('/api/auth/me', bearer(shopper.accessToken))).name).toBe('Renamed Shopper');
  });

  it('when the cart or the price changes, then the very next hot read shows it, and the one after is answered at once again', async () => {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Hot Cart Mug', price: 900, stock: 50 });
    await addToCart(ctx, shopper, product.id, 1);
    const cartLine = async () => json(await rawGet('/api/cart', bearer(shopper.accessToken))).lines[0];
    const heldBefore = ctx.app.hotReads.servedHeld;
    expect((await cartLine()).quantity).toBe(1); // priced from the caches: remembered
    expect((await cartLine()).quantity).toBe(1); // the same answer, in one step
    expect(ctx.app.hotReads.servedHeld).toBe(heldBefore + 1);

    const before = served();
    await addToCart(ctx, shopper, product.id, 2);
    expect((await cartLine()).quantity).toBe(3);
    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 1100 },
    });
    expect(patched.status).toBe(200);
    expect((await cartLine()).unitPrice).toBe(1100);
    expect(ctx.app.hotReads.servedHeld).toBe(heldBefore + 1);
    expect(await cartLine()).toMatchObject({ unitPrice: 1100, quantity: 3 });
    expect(ctx.app.hotReads.servedHeld).toBe(heldBefore + 2);
    expect(served()).toBe(before + 3);
  });

  it('when the token is missing, forged or its session has ended, then the route refuses it, not the path', async () => {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Hot Cart Jug', price: 1200 });
    await addToCart(ctx, shopper, product.id, 1);
    // Both reads warm: each is answered in one step from memory, session check included.
    for (const path of ['/api/cart', '/api/auth/me']) {
      await rawGet(path, bearer(shopper.accessToken));
      const heldBefore = ctx.app.hotReads.servedHeld;
      expect((await rawGet(path, bearer(shopper.accessToken))).status).toBe(200);
      expect(ctx.app.hotReads.servedHeld, path).toBe(heldBefore + 1);
    }
    const before = served();
    const missing = await rawGet('/api/cart');
    expect(missing.status).toBe(401);
    const forged = await rawGet('/api/cart', bearer(`${shopper.accessToken.slice(0, -4)}AAAA`));
    expect(forged.status).toBe(401);
    expect(json(forged).code).toBe('TOKEN_INVALID');
    expect(forged.headers['content-type']).toContain('application/problem+json');
    const logout = await request(ctx.url, 'POST', '/api/auth/logout', {
      headers: { cookie: `mercato_rt=${shopper.refreshCookie}`, origin: ctx.config.PUBLIC_URL },
    });
    expect(logout.status).toBe(204);
    for (const path of ['/api/cart', '/api/auth/me']) {
      const ended = await rawGet(path, bearer(shopper.accessToken));
      expect(ended.status).toBe(401);
      expect(json(ended).code).toBe('SESSION_REVOKED');
    }
    expect(served()).toBe(before);
  });

  it('when the instance drains, then the route answers and closes the connection', async () => {
    const shopper = await signedInUser(ctx);
    await rawGet('/api/cart', bearer(shopper.accessToken));
    const before = served();
    ctx.app.lifecycle.isDraining = true;
    try {
      const draining = await rawGet('/api/cart', bearer(shopper.accessToken));
      expect(draining.status).toBe(200);
      expect(draining.headers.connection).toBe('close');
      expect(served()).toBe(before);
    } finally {
      ctx.app.lifecycle.isDraining = false;
    }
    expect((await rawGet('/api/cart', bearer(shopper.accessToken))).status).toBe(200);
    expect(served()).toBe(before + 1);
  });

  // Last: it spends the rest of this client's read allowance.
  it('when a client reads past the per-instance limit, then signed-in hot reads count against it and the route answers 429', async () => {
    const shopper = await signedInUser(ctx);
    const before = served();
    const statuses: number[] = [];
    for (let index = 0; index < READ_LIMIT + 10; index += 1)
      statuses.push((await rawGet('/api/cart', bearer(shopper.accessToken))).status);
    const limited = statuses.indexOf(429);
    expect(limited).toBeGreaterThan(0);
    expect(statuses.slice(limited).every((status) => status === 429)).toBe(true);
    expect(served() - before).toBe(limited);
    const refused = await rawGet('/api/cart', bearer(shopper.accessToken));
    expect(json(refused).code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
