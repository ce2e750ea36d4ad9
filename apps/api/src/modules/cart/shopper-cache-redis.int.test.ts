import type { RedisServerHandle } from '@mercato/testkit';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCookieFrom, refreshWith, signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { addToCart } from '../../test-support/checkout.test-support.js';
import { request, type TestApp } from '../../test-support/harness.test-support.js';
import { expectRefused, readAccount, warmSessions } from '../../test-support/session-endings.test-support.js';
import {
  cartOn,
  quantitiesOf,
  keysMatching,
  rawRedis,
  twoInstances,
  shopperMemoryOf,
  untilShopperMemoryOn,
  warmCart,
} from '../../test-support/shopper-cache.test-support.js';

let shops: Awaited<ReturnType<typeof twoInstances>>;
let redis: RedisServerHandle;
let redisDir: string;
let a: TestApp;
let b: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  redisDir = await mkdtemp(join(tmpdir(), 'mercato-shopper-redis-'));
  shops = await twoInstances({ dir: redisDir });
  ({ redis, a, b, admin } = shops);
});
afterAll(async () => {
  await shops.close();
  await rm(redisDir, { recursive: true, force: true });
});

const logout = (shop: TestApp, session: SignedIn) =>
  request(shop.url, 'POST', '/api/auth/logout', { token: session.accessToken });

/**
 * A shopper whose session and cart were each changed once (a refresh, an add), warm in both instances' memory: an
 * emptied Redis counts those tags from zero again, so the next change reuses the version the memory holds.
 */
async function warmShopper(productId: string) {
  const signedIn = await signedInUser(a);
  const rotated = await refreshWith(a, signedIn.refreshCookie);
  const shopper: SignedIn = {
    ...signedIn,
    accessToken: rotated.body.accessToken,
    refreshCookie: refreshCookieFrom(rotated.headers) ?? '',
  };
  await addToCart(a, shopper, productId, 1);
  for (const shop of [a, b]) {
    await warmSessions(shop, shopper);
    await warmCart(shop, shopper);
  }
  return shopper;
}

async function expectCartOnBoth(shopper: SignedIn, quantities: [string, number][]) {
  for (const shop of [a, b]) expect(quantitiesOf(await cartOn(shop, shopper)), shop.url).toEqual(quantities);
}

describe('Redis loses everything while the instances are warm', () => {
  it('when Redis is flushed (FLUSHALL), then nothing is lost, and a write or a logout right after shows on both instances', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Flush Flask', stock: 20 });
    const shopper = await warmShopper(product.id);
    const leaving = await warmShopper(product.id);

    const flusher = rawRedis(a);
    await flusher.flushall();
    flusher.disconnect();

    await expectCartOnBoth(shopper, [[product.id, 1]]);
    expect((await readAccount(b, shopper)).status).toBe(200);
    await addToCart(a, shopper, product.id, 2);
    await expectCartOnBoth(shopper, [[product.id, 3]]);
    expect((await logout(a, leaving)).status).toBe(204);
    await expectRefused(a, leaving);
    await expectRefused(b, leaving);
    await expectCartOnBoth(shopper, [[product.id, 3]]);
  });

  it('when Redis restarts empty, then sessions stay valid, carts intact, and later writes show on both instances', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Restart Rack', stock: 20 });
    const shopper = await warmShopper(product.id);
    const leaving = await warmShopper(product.id);

    await redis.kill();
    await rm(redisDir, { recursive: true, force: true });
    await mkdir(redisDir);
    await redis.restart();
    await untilShopperMemoryOn(a, b);

    for (const shop of [a, b]) expect((await readAccount(shop, shopper)).status).toBe(200);
    await expectCartOnBoth(shopper, [[product.id, 1]]);
    await addToCart(a, shopper, product.id, 2);
    await expectCartOnBoth(shopper, [[product.id, 3]]);
    await warmCart(b, shopper);
    await addToCart(a, shopper, product.id, 1);
    await expectCartOnBoth(shopper, [[product.id, 4]]);
    expect((await logout(a, leaving)).status).toBe(204);
    await expectRefused(a, leaving);
    await expectRefused(b, leaving);
  });
});

describe('Redis down', () => {
  it('when Redis stops, then sessions and carts come from MongoDB, correct; when it is back, nothing from before the outage is served', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Outage Oil', stock: 20 });
    const shopper = await warmShopper(product.id);
    const leaving = await warmShopper(product.id);

    await redis.kill();
    try {
      await expect
        .poll(() => [shopperMemoryOf(a), shopperMemoryOf(b)], { interval: 5 })
        .toEqual(['bypassed', 'bypassed']);
      for (const shop of [a, b]) expect((await readAccount(shop, shopper)).status).toBe(200);
      await expectCartOnBoth(shopper, [[product.id, 1]]);
      await addToCart(a, shopper, product.id, 2);
      await expectCartOnBoth(shopper, [[product.id, 3]]);
      expect((await logout(a, leaving)).status).toBe(204);
      await expectRefused(a, leaving);
      await expectRefused(b, leaving);
    } finally {
      await redis.restart();
    }
    await untilShopperMemoryOn(a, b);

    // Redis came back with what it held before (its append-only file): an old cart, a live session.
    for (let round = 0; round < 5; round++) {
      await expectCartOnBoth(shopper, [[product.id, 3]]);
      await expectRefused(b, leaving);
      await expectRefused(a, leaving);
    }
    await warmCart(b, shopper);
    await addToCart(a, shopper, product.id, 1);
    await expectCartOnBoth(shopper, [[product.id, 4]]);
  });

  it('when a cart is emptied while Redis is down, then the copy Redis kept is deleted once it is back', async () => {
    const product = await createProduct(a, admin.accessToken, { name: 'Outage Soap', stock: 20 });
    const shopper = await warmShopper(product.id);
    const copies = () => keysMatching(a, `*c:cart:${shopper.userId}:*`);
    const before = await copies();
    expect(before.length).toBeGreaterThan(0);

    await redis.kill();
    try {
      await expect.poll(() => shopperMemoryOf(a), { interval: 5 }).toBe('bypassed');
      expect((await request(a.url, 'DELETE', '/api/cart', { token: shopper.accessToken })).status).toBe(200);
    } finally {
      await redis.restart();
    }
    await untilShopperMemoryOn(a, b);

    // Redis restored the old copy from its append-only file; the replayed invalidation deleted it with the bump.
    await expect.poll(async () => (await copies()).filter((key) => before.includes(key)), { interval: 20 }).toEqual([]);
    await expectCartOnBoth(shopper, []);
  });
});
