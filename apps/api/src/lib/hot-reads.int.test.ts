import { startRedisServer, type RedisServerHandle } from '@mercato/testkit';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedInUser, type SignedIn } from '../test-support/auth.test-support.js';
import { createProduct } from '../test-support/catalog.test-support.js';
import { request, startTestApp, type TestApp } from '../test-support/harness.test-support.js';
import { comparable, rawGet as rawGetFrom } from '../test-support/raw-http.test-support.js';

// The hot-read path answers repeated cached storefront GETs before Fastify: these cases prove that what it sends is
// what Fastify's route would have sent, header for header, and that it steps aside whenever it should.

let redis: RedisServerHandle;
let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  redis = await startRedisServer();
  ctx = await startTestApp({ REDIS_URL: redis.url, RATE_LIMIT_MAX: '40', RATE_LIMIT_WINDOW_SECONDS: '600' });
  admin = await signedInUser(ctx, { role: 'admin' });
  await vi.waitFor(() => expect(ctx.app.catalogCache.stats().memory).toBe('on'), { timeout: 10_000 });
});
afterAll(async () => {
  await ctx.close();
  await redis.stop();
});

const rawGet = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawGetFrom(ctx.url, path, headers, method);
const servedByHotPath = () => ctx.app.hotReads.served;

/** The same GET twice more: the first goes through Fastify's route and teaches the path, the second it answers. */
async function viaBothPaths(path: string, headers: Record<string, string> = {}) {
  const before = servedByHotPath();
  const routed = await rawGet(path, headers);
  expect(servedByHotPath()).toBe(before);
  const hot = await rawGet(path, headers);
  expect(servedByHotPath()).toBe(before + 1);
  return { routed, hot };
}

/** A new product whose page the hot path already answers (one miss, then both paths once). */
async function hotProduct(name: string, price = 1000) {
  const product = await createProduct(ctx, admin.accessToken, { name, price });
  const path = `/api/products/${product.slug}`;
  await rawGet(path);
  await viaBothPaths(path);
  return { product, path };
}

describe('the hot-read path', () => {
  it('when a cached product is read again, then it answers with the headers and bytes the route sent', async () => {
    const product = await createProduct(ctx, admin.accessToken, { name: 'Hot Path Kettle', price: 2500 });
    const path = `/api/products/${product.slug}`;
    expect((await rawGet(path)).headers['x-cache']).toBe('miss');
    const { routed, hot } = await viaBothPaths(path);
    expect(hot.status).toBe(200);
    expect(comparable(hot.headers)).toEqual(comparable(routed.headers));
    expect(hot.headers['x-cache']).toBe('hit');
    expect(hot.headers['content-security-policy']).toContain("default-src 'none'");
    expect(hot.body.equals(routed.body)).toBe(true);
    expect(JSON.parse(hot.body.toString('utf8'))).toMatchObject({ slug: product.slug, price: 2500 });
    expect(hot.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(hot.headers['x-request-id']).not.toBe(routed.headers['x-request-id']);
    // A proxy's well-formed request id is kept, as Fastify keeps it.
    const traced = await rawGet(path, { 'x-request-id': 'proxy-trace-0001' });
    expect(traced.headers['x-request-id']).toBe('proxy-trace-0001');
  });

  it('when the client has the current ETag, then it gets the same 304 from either path', async () => {
    const product = await createProduct(ctx, admin.accessToken, { name: 'Hot Path Ladle' });
    const path = `/api/products/${product.slug}`;
    const etag = (await rawGet(path)).headers.etag as string;
    const { routed, hot } = await viaBothPaths(path, { 'if-none-match': etag });
    expect([routed.status, hot.status]).toEqual([304, 304]);
    expect(comparable(hot.headers)).toEqual(comparable(routed.headers));
    expect(hot.body.length).toBe(0);
  });

  it('when the client accepts brotli, then the compressed copy goes out from either path and holds the same JSON', async () => {
    const path = '/api/products?sort=price_asc&pageSize=48';
    for (let index = 0; index < 6; index += 1)
      await createProduct(ctx, admin.accessToken, { name: `Hot Path Spoon ${index}`, description: 'x'.repeat(300) });
    const plain = await rawGet(path);
    await rawGet(path); // a hit through the route: the URL is learned
    const brotli = { 'accept-encoding': 'gzip, deflate, br' };
    const before = servedByHotPath();
    const routed = await rawGet(path, brotli); // the copy is being made: the route waits for it
    expect(servedByHotPath()).toBe(before);
    const hot = await rawGet(path, brotli);
    expect(servedByHotPath()).toBe(before + 1);
    for (const answer of [routed, hot]) {
      expect(answer.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(answer.body).equals(plain.body)).toBe(true);
    }
    expect(comparable(hot.headers)).toEqual(comparable(routed.headers));
  });

  it('when an admin changes the price, then the next read on this instance has it (the path steps aside), and the one after is hot again', async () => {
    const { product, path } = await hotProduct('Hot Path Whisk', 1500);
    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 1700 },
    });
    expect(patched.status).toBe(200);
    const before = servedByHotPath();
    const fresh = await rawGet(path);
    expect(JSON.parse(fresh.body.toString('utf8')).price).toBe(1700);
    expect(fresh.headers['x-cache']).toBe('miss');
    expect(servedByHotPath()).toBe(before);
    const { hot } = await viaBothPaths(path);
    expect(JSON.parse(hot.body.toString('utf8')).price).toBe(1700);
  });

  it('when a request is not a plain GET of a learned URL, or the instance is draining, then Fastify answers it', async () => {
    const { path } = await hotProduct('Hot Path Sieve');
    const before = servedByHotPath();
    const head = await rawGet(path, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(servedByHotPath()).toBe(before);
    // Another spelling (a shared link's tracking parameter) is a URL of its own: the route answers it first.
    expect((await rawGet(`${path}?utm_source=mail`)).status).toBe(200);
    expect(servedByHotPath()).toBe(before);
    ctx.app.lifecycle.isDraining = true;
    try {
      const draining = await rawGet(path);
      expect(draining.status).toBe(200);
      expect(draining.headers.connection).toBe('close');
      expect(servedByHotPath()).toBe(before);
    } finally {
      ctx.app.lifecycle.isDraining = false;
    }
    expect((await rawGet(path)).status).toBe(200);
    expect(servedByHotPath()).toBe(before + 1);
  });

  it('when a client reads past the per-instance limit, then hot reads count against it and the route answers 429', async () => {
    // A client of its own (the limit is per address): a forwarded address is not trusted, so this one is the
    // test's, shared with the cases above; read the rest of its 40 tokens away through the hot path.
    const { path } = await hotProduct('Hot Path Grater');
    const before = servedByHotPath();
    const statuses: number[] = [];
    for (let index = 0; index < 60; index += 1) statuses.push((await rawGet(path)).status);
    const limited = statuses.indexOf(429);
    expect(limited).toBeGreaterThan(0);
    expect(statuses.slice(limited).every((status) => status === 429)).toBe(true);
    expect(servedByHotPath() - before).toBe(limited);
    const refused = await request(ctx.url, 'GET', path);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
