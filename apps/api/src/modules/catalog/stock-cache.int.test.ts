import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import type { Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct } from '../../test-support/catalog.test-support.js';
import {
  addToCart,
  quickShoppers,
  startCheckout,
  stockOf,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { countFinds, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
let categorySlug: string;
beforeAll(async () => {
  ctx = await startTestApp({ MONGODB_MONITOR_COMMANDS: 'true' });
  admin = await signedInUser(ctx, { role: 'admin' });
  categorySlug = (await createCategory(ctx, admin.accessToken, { name: 'Lanterns' })).slug;
});
afterAll(() => ctx.close());

let counter = 0;
/** A product with one unit left (so a checkout of it sells out), and a shopper with it in the cart. */
async function lastUnitInCart() {
  counter += 1;
  const word = `lantern${counter}`;
  const category = (await request(ctx.url, 'GET', '/api/categories')).body.items.find(
    (item: { slug: string }) => item.slug === categorySlug,
  );
  const product = await createProduct(ctx, admin.accessToken, {
    name: `Storm ${word}`,
    stock: 1,
    featured: true,
    categoryId: category.id,
  });
  const [shopper] = await quickShoppers(ctx, 1);
  if (!shopper) throw new Error('no shopper');
  await addToCart(ctx, shopper, product.id, 1);
  return { product, shopper, word };
}

/** What a shopper sees of one product: its page, a search listing, the in-stock listing and the featured list. */
async function storefrontView(slug: string, word: string) {
  const page = await request(ctx.url, 'GET', `/api/products/${slug}`);
  const listing = await request(ctx.url, 'GET', `/api/products?q=${word}`);
  const inStockOnly = await request(ctx.url, 'GET', `/api/products?q=${word}&inStock=true`);
  const featured = await request(ctx.url, 'GET', '/api/products/featured');
  const inFeatured = featured.body.items.find((item: { slug: string }) => item.slug === slug);
  return {
    page: { stock: page.body.stock, inStock: page.body.inStock },
    listing: listing.body.items.map((item: { stock: number; inStock: boolean }) => [item.stock, item.inStock]),
    inStockOnly: inStockOnly.body.pageInfo.total,
    featured: inFeatured ? [inFeatured.stock, inFeatured.inStock] : null,
  };
}

const onShelf = { page: { stock: 1, inStock: true }, listing: [[1, true]], inStockOnly: 1, featured: [1, true] };
const soldOut = { page: { stock: 0, inStock: false }, listing: [[0, false]], inStockOnly: 0, featured: [0, false] };

/**
 * Counts the app's own database reads for these product slugs (a page load finds by slug) and for the categories
 * (every catalog load reads them) while `run` runs. Narrow on purpose: webhooks of earlier tests may still be
 * arriving and reading other things.
 */
function findsDuring(slugs: string[], run: () => Promise<unknown>): Promise<number> {
  const isCounted = (command: Document) =>
    (command.find === 'products' && slugs.includes(command.filter?.slug)) || command.find === 'categories';
  return countFinds(ctx, isCounted, run);
}

describe('stock moved by checkout shows on the cached storefront at once', () => {
  it('when a checkout holds the last unit, then its page, listings and featured show it sold out; when the checkout is abandoned, they show it back', async () => {
    const { product, shopper, word } = await lastUnitInCart();
    expect(await storefrontView(product.slug, word)).toEqual(onShelf); // now cached

    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: 0, reserved: 1 });
    expect(await storefrontView(product.slug, word)).toEqual(soldOut);

    const cancelled = await request(ctx.url, 'POST', `/api/checkout/${started.body.orderId}/cancel`, {
      token: shopper.accessToken,
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: 1, reserved: 0 });
    expect(await storefrontView(product.slug, word)).toEqual(onShelf);
  });

  it('when a paid order is cancelled with restock, then the restocked unit shows at once', async () => {
    const { product, shopper, word } = await lastUnitInCart();
    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await payHostedCheckout(started.body.checkoutUrl);
    await waitForFulfilment(ctx, shopper, started.body.orderId);
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: 0, reserved: 0, sold: 1 });
    expect(await storefrontView(product.slug, word)).toEqual(soldOut);

    const cancelled = await request(ctx.url, 'POST', `/api/admin/orders/${started.body.orderId}/cancel`, {
      token: admin.accessToken,
      body: { reason: 'Out of lantern oil' },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: 1, sold: 0 });
    expect(await storefrontView(product.slug, word)).toEqual(onShelf);
  });

  it("when a checkout moves one product's stock, then other product pages and the categories stay cached", async () => {
    const bystander = await createProduct(ctx, admin.accessToken, { name: 'Bystander Candle', stock: 5 });
    const { product, shopper } = await lastUnitInCart();
    const readOthers = async () => {
      expect((await request(ctx.url, 'GET', `/api/products/${bystander.slug}`)).body.stock).toBe(5);
      expect((await request(ctx.url, 'GET', '/api/categories')).status).toBe(200);
    };
    const readProduct = async (stock: number) => {
      expect((await request(ctx.url, 'GET', `/api/products/${product.slug}`)).body.stock).toBe(stock);
    };
    await readOthers();
    await readProduct(1);
    expect(await findsDuring([bystander.slug], readOthers)).toBe(0); // all cached
    expect(await findsDuring([product.slug], () => readProduct(1))).toBe(0);

    expect((await startCheckout(ctx, shopper)).status).toBe(201);
    expect(await findsDuring([bystander.slug], readOthers)).toBe(0);
    // ...while the product whose stock moved is read afresh.
    expect(await findsDuring([product.slug], () => readProduct(0))).toBeGreaterThan(0);
  });
});
