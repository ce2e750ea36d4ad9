import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  addVariantToCart,
  quickShoppers,
  startCheckout,
  waitForFulfilment,
  waitForStatus,
} from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

const INITIAL = { S: 10, M: 6, L: 4 };
type Size = keyof typeof INITIAL;
const SIZES = Object.keys(INITIAL) as Size[];

/** A hoodie in S, M and L with INITIAL units each; the variant ids by size. */
async function hoodie() {
  const product = await createProduct(ctx, admin.accessToken, { name: 'Two size hoodie', price: 4000, stock: 0 });
  const saved = await request(ctx.url, 'PUT', `/api/admin/products/${product.id}/variants`, {
    token: admin.accessToken,
    body: {
      options: [{ name: 'Size', values: SIZES }],
      variants: SIZES.map((size) => ({
        sku: `HOODIE-${size}`,
        optionValues: [size],
        price: 4000,
        stock: INITIAL[size],
      })),
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const ids = Object.fromEntries(
    (saved.body.variants as { id: string; title: string }[]).map((variant) => [variant.title, variant.id]),
  ) as Record<Size, string>;
  return { id: product.id, ids };
}

interface Units {
  stock: number;
  reserved: number;
  sold: number;
}

/** Each size's units and the holds naming it, straight from the product document. */
async function unitsBySize(productId: string, ids: Record<Size, string>) {
  const product = await ctx.db.collection('products').findOne({ _id: new ObjectId(productId) });
  const variants = (product?.variants ?? []) as (Units & { _id: ObjectId })[];
  const holds = (product?.holds ?? []) as { orderId: ObjectId; variantId: ObjectId; quantity: number }[];
  const bySize = (size: Size) => {
    const variant = variants.find((entry) => entry._id.toHexString() === ids[size]);
    if (!variant) throw new Error(`no variant ${size}`);
    const held = holds
      .filter((hold) => hold.variantId.toHexString() === ids[size])
      .map((hold) => `${hold.orderId.toHexString()}×${hold.quantity}`)
      .sort();
    return { stock: variant.stock, reserved: variant.reserved, sold: variant.sold, held };
  };
  return {
    S: bySize('S'),
    M: bySize('M'),
    L: bySize('L'),
    product: { stock: product?.stock, reserved: product?.reserved, sold: product?.sold },
  };
}

/** stock + reserved + sold of every size is what it started with, none negative. */
function expectIdentity(units: Awaited<ReturnType<typeof unitsBySize>>) {
  for (const size of SIZES) {
    const { stock, reserved, sold } = units[size];
    expect(stock + reserved + sold, `${size}: ${JSON.stringify(units[size])}`).toBe(INITIAL[size]);
    expect(Math.min(stock, reserved, sold)).toBeGreaterThanOrEqual(0);
  }
}

/** A shopper whose cart holds 2 × S and 1 × M of the hoodie, at the payment page. */
async function checkoutOfTwoSizes(
  shop: Awaited<ReturnType<typeof hoodie>>,
): Promise<{ shopper: SignedIn; orderId: string; url: string }> {
  const [shopper] = await quickShoppers(ctx, 1);
  if (!shopper) throw new Error('no shopper');
  await addVariantToCart(ctx, shopper, shop.id, shop.ids.S, 2);
  const cart = await addVariantToCart(ctx, shopper, shop.id, shop.ids.M, 1);
  expect(cart.body.lines.map((line: { sku: string; quantity: number }) => `${line.sku}×${line.quantity}`)).toEqual([
    'HOODIE-S×2',
    'HOODIE-M×1',
  ]);
  const started = await startCheckout(ctx, shopper);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return { shopper, orderId: started.body.orderId as string, url: started.body.checkoutUrl as string };
}

describe('checkout of two sizes of one product', () => {
  it('when two orders each hold S and M, then cancelling one releases exactly its two holds and paying the other sells its two; L is never touched', async () => {
    const shop = await hoodie();
    const cancelled = await checkoutOfTwoSizes(shop);
    const paid = await checkoutOfTwoSizes(shop);

    const held = await unitsBySize(shop.id, shop.ids);
    expect(held.S).toEqual({
      stock: 6,
      reserved: 4,
      sold: 0,
      held: [`${cancelled.orderId}×2`, `${paid.orderId}×2`].sort(),
    });
    expect(held.M).toEqual({
      stock: 4,
      reserved: 2,
      sold: 0,
      held: [`${cancelled.orderId}×1`, `${paid.orderId}×1`].sort(),
    });
    expect(held.L).toEqual({ stock: 4, reserved: 0, sold: 0, held: [] });
    expect(held.product).toEqual({ stock: 14, reserved: 6, sold: 0 });
    expectIdentity(held);

    const cancel = await request(ctx.url, 'POST', `/api/checkout/${cancelled.orderId}/cancel`, {
      token: cancelled.shopper.accessToken,
      body: {},
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    await waitForStatus(ctx, cancelled.shopper, cancelled.orderId, 'cancelled');

    const released = await unitsBySize(shop.id, shop.ids);
    expect(released.S).toEqual({ stock: 8, reserved: 2, sold: 0, held: [`${paid.orderId}×2`] });
    expect(released.M).toEqual({ stock: 5, reserved: 1, sold: 0, held: [`${paid.orderId}×1`] });
    expectIdentity(released);

    await payHostedCheckout(paid.url);
    const order = await waitForFulfilment(ctx, paid.shopper, paid.orderId);
    expect(order.lines.map((line: { sku: string; quantity: number }) => `${line.sku}×${line.quantity}`)).toEqual([
      'HOODIE-S×2',
      'HOODIE-M×1',
    ]);

    const sold = await unitsBySize(shop.id, shop.ids);
    expect(sold.S).toEqual({ stock: 8, reserved: 0, sold: 2, held: [] });
    expect(sold.M).toEqual({ stock: 5, reserved: 0, sold: 1, held: [] });
    expect(sold.L).toEqual({ stock: 4, reserved: 0, sold: 0, held: [] });
    expect(sold.product).toEqual({ stock: 17, reserved: 0, sold: 3 });
    expectIdentity(sold);
  });
});
