import { startRedisServer, type RedisServerHandle } from '@mercato/testkit';
import { Redis } from 'ioredis';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

/** How long another instance may go on serving the old answer after a write: the pub/sub delivery, with margin. */
const PROPAGATION_BOUND_MS = 200;

let redis: RedisServerHandle;
let a: TestApp;
let b: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  redis = await startRedisServer();
  a = await startTestApp({ REDIS_URL: redis.url });
  // Same database and Redis prefix: two instances of one shop.
  b = await startTestApp({
    REDIS_URL: redis.url,
    MONGODB_URI: a.config.MONGODB_URI,
    REDIS_KEY_PREFIX: a.config.REDIS_KEY_PREFIX,
  });
  admin = await signedInUser(a, { role: 'admin' });
  await vi.waitFor(() => expect([memoryOf(a), memoryOf(b)]).toEqual(['on', 'on']), { timeout: 10_000 });
});
afterAll(async () => {
  await closeKeepingDatabase(b);
  await a.close();
  await redis.stop();
});

const memoryOf = (ctx: TestApp) => ctx.app.catalogCache.stats().memory;
const memoryHitsOf = (ctx: TestApp) => ctx.app.catalogCache.stats().memoryHits;
const priceOn = async (ctx: TestApp, slug: string) =>
  (await request(ctx.url, 'GET', `/api/products/${slug}`)).body.price;
const setPrice = async (productId: string, price: number) => {
  const patched = await request(a.url, 'PATCH', `/api/admin/products/${productId}`, {
    token: admin.accessToken,
    body: { price },
  });
  expect(patched.status).toBe(200);
};

/** Reads until two answers in a row come from memory (the first read may fill it from Redis). */
async function warm(ctx: TestApp, path: string) {
  await request(ctx.url, 'GET', path);
  const before = memoryHitsOf(ctx);
  await request(ctx.url, 'GET', path);
  expect(memoryHitsOf(ctx)).toBe(before + 1);
}

/** Kills one instance's invalidation subscription in Redis, as a network blip would. */
async function killSubscriptionOf(ctx: TestApp) {
  const name = ctx.app.catalogCache.stats().subscriberName;
  const admin = new Redis(redis.url);
  try {
    expect(
      await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub', 'SKIPME', 'yes', 'ID', await clientIdOf(admin, name!)),
    ).toBe(1);
  } finally {
    admin.disconnect();
  }
}

async function clientIdOf(admin: Redis, name: string): Promise<string> {
  const list = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
  const line = list.split('\n').find((entry) => entry.includes(` name=${name} `));
  const id = line && /(?:^|\s)id=(\d+)/.exec(line)?.[1];
  if (!id) throw new Error(`no subscription named ${name} in:\n${list}`);
  return id;
}

describe('catalog reads from the in-process cache on two instances', () => {
  it('when an admin changes a price on A, then A answers the new price at once and B within the bound', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Pushed Pitcher', price: 4000 });
    const listing = '/api/products?q=pitcher';
    for (const ctx of [a, b]) {
      await warm(ctx, `/api/products/${product.slug}`);
      await warm(ctx, listing);
    }

    await setPrice(product.id, 4500);
    const written = performance.now();
    expect(await priceOn(a, product.slug)).toBe(4500); // read-your-writes on the writer
    expect((await request(a.url, 'GET', listing)).body.items[0].price).toBe(4500);

    let seenAfterMs = Number.NaN;
    while (performance.now() - written < 5_000) {
      if ((await priceOn(b, product.slug)) === 4500) {
        seenAfterMs = performance.now() - written;
        break;
      }
    }
    expect(seenAfterMs).toBeLessThan(PROPAGATION_BOUND_MS);
    expect((await request(b.url, 'GET', listing)).body.items[0].price).toBe(4500);
    // ...and B is back to answering from memory.
    await warm(b, `/api/products/${product.slug}`);
  });

  it("when B's subscription is lost, then B bypasses its memory and never serves what A changed meanwhile; once resubscribed it uses memory again", async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Blinking Bowl', price: 2000 });
    await warm(b, `/api/products/${product.slug}`);

    await killSubscriptionOf(b);
    await expect.poll(() => memoryOf(b), { interval: 5 }).not.toBe('on');
    expect(b.app.catalogCache.stats().memoryEntries).toBe(0); // forgotten, not just bypassed
    await setPrice(product.id, 2500);
    expect(await priceOn(b, product.slug)).toBe(2500);

    await expect.poll(() => memoryOf(b)).toBe('on');
    expect(await priceOn(b, product.slug)).toBe(2500);
    await warm(b, `/api/products/${product.slug}`);
    expect(await priceOn(b, product.slug)).toBe(2500);
  });

  it('when Redis stops, then B serves fresh data from MongoDB; when it is back, B relearns versions before trusting memory', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Outage Oven', price: 7000 });
    await warm(b, `/api/products/${product.slug}`);

    await redis.kill();
    try {
      await expect.poll(() => memoryOf(b), { interval: 5 }).toBe('bypassed');
      await setPrice(product.id, 6500); // A cannot reach Redis: its bump waits for the reconnect
      expect(await priceOn(b, product.slug)).toBe(6500);
      expect(await priceOn(a, product.slug)).toBe(6500);
    } finally {
      await redis.restart();
    }
    await expect.poll(() => [memoryOf(a), memoryOf(b)], { timeout: 10_000 }).toEqual(['on', 'on']);
    const seen = new Set<number>();
    for (let index = 0; index < 20; index++) seen.add(await priceOn(b, product.slug));
    expect([...seen]).toEqual([6500]);
  });
  it('when Redis loses the versions while both stay connected (FLUSHALL, eviction), then a later write still reaches B', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Flushed Flask', price: 3000 });
    // Several bumps first, so B knows a version the emptied Redis will count up to again only slowly.
    for (const price of [3100, 3200, 3300]) await setPrice(product.id, price);
    await expect.poll(() => priceOn(b, product.slug)).toBe(3300);
    await warm(b, `/api/products/${product.slug}`);

    const flusher = new Redis(redis.url);
    try {
      await flusher.flushall();
    } finally {
      flusher.disconnect();
    }
    await setPrice(product.id, 3400);

    expect(await priceOn(a, product.slug)).toBe(3400); // the writer at once, before its own message comes back
    await expect.poll(() => priceOn(b, product.slug), { timeout: PROPAGATION_BOUND_MS, interval: 10 }).toBe(3400);
    expect(await priceOn(a, product.slug)).toBe(3400);
  });
});

