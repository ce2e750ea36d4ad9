import type { TCart } from '@mercato/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { addToCart, createCoupon } from '../../test-support/checkout.test-support.js';
import { request, type TestApp } from '../../test-support/harness.test-support.js';
import {
  expectAccepted,
  expectRefused,
  readAccount,
  SESSION_ENDINGS,
  warmSessions,
} from '../../test-support/session-endings.test-support.js';
import {
  cartOn,
  killShopperSubscription,
  quantitiesOf,
  twoInstances,
  shopperMemoryOf,
  untilShopperMemoryOn,
  warmCart,
} from '../../test-support/shopper-cache.test-support.js';

/** How long another instance may show a cart as it was before a write: the pub/sub delivery, with margin. */
const CART_BOUND_MS = 100;

/** How long another instance may go on accepting an ended session (issue 19). */
const CROSS_INSTANCE_BOUND_MS = 100;

let shops: Awaited<ReturnType<typeof twoInstances>>;
let a: TestApp;
let b: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  shops = await twoInstances();
  ({ a, b, admin } = shops);
});
afterAll(() => shops.close());

const api = (shop: TestApp, shopper: SignedIn, method: string, path: string, body?: unknown) =>
  request(shop.url, method, path, { token: shopper.accessToken, body });

/**
 * Asks `shop` again and again until every session is refused, and resolves to when (after `since`) the first
 * refused round was sent: B refusing whatever reaches it from then on is the bound. It gives up once a round is
 * sent past the bound, so the caller's assertion then fails with that time. (The time a round is answered would
 * add the request's own duration, which on a loaded machine is no part of how fast the news travelled.)
 */
async function refusedAfter(shop: TestApp, sessions: SignedIn[], since: number): Promise<number> {
  for (;;) {
    const sentAt = performance.now();
    const statuses = await Promise.all(sessions.map(async (session) => (await readAccount(shop, session)).status));
    if (statuses.every((status) => status === 401) || sentAt - since > CROSS_INSTANCE_BOUND_MS) return sentAt - since;
  }
}

describe('a session ended on instance A', () => {
  for (const way of SESSION_ENDINGS) {
    it(`when ${way.name} on A, then B (warm) refuses the old token within ${CROSS_INSTANCE_BOUND_MS} ms`, async () => {
      const { ended, kept, end } = await way.arrange(a, admin);
      await warmSessions(b, ...ended, ...kept);

      await end();
      const endedAt = performance.now();

      expect(await refusedAfter(b, ended, endedAt)).toBeLessThanOrEqual(CROSS_INSTANCE_BOUND_MS);
      await expectRefused(b, ...ended);
      await expectRefused(a, ...ended);
      await expectAccepted(b, ...kept);
    });
  }
});

describe('a cart changed on instance A', () => {
  it('when the shopper adds, changes, removes and applies a coupon on A, then B (warm) shows each change within the invalidation bound', async () => {
    const shopper = await signedInUser(a);
    const [lamp, rug] = await Promise.all([
      createProduct(a, admin.accessToken, { name: 'Twin Lamp', price: 3000, stock: 20 }),
      createProduct(a, admin.accessToken, { name: 'Twin Rug', price: 7000, stock: 20 }),
    ]);
    await createCoupon(a, admin.accessToken, { code: 'TWIN10', type: 'percent', value: 10 });
    await addToCart(a, shopper, lamp.id, 1);
    const steps: { write: () => Promise<{ status: number }>; shows: (cart: TCart) => void }[] = [
      {
        write: () => api(a, shopper, 'POST', '/api/cart/items', { productId: rug.id, quantity: 2 }),
        shows: (cart) =>
          expect(quantitiesOf(cart)).toEqual([
            [lamp.id, 1],
            [rug.id, 2],
          ]),
      },
      {
        write: () => api(a, shopper, 'PATCH', `/api/cart/items/${lamp.id}`, { quantity: 4 }),
        shows: (cart) =>
          expect(quantitiesOf(cart)).toEqual([
            [lamp.id, 4],
            [rug.id, 2],
          ]),
      },
      {
        write: () => api(a, shopper, 'DELETE', `/api/cart/items/${rug.id}`),
        shows: (cart) => expect(quantitiesOf(cart)).toEqual([[lamp.id, 4]]),
      },
      {
        write: () => api(a, shopper, 'POST', '/api/cart/coupon', { code: 'TWIN10' }),
        shows: (cart) => expect(cart).toMatchObject({ coupon: { code: 'TWIN10' }, subtotal: 12_000, discount: 1_200 }),
      },
      {
        write: () => api(a, shopper, 'DELETE', '/api/cart/coupon'),
        shows: (cart) => expect(cart).toMatchObject({ coupon: null, discount: 0 }),
      },
    ];
    for (const step of steps) {
      await warmCart(b, shopper);

      expect((await step.write()).status).toBe(200);

      // B hears of A's write through pub/sub, usually before the next request reaches it; on a starved machine a
      // request can overtake the message, so the documented bound (docs/decisions/0012) is what is asserted.
      await vi.waitFor(async () => step.shows(await cartOn(b, shopper)), { timeout: CART_BOUND_MS, interval: 1 });
    }
  });
});

describe('when the invalidation channel of B is down', () => {
  it('then B bypasses its memory, refuses a session ended on A at once and shows cart changes from A; once back it trusts memory again', async () => {
    const shopper = await signedInUser(a);
    const other = await signedInUser(a);
    const vase = await createProduct(a, admin.accessToken, { name: 'Blink Vase', price: 1500, stock: 20 });
    await addToCart(a, shopper, vase.id, 1);
    await warmSessions(b, shopper, other);
    await warmCart(b, shopper);

    await killShopperSubscription(b);
    await vi.waitFor(() => expect(shopperMemoryOf(b)).not.toBe('on'), { timeout: 1_000, interval: 1 });
    expect(b.app.shopperCache.stats().memoryEntries).toBe(0);

    expect((await api(a, other, 'POST', '/api/auth/logout')).status).toBe(204);
    await expectRefused(b, other);
    await addToCart(a, shopper, vase.id, 2);
    expect(quantitiesOf(await cartOn(b, shopper))).toEqual([[vase.id, 3]]);

    await untilShopperMemoryOn(b);
    await warmCart(b, shopper);
    await addToCart(a, shopper, vase.id, 1);
    await vi.waitFor(async () => expect(quantitiesOf(await cartOn(b, shopper))).toEqual([[vase.id, 4]]), {
      timeout: CART_BOUND_MS,
      interval: 1,
    });
    expect((await readAccount(b, shopper)).status).toBe(200);
  });
});
