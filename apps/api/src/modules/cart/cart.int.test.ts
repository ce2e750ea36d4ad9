import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp({ SHIPPING_FLAT_RATE: '500', FREE_SHIPPING_THRESHOLD: '10000' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

const api = (shopper: SignedIn, method: string, path: string, body?: unknown) =>
  request(ctx.url, method, path, { token: shopper.accessToken, body });

describe('the cart', () => {
  it('when items are added, changed and removed, then lines and totals are computed on the server', async () => {
    const shopper = await signedInUser(ctx);
    const mug = await createProduct(ctx, admin.accessToken, { name: 'Cart Mug', price: 1250, stock: 10 });
    const tea = await createProduct(ctx, admin.accessToken, { name: 'Cart Tea', price: 899, stock: 5 });

    expect((await api(shopper, 'POST', '/api/cart/items', { productId: mug.id, quantity: 2 })).status).toBe(200);
    await api(shopper, 'POST', '/api/cart/items', { productId: tea.id });
    const added = await api(shopper, 'POST', '/api/cart/items', { productId: mug.id, quantity: 1 });
    expect(
      added.body.lines.map((line: { name: string; quantity: number; lineTotal: number }) => [
        line.name,
        line.quantity,
        line.lineTotal,
      ]),
    ).toEqual([
      ['Cart Mug', 3, 3750],
      ['Cart Tea', 1, 899],
    ]);
    expect(added.body).toMatchObject({
      subtotal: 4649,
      discount: 0,
      shipping: 500,
      total: 5149,
      itemCount: 4,
      currency: 'USD',
      canCheckout: true,
    });

    const changed = await api(shopper, 'PATCH', `/api/cart/items/${tea.id}`, { quantity: 4 });
    expect(changed.body.subtotal).toBe(3750 + 4 * 899);
    const removed = await api(shopper, 'DELETE', `/api/cart/items/${mug.id}`);
    expect(removed.body.lines).toHaveLength(1);
    const cleared = await api(shopper, 'DELETE', '/api/cart');
    expect(cleared.body).toMatchObject({ lines: [], total: 0, canCheckout: false });
  });

  it('when quantities break the bounds, then each is refused with a clear error and the cart is unchanged', async () => {
    const shopper = await signedInUser(ctx);
    const few = await createProduct(ctx, admin.accessToken, { name: 'Scarce Vase', stock: 3 });
    const many = await createProduct(ctx, admin.accessToken, { name: 'Plenty Pens', stock: 500 });
    for (const quantity of [0, -1, 100, 1.5, '2']) {
      const response = await api(shopper, 'POST', '/api/cart/items', { productId: few.id, quantity });
      expect(response.status, String(quantity)).toBe(400);
      expect(response.body.errors[0].path).toBe('body.quantity');
    }
    const tooMany = await api(shopper, 'POST', '/api/cart/items', { productId: few.id, quantity: 4 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', meta: { available: 3 } });
    await api(shopper, 'POST', '/api/cart/items', { productId: few.id, quantity: 2 });
    expect((await api(shopper, 'POST', '/api/cart/items', { productId: few.id, quantity: 2 })).body.code).toBe(
      'INSUFFICIENT_STOCK',
    );
    await api(shopper, 'POST', '/api/cart/items', { productId: many.id, quantity: 60 });
    const over99 = await api(shopper, 'POST', '/api/cart/items', { productId: many.id, quantity: 40 });
    expect(over99.status).toBe(400);
    expect(over99.body.errors[0].path).toBe('body.quantity');
    const cart = await api(shopper, 'GET', '/api/cart');
    expect(cart.body.lines.map((line: { quantity: number }) => line.quantity)).toEqual([2, 60]);
  });

  it('when a product is inactive or unknown, then it cannot be added; if it goes inactive later, the cart flags it', async () => {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Fickle Lamp', stock: 5 });
    const hidden = await createProduct(ctx, admin.accessToken, { name: 'Hidden Lamp', stock: 5, active: false });
    expect((await api(shopper, 'POST', '/api/cart/items', { productId: hidden.id })).body.code).toBe(
      'PRODUCT_UNAVAILABLE',
    );
    expect((await api(shopper, 'POST', '/api/cart/items', { productId: new ObjectId().toHexString() })).body.code).toBe(
      'PRODUCT_UNAVAILABLE',
    );
    await api(shopper, 'POST', '/api/cart/items', { productId: product.id });
    await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { active: false },
    });
    const cart = await api(shopper, 'GET', '/api/cart');
    expect(cart.body.lines[0]).toMatchObject({ isPurchasable: false, notices: [{ type: 'unavailable' }] });
    expect(cart.body).toMatchObject({ canCheckout: false, subtotal: 0 });
  });

  it('when a price or stock changes after adding, then the cart says so until acknowledged', async () => {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Volatile Clock', price: 2000, stock: 5 });
    await api(shopper, 'POST', '/api/cart/items', { productId: product.id, quantity: 3 });
    await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 2400, stock: 2 },
    });
    const cart = await api(shopper, 'GET', '/api/cart');
    expect(cart.body.lines[0].notices).toEqual([
      { type: 'price_changed', previousPrice: 2000 },
      { type: 'insufficient_stock', available: 2 },
    ]);
    expect(cart.body.lines[0].unitPrice).toBe(2400);
    expect(cart.body.canCheckout).toBe(false);
    const acknowledged = await api(shopper, 'POST', '/api/cart/acknowledge');
    expect(acknowledged.body.lines[0].notices).toEqual([{ type: 'insufficient_stock', available: 2 }]);
    expect(acknowledged.body.fingerprint).toBe(cart.body.fingerprint);
  });

  it('when one shopper adds many different items at once, then none is lost', async () => {
    const shopper = await signedInUser(ctx);
    const products = await Promise.all(
      Array.from({ length: 12 }, (_, index) => createProduct(ctx, admin.accessToken, { name: `Race Item ${index}` })),
    );
    const responses = await Promise.all(
      products.map((product) => api(shopper, 'POST', '/api/cart/items', { productId: product.id })),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect((await api(shopper, 'GET', '/api/cart')).body.lines).toHaveLength(12);
  });

  it('when the client sends prices or totals, then they are rejected', async () => {
    const shopper = await signedInUser(ctx);
    const product = await createProduct(ctx, admin.accessToken, { name: 'Honest Price', price: 5000 });
    const response = await api(shopper, 'POST', '/api/cart/items', { productId: product.id, quantity: 1, price: 1 });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('body.price');
  });

  it('when the cart is read without signing in, then 401', async () => {
    expect((await request(ctx.url, 'GET', '/api/cart')).status).toBe(401);
  });
});

