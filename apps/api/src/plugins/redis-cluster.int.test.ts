import { startRedisCluster, type RedisClusterHandle } from '@mercato/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, signedInUser, type SignedIn } from '../test-support/auth.test-support.js';
import { createProduct } from '../test-support/catalog.test-support.js';
import { addToCart } from '../test-support/checkout.test-support.js';
import { sameShopEnv } from '../test-support/instances.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../test-support/harness.test-support.js';
import { salesChannel } from '../modules/checkout/deps.js';
import { queuePrefix } from './jobs.js';

/**
 * Two instances of one shop on a real 3-master Redis Cluster (REDIS_CLUSTER_NODES): every Redis use the app has
 * (the two caches' scripts, throttles, the shared write limit, BullMQ, pub/sub) must work when keys live on
 * different nodes. A command whose keys span two slots fails with CROSSSLOT, which the app would swallow as "Redis
 * unavailable" and carry on degraded, so each case checks the effect that only a working command has.
 */
let cluster: RedisClusterHandle;
let a: TestApp;
let b: TestApp;
let admin: SignedIn;
const probeJobs: unknown[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster();
  const env = {
    REDIS_CLUSTER_NODES: cluster.nodes.join(','),
    AUTH_RATE_LIMIT_PER_ACCOUNT: '3',
    AUTH_RATE_LIMIT_WINDOW_SECONDS: '60',
    RATE_LIMIT_MAX: '1000',
  };
  a = await startTestApp(env, {
    beforeListen: (app) => app.jobs.define('cluster-probe', async (data) => void probeJobs.push(data)),
  });
  b = await startTestApp({ ...env, ...sameShopEnv(a), RUN_WORKER: 'false' });
  admin = await signedInUser(a, { role: 'admin' });
  await vi.waitFor(
    () =>
      expect(
        [a, b].flatMap((ctx) => [ctx.app.catalogCache.stats().memory, ctx.app.shopperCache.stats().memory]),
      ).toEqual(['on', 'on', 'on', 'on']),
    { timeout: 15_000 },
  );
});
afterAll(async () => {
  await closeKeepingDatabase(b);
  await a.close();
  await cluster.stop();
});

/** Every key of this shop on each node (a cluster has no single keyspace to scan). */
async function keysByNode(pattern = `${a.config.REDIS_KEY_PREFIX}*`): Promise<string[][]> {
  return Promise.all(
    cluster.nodes.map(async (node) => {
      const raw = new Redis(node, { maxRetriesPerRequest: 1 });
      try {
        const keys: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await raw.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          keys.push(...batch);
        } while (cursor !== '0');
        return keys;
      } finally {
        raw.disconnect();
      }
    }),
  );
}

const priceOn = async (ctx: TestApp, slug: string) =>
  (await request(ctx.url, 'GET', `/api/products/${slug}`)).body.price as number;

describe('the shop on a Redis Cluster', () => {
  it('when a price changes on A, then A serves it at once and B right after, through the cluster', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Clustered Carafe', price: 2100 });
    for (const ctx of [a, b]) {
      expect(await priceOn(ctx, product.slug)).toBe(2100);
      expect((await request(ctx.url, 'GET', `/api/products/${product.slug}`)).headers.get('x-cache')).toBe('hit');
    }

    const patched = await request(a.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 2300 },
    });

    expect(patched.status).toBe(200);
    expect(await priceOn(a, product.slug)).toBe(2300);
    await vi.waitFor(async () => expect(await priceOn(b, product.slug)).toBe(2300), { timeout: 1_000, interval: 20 });
    // Both caches' keys sit under their hash tag; the shop's other keys spread over the nodes.
    const nodes = await keysByNode();
    const cacheNodes = nodes.filter((keys) => keys.some((key) => key.includes('{cache}')));
    expect(cacheNodes).toHaveLength(1);
    const cacheKeys = nodes.flat().filter((key) => key.includes('cache'));
    expect(cacheKeys.filter((key) => !/\{cache(:shopper)?\}/.test(key))).toEqual([]);
  });

  it('when a cart changes on one instance, then the other reads the change (entries dropped inside the bump)', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Clustered Cup', price: 900, stock: 20 });
    const shopper = await signedInUser(a);
    await addToCart(a, shopper, product.id, 2);
    const cartOn = async (ctx: TestApp) =>
      (await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken })).body.lines as { quantity: number }[];
    expect((await cartOn(b))[0]?.quantity).toBe(2);

    await addToCart(b, shopper, product.id, 3);

    expect((await cartOn(a))[0]?.quantity).toBe(5);
    expect((await cartOn(b))[0]?.quantity).toBe(5);
  });

  it('when logins fail on both instances, then the per-account limit counts them together; a success clears the failures', async () => {
    const cleared = await createUser(a);
    for (const ctx of [a, b]) {
      const failed = await request(ctx.url, 'POST', '/api/auth/login', {
        body: { email: cleared.email, password: 'nope' },
      });
      expect(failed.status).toBe(401);
    }
    expect((await keysByNode(`${a.config.REDIS_KEY_PREFIX}th:fail:*`)).flat()).toHaveLength(1);
    const success = await request(b.url, 'POST', '/api/auth/login', {
      body: { email: cleared.email, password: cleared.password },
    });
    expect(success.status).toBe(200);
    // The failure counter and the lock share a hash tag: one DEL clears both (cross-slot it would fail silently).
    expect((await keysByNode(`${a.config.REDIS_KEY_PREFIX}th:fail:*`)).flat()).toEqual([]);

    const limited = await createUser(a);
    const statuses: number[] = [];
    for (const ctx of [a, b, a, b]) {
      const attempt = await request(ctx.url, 'POST', '/api/auth/login', {
        body: { email: limited.email, password: 'x' },
      });
      statuses.push(attempt.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('when writes go to both instances, then the shared write limit counts them in one counter', async () => {
    const shopper = await signedInUser(a);
    const remaining = async (ctx: TestApp) =>
      Number(
        (await request(ctx.url, 'POST', '/api/cart/items', { token: shopper.accessToken, body: {} })).headers.get(
          'x-ratelimit-remaining',
        ),
      );
    const first = await remaining(a);
    expect(await remaining(b)).toBe(first - 1);
  });

  it('when a job is enqueued on an instance without a worker, then the worker instance runs it once', async () => {
    await b.app.jobs.enqueue('cluster-probe', { from: 'b' }, { jobId: 'probe-1' });
    await b.app.jobs.enqueue('cluster-probe', { from: 'b' }, { jobId: 'probe-1' });

    await vi.waitFor(() => expect(probeJobs).toEqual([{ from: 'b' }]));
    const prefix = queuePrefix(a.config.REDIS_KEY_PREFIX, true);
    const queueNodes = (await keysByNode(`${prefix}*`)).filter((keys) => keys.length > 0);
    expect(queueNodes).toHaveLength(1); // one hash tag: every key of the queue on one node, as BullMQ's scripts need
  });

  it('when a sale is published on A, then a dashboard connected to B hears it', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${b.url}/api/admin/analytics/stream`, {
      headers: { authorization: `Bearer ${admin.accessToken}` },
      signal: controller.signal,
    });
    const reader = stream.body!.getReader();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(received)) received += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil(/event: ready/);

    await a.app.redis.publish(
      salesChannel(a.config.REDIS_KEY_PREFIX),
      JSON.stringify({ type: 'order.paid', orderId: 'c1' }),
    );

    await readUntil(/event: sale/);
    expect(received).toContain('"orderId":"c1"');
    controller.abort();
  });
});
