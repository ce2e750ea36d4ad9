import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct, pngImage, uploadImage } from '../../test-support/catalog.test-support.js';
import {
  ADDRESS,
  quickShoppers,
  waitForDeliveriesSettled,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { latestMail } from '../../test-support/mail.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

const SIZES = ['S', 'M', 'L'];
const COLOURS = ['Blue', 'Red'];

interface Variant {
  id: string;
  title: string;
  sku: string;
  stock: number;
  reserved: number;
  sold: number;
  price: number;
  compareAtPrice: number | null;
}

/** A T-shirt in three sizes and two colours; M / Blue has `stockOfMBlue` units, every other variant 20. */
async function tee(prefix: string, stockOfMBlue = 20) {
  const product = await createProduct(ctx, admin.accessToken, { name: `${prefix} tee`, price: 2000, stock: 0 });
  const variants = SIZES.flatMap((size) =>
    COLOURS.map((colour) => ({
      sku: `${prefix}-${size}-${colour}`.toUpperCase(),
      optionValues: [size, colour],
      price: size === 'L' ? 2400 : 2000,
      stock: size === 'M' && colour === 'Blue' ? stockOfMBlue : 20,
    })),
  );
  const saved = await request(ctx.url, 'PUT', `/api/admin/products/${product.id}/variants`, {
    token: admin.accessToken,
    body: {
      options: [
        { name: 'Size', values: SIZES },
        { name: 'Colour', values: COLOURS },
      ],
      variants,
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const byTitle = new Map<string, Variant>(
    (saved.body.variants as Variant[]).map((variant) => [variant.title, variant]),
  );
  return { id: product.id as string, slug: saved.body.slug as string, byTitle };
}

const variantOf = (shop: Awaited<ReturnType<typeof tee>>, title: string) => {
  const variant = shop.byTitle.get(title);
  if (!variant) throw new Error(`no variant ${title}`);
  return variant;
};

async function adminVariants(productId: string): Promise<Map<string, Variant>> {
  const product = await request(ctx.url, 'GET', `/api/admin/products/${productId}`, { token: admin.accessToken });
  return new Map((product.body.variants as Variant[]).map((variant) => [variant.title, variant]));
}

describe('options and variants', () => {
  it('when staff save Size × Colour, then the product page offers six variants and listings say "from" the lowest price', async () => {
    const shirt = await tee('page');
    const page = await request(ctx.url, 'GET', `/api/products/${shirt.slug}`);
    expect(page.status).toBe(200);
    expect(page.body.options).toEqual([
      { name: 'Size', values: SIZES },
      { name: 'Colour', values: COLOURS },
    ]);
    expect(page.body.variants.map((variant: Variant) => variant.title)).toEqual([
      'S / Blue',
      'S / Red',
      'M / Blue',
      'M / Red',
      'L / Blue',
      'L / Red',
    ]);
    expect(page.body).toMatchObject({ price: 2000, maxPrice: 2400, stock: 120 });
    const listing = await request(ctx.url, 'GET', '/api/products?q=page%20tee');
    expect(listing.body.items[0]).toMatchObject({ slug: shirt.slug, price: 2000, maxPrice: 2400, inStock: true });
  });

  it('when the variants break a rule, then the field is named and nothing is written', async () => {
    const shirt = await tee('rules');
    const other = await tee('taken');
    const before = await request(ctx.url, 'GET', `/api/admin/products/${shirt.id}`, { token: admin.accessToken });
    const save = (body: unknown) =>
      request(ctx.url, 'PUT', `/api/admin/products/${shirt.id}/variants`, { token: admin.accessToken, body });
    const options = [{ name: 'Size', values: ['S', 'M'] }];
    const cases: [unknown, string][] = [
      [
        {
          options,
          variants: [
            { sku: 'DUP-1', optionValues: ['S'], price: 100, stock: 1 },
            { sku: 'dup-1', optionValues: ['M'], price: 100, stock: 1 },
          ],
        },
        'body.variants.1.sku',
      ],
      [
        { options, variants: [{ sku: 'XL-1', optionValues: ['XL'], price: 100, stock: 1 }] },
        'body.variants.0.optionValues.0',
      ],
      [{ options, variants: [{ sku: 'NEG-1', optionValues: ['S'], price: 100, stock: -1 }] }, 'body.variants.0.stock'],
      [
        {
          options: [{ name: 'N', values: Array.from({ length: 100 }, (_, index) => `v${index}`) }],
          variants: Array.from({ length: 101 }, (_, index) => ({
            sku: `MANY-${index}`,
            optionValues: [`v${index % 100}`],
            price: 100,
            stock: 1,
          })),
        },
        'body.variants',
      ],
      [
        { options, variants: [{ sku: variantOf(other, 'S / Blue').sku, optionValues: ['S'], price: 100, stock: 1 }] },
        'body.variants.0.sku',
      ],
      [
        { options, variants: [{ sku: 'OK-1', optionValues: ['S'], price: 100, stock: 1, $where: '1' }] },
        'body.variants.0',
      ],
    ];
    for (const [body, path] of cases) {
      const refused = await save(body);
      expect(refused.status, JSON.stringify(refused.body)).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(JSON.stringify(refused.body.errors)).toContain(path);
    }
    const after = await request(ctx.url, 'GET', `/api/admin/products/${shirt.id}`, { token: admin.accessToken });
    expect(after.body).toEqual(before.body);
  });

  it('when staff add a variant without a compare-at price, then it takes the product’s; a kept one keeps its own and null clears it', async () => {
    const product = await createProduct(ctx, admin.accessToken, {
      name: 'Sale scarf',
      price: 2000,
      compareAtPrice: 2500,
    });
    const [only] = (await adminVariants(product.id)).values();
    const save = (variants: Record<string, unknown>[]) =>
      request(ctx.url, 'PUT', `/api/admin/products/${product.id}/variants`, {
        token: admin.accessToken,
        body: { options: [{ name: 'Size', values: ['S', 'M'] }], variants },
      });
    const first = await save([
      { id: only!.id, sku: 'SALE-SCARF-S', optionValues: ['S'], price: 2000, compareAtPrice: 2200, stock: 1 },
      // Cheaper, so the product's own compare-at (its cheapest variant's) becomes M's, not S's.
      { sku: 'SALE-SCARF-M', optionValues: ['M'], price: 1800, stock: 1 },
    ]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const added = await adminVariants(product.id);
    expect([added.get('S')?.compareAtPrice, added.get('M')?.compareAtPrice]).toEqual([2200, 2500]);

    await save([
      { id: added.get('S')!.id, sku: 'SALE-SCARF-S', optionValues: ['S'], price: 2000, stock: 1 },
      { id: added.get('M')!.id, sku: 'SALE-SCARF-M', optionValues: ['M'], price: 1800, compareAtPrice: null, stock: 1 },
    ]);
    const kept = await adminVariants(product.id);
    expect([kept.get('S')?.compareAtPrice, kept.get('M')?.compareAtPrice]).toEqual([2200, null]);
  });

  it('when a shopper adds two sizes, then they are two lines; a product with several variants needs one named', async () => {
    const shirt = await tee('cart');
    const [shopper] = await quickShoppers(ctx, 1);
    const add = (body: Record<string, unknown>) =>
      request(ctx.url, 'POST', '/api/cart/items', { token: shopper!.accessToken, body });
    const unnamed = await add({ productId: shirt.id, quantity: 1 });
    expect(unnamed).toMatchObject({ status: 400, body: { errors: [{ path: 'body.variantId' }] } });
    await add({ productId: shirt.id, variantId: variantOf(shirt, 'S / Blue').id, quantity: 1 });
    const cart = await add({ productId: shirt.id, variantId: variantOf(shirt, 'L / Red').id, quantity: 2 });
    expect(cart.body.lines.map((line: { variantTitle: string; sku: string; lineTotal: number }) => line)).toEqual([
      expect.objectContaining({ variantTitle: 'S / Blue', sku: 'CART-S-BLUE', lineTotal: 2000 }),
      expect.objectContaining({ variantTitle: 'L / Red', sku: 'CART-L-RED', lineTotal: 4800 }),
    ]);
    const ambiguous = await request(ctx.url, 'PATCH', `/api/cart/items/${shirt.id}`, {
      token: shopper!.accessToken,
      body: { quantity: 3 },
    });
    expect(ambiguous).toMatchObject({ status: 400, body: { errors: [{ path: 'query.variantId' }] } });
    const named = await request(
      ctx.url,
      'PATCH',
      `/api/cart/items/${shirt.id}?variantId=${variantOf(shirt, 'S / Blue').id}`,
      { token: shopper!.accessToken, body: { quantity: 3 } },
    );
    expect(named.body.lines.map((line: { quantity: number }) => line.quantity)).toEqual([3, 2]);
  });

  it('when 100 buyers race for 10 units of M / Blue, then exactly 10 hold it and every other variant is untouched', async () => {
    const shirt = await tee('race', 10);
    const target = variantOf(shirt, 'M / Blue');
    const shoppers = await quickShoppers(ctx, 100);
    const ready = [];
    for (let start = 0; start < shoppers.length; start += 20)
      ready.push(
        ...(await Promise.all(
          shoppers.slice(start, start + 20).map(async (shopper) => {
            await request(ctx.url, 'POST', '/api/cart/items', {
              token: shopper.accessToken,
              body: { productId: shirt.id, variantId: target.id, quantity: 1 },
            });
            const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
            return { shopper, fingerprint: cart.body.fingerprint as string };
          }),
        )),
      );
    const results = await Promise.all(
      ready.map(({ shopper, fingerprint }) =>
        request(ctx.url, 'POST', '/api/checkout', {
          token: shopper.accessToken,
          body: { shippingAddress: ADDRESS, cartFingerprint: fingerprint },
        }),
      ),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(10);
    expect(
      results.filter((result) => result.status !== 201).every((result) => result.body.code === 'INSUFFICIENT_STOCK'),
    ).toBe(true);
    const after = await adminVariants(shirt.id);
    expect(after.get('M / Blue')).toMatchObject({ stock: 0, reserved: 10, sold: 0 });
    for (const [title, variant] of after) {
      if (title === 'M / Blue') continue;
      expect(variant).toMatchObject({ stock: 20, reserved: 0, sold: 0 });
    }
    const product = await ctx.db.collection('products').findOne({ _id: new ObjectId(shirt.id) });
    expect(product).toMatchObject({ stock: 100, reserved: 10, sold: 0 });
  });

  it('when a variant line is paid and refunded with restock, then the order names the variant and its units come back', async () => {
    const shirt = await tee('refund');
    const large = variantOf(shirt, 'L / Blue');
    const [shopper] = await quickShoppers(ctx, 1);
    await request(ctx.url, 'POST', '/api/cart/items', {
      token: shopper!.accessToken,
      body: { productId: shirt.id, variantId: large.id, quantity: 2 },
    });
    const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper!.accessToken });
    const started = await request(ctx.url, 'POST', '/api/checkout', {
      token: shopper!.accessToken,
      body: { shippingAddress: ADDRESS, cartFingerprint: cart.body.fingerprint },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await payHostedCheckout(started.body.checkoutUrl);
    await waitForFulfilment(ctx, shopper!, started.body.orderId);
    const order = await request(ctx.url, 'GET', `/api/orders/${started.body.orderId}`, { token: shopper!.accessToken });
    expect(order.body.lines).toEqual([
      expect.objectContaining({ variantId: large.id, variantTitle: 'L / Blue', sku: 'REFUND-L-BLUE', quantity: 2 }),
    ]);
    expect((await adminVariants(shirt.id)).get('L / Blue')).toMatchObject({ stock: 18, reserved: 0, sold: 2 });
    const afterCart = await request(ctx.url, 'GET', '/api/cart', { token: shopper!.accessToken });
    expect(afterCart.body.lines).toEqual([]);
    // The confirmation names what was bought, size and colour included.
    await expect
      .poll(async () => (await latestMail(ctx, shopper!.email, 'order.confirmation'))?.text)
      .toContain('2 × refund tee — L / Blue');

    const refunded = await request(ctx.url, 'POST', `/api/admin/orders/${started.body.orderId}/refunds`, {
      token: admin.accessToken,
      body: { idempotencyKey: 'variant-refund-0001', restock: true, reason: 'Wrong size' },
    });
    expect(refunded.status, JSON.stringify(refunded.body)).toBeLessThan(300);
    await waitForDeliveriesSettled(ctx);
    expect((await adminVariants(shirt.id)).get('L / Blue')).toMatchObject({ stock: 20, reserved: 0, sold: 0 });
  });

  it('when staff adjust one variant’s stock, then only it moves, never below zero, and the change is audited with its reason', async () => {
    const shirt = await tee('adjust');
    const small = variantOf(shirt, 'S / Red');
    const adjust = (delta: number) =>
      request(ctx.url, 'POST', `/api/admin/products/${shirt.id}/variants/${small.id}/stock`, {
        token: admin.accessToken,
        body: { delta, reason: 'Stock-take' },
      });
    expect((await adjust(5)).status).toBe(200);
    expect(await adjust(-26)).toMatchObject({ status: 400, body: { errors: [{ path: 'body.delta' }] } });
    const after = await adminVariants(shirt.id);
    expect(after.get('S / Red')?.stock).toBe(25);
    expect(after.get('S / Blue')?.stock).toBe(20);
    const entry = await ctx.db
      .collection('audit_log')
      .findOne({ action: 'product.stock_adjust', 'entity.id': shirt.id });
    expect(entry?.after).toMatchObject({ stock: 25, delta: 5, reason: 'Stock-take', sku: 'ADJUST-S-RED' });
  });

  it('when staff take an image off a product, then its variants lose it too and the variant table saves as before', async () => {
    const upload = async (colour: string) =>
      (await uploadImage(ctx, admin.accessToken, await pngImage(640, 480, colour))).body.id as string;
    const first = await upload('#aa3333');
    const second = await upload('#3333aa');
    const product = await createProduct(ctx, admin.accessToken, {
      name: 'Pictured scarf',
      images: [
        { imageId: first, alt: 'Scarf, red' },
        { imageId: second, alt: 'Scarf, blue' },
      ],
    });
    const body = (imageIds: string[][]) => ({
      options: [{ name: 'Colour', values: ['Red', 'Blue'] }],
      variants: ['Red', 'Blue'].map((colour, index) => ({
        sku: `SCARF-${colour.toUpperCase()}`,
        optionValues: [colour],
        price: 1200,
        stock: 3,
        imageIds: imageIds[index],
      })),
    });
    const put = (imageIds: string[][]) =>
      request(ctx.url, 'PUT', `/api/admin/products/${product.id}/variants`, {
        token: admin.accessToken,
        body: body(imageIds),
      });
    expect((await put([[first], [second, first]])).status).toBe(200);

    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { name: 'Pictured scarf', images: [{ imageId: first, alt: 'Scarf, red' }] },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const stored = await ctx.db.collection('products').findOne({ _id: new ObjectId(product.id) });
    expect(stored?.variants.map((variant: { imageIds: ObjectId[] }) => variant.imageIds.map(String))).toEqual([
      [first],
      [first],
    ]);
    // What the admin table sends back (the variants as loaded) is accepted.
    expect((await put([[first], [first]])).status).toBe(200);
    expect(await put([[first], [second]])).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'body.variants.1.imageIds.0' }] },
    });

    // Sold one way, the product form sends price and stock with the images: both updates apply.
    const mug = await createProduct(ctx, admin.accessToken, {
      name: 'Pictured mug',
      images: [
        { imageId: first, alt: 'Mug, red' },
        { imageId: second, alt: 'Mug, blue' },
      ],
    });
    const single = await request(ctx.url, 'PUT', `/api/admin/products/${mug.id}/variants`, {
      token: admin.accessToken,
      body: { options: [], variants: [{ sku: 'PICTURED-MUG', price: 1000, stock: 3, imageIds: [second, first] }] },
    });
    expect(single.status, JSON.stringify(single.body)).toBe(200);
    const form = await request(ctx.url, 'PATCH', `/api/admin/products/${mug.id}`, {
      token: admin.accessToken,
      body: { price: 1300, stock: 4, images: [{ imageId: first, alt: 'Mug, red' }] },
    });
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    const mugStored = await ctx.db.collection('products').findOne({ _id: new ObjectId(mug.id) });
    expect(mugStored?.variants).toMatchObject([{ price: 1300, stock: 4, imageIds: [new ObjectId(first)] }]);
  });
});