describe('the guest cart', () => {
  it('when a guest previews the browser cart, then the server prices it', async () => {
    const product = await createProduct(ctx, admin.accessToken, { name: 'Guest Bowl', price: 1500, stock: 4 });
    const preview = await request(ctx.url, 'POST', '/api/cart/preview', {
      body: { items: [{ productId: product.id, quantity: 2 }] },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ subtotal: 3000, shipping: 500, total: 3500 });
  });

  it('when a guest signs in, then the guest cart merges: quantities summed and capped to stock', async () => {
    const shopper = await signedInUser(ctx);
    const bowl = await createProduct(ctx, admin.accessToken, { name: 'Merge Bowl', stock: 5 });
    const spoon = await createProduct(ctx, admin.accessToken, { name: 'Merge Spoon', stock: 10 });
    const gone = await createProduct(ctx, admin.accessToken, { name: 'Merge Gone', stock: 10, active: false });
    await api(shopper, 'POST', '/api/cart/items', { productId: bowl.id, quantity: 3 });
    const merged = await api(shopper, 'POST', '/api/cart/merge', {
      items: [
        { productId: bowl.id, quantity: 4 },
        { productId: spoon.id, quantity: 2 },
        { productId: gone.id, quantity: 1 },
      ],
    });
    expect(merged.status).toBe(200);
    expect(merged.body.lines.map((line: { name: string; quantity: number }) => [line.name, line.quantity])).toEqual([
      ['Merge Bowl', 5],
      ['Merge Spoon', 2],
    ]);
    expect(merged.body.lines[0].notices).toEqual([{ type: 'quantity_adjusted', requested: 7 }]);
  });
});
