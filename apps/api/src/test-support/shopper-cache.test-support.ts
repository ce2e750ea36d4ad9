import type { TCart } from '@mercato/shared';
import { Redis } from 'ioredis';
import { expect, vi } from 'vitest';
import { startRedisServer } from '@mercato/testkit';
import { signedInUser, type SignedIn } from './auth.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from './harness.test-support.js';

/** A second instance of `shop`'s shop: same database, Redis and keys, so tokens and sealed data work on both. */
export function secondInstance(shop: TestApp, env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({
    REDIS_URL: shop.config.REDIS_URL,
    MONGODB_URI: shop.config.MONGODB_URI,
    REDIS_KEY_PREFIX: shop.config.REDIS_KEY_PREFIX,
    JWT_SECRET: shop.config.JWT_SECRET,
    DATA_ENCRYPTION_KEYS: shop.config.DATA_ENCRYPTION_KEYS,
    BLIND_INDEX_KEY: shop.config.BLIND_INDEX_KEY,
    ...env,
  });
}

/**
 * Two instances of one shop on a redis-server of their own (`redisDir` for one a test empties and restarts), with
 * an admin, once both trust their in-process shopper cache. `close` stops them, then Redis.
 */
export async function twoInstances(redisOptions: { dir?: string } = {}) {
  const redis = await startRedisServer(redisOptions);
  const a = await startTestApp({ REDIS_URL: redis.url });
  const b = await secondInstance(a);
  const admin = await signedInUser(a, { role: 'admin' });
  await untilShopperMemoryOn(a, b);
  return {
    redis,
    a,
    b,
    admin,
    async close() {
      await closeKeepingDatabase(b);
      await a.close();
      await redis.stop();
    },
  };
}

export const shopperMemoryOf = (shop: TestApp) => shop.app.shopperCache.stats().memory;

/** Waits until every instance trusts its in-process shopper cache (its invalidation channel is confirmed). */
export async function untilShopperMemoryOn(...shops: TestApp[]) {
  await vi.waitFor(() => expect(shops.map(shopperMemoryOf)).toEqual(shops.map(() => 'on')), { timeout: 10_000 });
}

/** Runs `read` and checks the shopper cache answered it from memory alone (no Redis read, no load). */
export async function fromMemory<T>(shop: TestApp, read: () => Promise<T>): Promise<T> {
  const before = shop.app.shopperCache.stats();
  const result = await read();
  const after = shop.app.shopperCache.stats();
  expect(after.memoryHits).toBeGreaterThan(before.memoryHits);
  expect([after.redisHits, after.loads]).toEqual([before.redisHits, before.loads]);
  return result;
}

export const cartOn = async (shop: TestApp, shopper: SignedIn): Promise<TCart> => {
  const response = await request(shop.url, 'GET', '/api/cart', { token: shopper.accessToken });
  expect(response.status).toBe(200);
  return response.body;
};

/** The cart read twice, the second time from memory alone: warm. */
export async function warmCart(shop: TestApp, shopper: SignedIn) {
  await cartOn(shop, shopper);
  return fromMemory(shop, () => cartOn(shop, shopper));
}

/** `[productId, quantity]` of every line, as the cart shows it. */
export const quantitiesOf = (cart: { lines: { productId: string; quantity: number }[] }) =>
  cart.lines.map((line) => [line.productId, line.quantity]);

/** A connection to the shop's Redis without the key prefix, for commands on whole key names (SCAN, CLIENT). */
export function rawRedis(shop: TestApp): Redis {
  const redis = new Redis(shop.config.REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  return redis;
}

/** Every key of the shop matching `pattern` (after the shop's key prefix), e.g. `*c:cart:<userId>:*`. */
export async function keysMatching(shop: TestApp, pattern: string): Promise<string[]> {
  const redis = rawRedis(shop);
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${shop.config.REDIS_KEY_PREFIX}${pattern}`,
        'COUNT',
        1000,
      );
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  } finally {
    redis.disconnect();
  }
}

/** Kills `shop`'s shopper-cache subscription in Redis, as a network blip would. */
export async function killShopperSubscription(shop: TestApp) {
  const name = shop.app.shopperCache.stats().subscriberName;
  const redis = rawRedis(shop);
  try {
    const list = String(await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    const line = list.split('\n').find((entry) => entry.includes(` name=${name} `));
    const id = line && /(?:^|\s)id=(\d+)/.exec(line)?.[1];
    if (!id) throw new Error(`no subscription named ${name} in:\n${list}`);
    expect(await redis.call('CLIENT', 'KILL', 'TYPE', 'pubsub', 'SKIPME', 'yes', 'ID', id)).toBe(1);
  } finally {
    redis.disconnect();
  }
}
