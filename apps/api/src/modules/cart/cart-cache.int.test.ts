import type { TCart } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { addToCart, createCoupon, startCheckout } from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import {
  cartOn,
  keysMatching,
  quantitiesOf,
  untilShopperMemoryOn,
  warmCart,
} from '../../test-support/shopper-cache.test-support.js';

const DAY_MS = 24 * 60 * 60 * 1000;

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  await untilShopperMemoryOn(ctx);
});
afterAll(() => ctx.close());

const api = (shopper: SignedIn, method: string, path: string, body?: unknown) =>
  request(ctx.url, method, path, { token: shopper.accessToken, body });

/** The cart as MongoDB holds it: `[productId, quantity]` per line. */
async function storedQuantities(shopper: SignedIn) {
  const cart = await ctx.db.collection('carts').findOne({ userId: new ObjectId(shopper.userId) });
  return (cart?.items ?? []).map((item: { productId: ObjectId; quantity: number }) => [
    item.productId.toHexString(),
    item.quantity,
  ]);
}

const cartKeysOf = (userId: string) => keysMatching(ctx, `*c:cart:${userId}:*`);

describe('read-your-writes on one instance', () => {
  it('when each cart write answers, then the very next read (warm before it) shows it', async () => {
    const shopper = await signedInUser(ctx);
    const [pen, ink] = await Promise.all([
      createProduct(ctx, admin.accessToken, { name: 'Ryw Pen', price: 1000, stock: 30 }),
      createProduct(ctx, admin.accessToken, { name: 'Ryw Ink', price: 2000, stock: 30 }),
    ]);
    await createCoupon(ctx, admin.accessToken, { code: 'RYW20', type: 'percent', value: 20 });
    await addToCart(ctx, shopper, pen.id, 1);
    const steps: [string, () => Promise<{ status: number }>, (cart: TCart) => void][] = [
      [
        'add',
        () => api(shopper, 'POST', '/api/cart/items', { productId: ink.id, quantity: 3 }),
        (cart) =>
          expect(quantitiesOf(cart)).toEqual([
            [pen.id, 1],
            [ink.id, 3],
          ]),
      ],
      [
        'add more of a line',
        () => api(shopper, 'POST', '/api/cart/items', { productId: pen.id, quantity: 2 }),
        (cart) =>
          expect(quantitiesOf(cart)).toEqual([
            [pen.id, 3],
            [ink.id, 3],
          ]),
      ],
      [
        'set a quantity',
        () => api(shopper, 'PATCH', `/api/cart/items/${ink.id}`, { quantity: 1 }),
        (cart) => expect(cart).toMatchObject({ subtotal: 5000, itemCount: 4 }),
      ],
      [
        'apply a coupon',
        () => api(shopper, 'POST', '/api/cart/coupon', { code: 'ryw20' }),
        (cart) => expect(cart).toMatchObject({ coupon: { code: 'RYW20' }, discount: 1000 }),
      ],
      [
        'remove a line',
        () => api(shopper, 'DELETE', `/api/cart/items/${pen.id}`),
        (cart) => expect(cart).toMatchObject({ subtotal: 2000, discount: 400, lines: [{ productId: ink.id }] }),
      ],
      [
        'remove the coupon',
        () => api(shopper, 'DELETE', '/api/cart/coupon'),
        (cart) => expect(cart).toMatchObject({ coupon: null, discount: 0 }),
      ],
      ['empty the cart', () => api(shopper, 'DELETE', '/api/cart'), (cart) => expect(cart.lines).toEqual([])],
    ];
    for (const [name, write, shows] of steps) {
      await warmCart(ctx, shopper);
      expect((await write()).status, name).toBe(200);
      shows(await cartOn(ctx, shopper));
    }
  });
});