describe('what a cached answer looks like', () => {
  const comparable = (headers: Headers) => {
    const kept: Record<string, string> = {};
    headers.forEach((value, name) => {
      if (!['date', 'x-request-id', 'x-cache', 'keep-alive', 'connection'].includes(name)) kept[name] = value;
    });
    return kept;
  };

  it('when an answer comes from memory, then its headers are those of the answer first built from MongoDB', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Header Hat', price: 1500 });
    const path = `/api/products/${product.slug}`;
    const built = await request(a.url, 'GET', path); // from MongoDB, then kept in Redis and in A's memory
    expect(built.headers.get('x-cache')).toBe('miss');
    const hitsBefore = memoryHitsOf(a);
    const fromMemory = await request(a.url, 'GET', path);
    expect(memoryHitsOf(a)).toBe(hitsBefore + 1);
    const redisHitsBefore = b.app.catalogCache.stats().redisHits;
    const fromRedis = await request(b.url, 'GET', path);
    expect(b.app.catalogCache.stats().redisHits).toBe(redisHitsBefore + 1);

    expect(comparable(fromMemory.headers)).toEqual(comparable(built.headers));
    expect(comparable(fromRedis.headers)).toEqual(comparable(built.headers));
    expect(fromMemory.body).toEqual(built.body);
    expect(fromMemory.headers.get('x-cache')).toBe('hit');
    const health = comparable((await request(a.url, 'GET', '/api/health')).headers);
    for (const name of [
      'content-security-policy',
      'cross-origin-resource-policy',
      'x-content-type-options',
      'x-frame-options',
    ]) {
      expect(fromMemory.headers.get(name), name).toBe(health[name]);
      expect(fromMemory.headers.get(name), name).toBeTruthy();
    }
    expect(fromMemory.headers.get('vary')).toBe('accept-encoding');
    expect(fromMemory.headers.get('cache-control')).toBe('no-cache');
  });

  it('when the client accepts gzip, then it gets the compressed copy of the same bytes, and a 304 for its ETag', async () => {
    const path = '/api/products?sort=newest&pageSize=48';
    const plain = await fetch(`${a.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
    const plainBody = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plainBody.length).toBeGreaterThan(1_024);

    for (let round = 0; round < 2; round++) {
      const zipped = await rawGet(a.url, path, { 'accept-encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
      expect(zipped.headers.etag).toBe(plain.headers.get('etag'));
      expect(gunzipSync(zipped.body).equals(plainBody)).toBe(true);
      expect(zipped.body.length).toBeLessThan(plainBody.length / 2);
    }

    const unchanged = await request(a.url, 'GET', path, { headers: { 'if-none-match': plain.headers.get('etag')! } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('vary')).toBe('accept-encoding');
  });
});

/** A GET that leaves the body as sent (fetch would decompress it). */
async function rawGet(base: string, path: string, headers: Record<string, string>) {
  const { request: httpRequest } = await import('node:http');
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    httpRequest(`${base}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