describe('concurrent writes to one cart', () => {
  it('when 30 adds of one product land at once, then the cart holds exactly 30, in the read and in MongoDB', async () => {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Rush Cup', stock: 50 });
    await warmCart(ctx, shopper);

    const responses = await Promise.all(
      Array.from({ length: 30 }, () => api(shopper, 'POST', '/api/cart/items', { productId: product.id })),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(200));
    expect(quantitiesOf(await cartOn(ctx, shopper))).toEqual([[product.id, 30]]);
    expect(await storedQuantities(shopper)).toEqual([[product.id, 30]]);
  });

  it('when 30 adds over 10 products (3 each) land at once, then every line holds exactly 3', async () => {
    const shopper = await signedInUser(ctx);
    const products = await Promise.all(
      Array.from({ length: 10 }, (_, index) => createProduct(ctx, admin.accessToken, { name: `Rush Item ${index}` })),
    );
    await warmCart(ctx, shopper);

    const responses = await Promise.all(
      products.flatMap((product) =>
        [1, 2, 3].map(() => api(shopper, 'POST', '/api/cart/items', { productId: product.id })),
      ),
    );

    expect(responses.every((response) => response.status === 200)).toBe(true);
    const expected = products.map((product) => [product.id, 3]).sort();
    expect(quantitiesOf(await cartOn(ctx, shopper)).sort()).toEqual(expected);
    expect((await storedQuantities(shopper)).sort()).toEqual(expected);
  });
});

describe('catalog changes in a warm cart', () => {
  it('when an admin changes the price, then the warm cart shows the new price and the notice at once', async () => {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Warm Clock', price: 2000, stock: 5 });
    await addToCart(ctx, shopper, product.id, 2);
    await warmCart(ctx, shopper);

    await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 2600 },
    });

    const cart = await cartOn(ctx, shopper);
    expect(cart.lines[0]).toMatchObject({ unitPrice: 2600, lineTotal: 5200 });
    expect(cart.lines[0]?.notices).toEqual([{ type: 'price_changed', previousPrice: 2000 }]);
  });

  it('when another shopper’s checkout holds stock, then the warm cart shows what is left at once', async () => {
    const shopper = await signedInUser(ctx);
    const rival = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Last Lantern', price: 4000, stock: 5 });
    await addToCart(ctx, shopper, product.id, 2);
    await addToCart(ctx, rival, product.id, 4);
    expect((await warmCart(ctx, shopper)).lines[0]?.available).toBe(5);

    expect((await startCheckout(ctx, rival)).status).toBe(201);

    const cart = await cartOn(ctx, shopper);
    expect(cart.lines[0]?.available).toBe(1);
    expect(cart.lines[0]?.notices).toEqual([{ type: 'insufficient_stock', available: 1 }]);
    expect(cart.canCheckout).toBe(false);
  });
});

describe('cached copies of a shopper’s data go with it', () => {
  async function shopperWithCachedCart() {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Private Parcel', stock: 5 });
    await addToCart(ctx, shopper, product.id, 1);
    await warmCart(ctx, shopper);
    await request(ctx.url, 'GET', '/api/auth/me', { token: shopper.accessToken });
    expect(await cartKeysOf(shopper.userId)).toHaveLength(1);
    expect(await keysMatching(ctx, `*c:profile:${shopper.userId}:*`)).toHaveLength(1);
    return shopper;
  }

  it('when the shopper logs out, then no Redis copy of their cart or profile remains; MongoDB keeps the cart', async () => {
    const shopper = await shopperWithCachedCart();

    const out = await request(ctx.url, 'POST', '/api/auth/logout', {
      token: shopper.accessToken,
      headers: { cookie: `mercato_rt=${shopper.refreshCookie}`, origin: ctx.config.PUBLIC_URL },
    });

    expect(out.status).toBe(204);
    expect(await cartKeysOf(shopper.userId)).toEqual([]);
    expect(await keysMatching(ctx, `*c:profile:${shopper.userId}:*`)).toEqual([]);
    expect(await storedQuantities(shopper)).toHaveLength(1);
  });

  it('when the account is erased, then no Redis copy of their cart or profile remains', async () => {
    const shopper = await shopperWithCachedCart();

    const erased = await api(shopper, 'POST', '/api/account/erase', { password: shopper.password });

    expect(erased.status).toBe(200);
    expect(await cartKeysOf(shopper.userId)).toEqual([]);
    expect(await keysMatching(ctx, `*c:profile:${shopper.userId}:*`)).toEqual([]);
  });

  it('when retention deletes an untouched cart, then its Redis copy goes with it', async () => {
    const shopper = await shopperWithCachedCart();

    const report = await ctx.app.privacy.runRetention(
      new Date(Date.now() + (ctx.config.CART_RETENTION_DAYS + 1) * DAY_MS),
    );

    expect(report.carts).toBeGreaterThanOrEqual(1);
    expect(await ctx.db.collection('carts').countDocuments({ userId: new ObjectId(shopper.userId) })).toBe(0);
    expect(await cartKeysOf(shopper.userId)).toEqual([]);
    expect((await cartOn(ctx, shopper)).lines).toEqual([]);
  });
});
