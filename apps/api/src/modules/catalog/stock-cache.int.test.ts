import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { LOW_STOCK_THRESHOLD } from '@mercato/shared';
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
/**
 * A featured product in the test category with `stock` units, named with a word of its own, and `buyers` shoppers
 * with one unit each in the cart.
 */
async function productWithBuyers(stock: number, buyers = 1) {
  counter += 1;
  const word = `lantern${counter}`;
  const category = (await request(ctx.url, 'GET', '/api/categories')).body.items.find(
    (item: { slug: string }) => item.slug === categorySlug,
  );
  const product = await createProduct(ctx, admin.accessToken, {
    name: `Storm ${word}`,
    stock,
    featured: true,
    categoryId: category.id,
  });
  const shoppers = await quickShoppers(ctx, buyers);
  for (let start = 0; start < shoppers.length; start += 10)
    await Promise.all(shoppers.slice(start, start + 10).map((shopper) => addToCart(ctx, shopper, product.id, 1)));
  return { product: { id: product.id, slug: product.slug, word }, shoppers, word };
}
type Product = Awaited<ReturnType<typeof productWithBuyers>>['product'];

/** A product with one unit left (so a checkout of it sells out), and a shopper with it in the cart. */
async function lastUnitInCart() {
  const { product, shoppers, word } = await productWithBuyers(1);
  const [shopper] = shoppers;
  if (!shopper) throw new Error('no shopper');
  return { product, shopper, word };
}

/** Lists that show a product's stock level: a search listing, the in-stock listing, featured, a related list. */
const listUrls = (product: Product) => [
  `/api/products?q=${product.word}`,
  `/api/products?q=${product.word}&inStock=true`,
  '/api/products/featured',
  `/api/products/${product.slug}/related`,
];

/** What a shopper sees of one product: its page, a search listing, the in-stock listing and the featured list. */
async function storefrontView(slug: string, word: string) {
  const page = await request(ctx.url, 'GET', `/api/products/${slug}`);
  const listing = await request(ctx.url, 'GET', `/api/products?q=${word}`);
  const inStockOnly = await request(ctx.url, 'GET', `/api/products?q=${word}&inStock=true`);
  const featured = await request(ctx.url, 'GET', '/api/products/featured');
  const inFeatured = featured.body.items.find((item: { slug: string }) => item.slug === slug);
  return {
    page: { stock: page.body.stock, inStock: page.body.inStock, stockLevel: page.body.stockLevel },
    listing: listing.body.items.map((item: { stockLevel: string; inStock: boolean }) => [
      item.stockLevel,
      item.inStock,
    ]),
    inStockOnly: inStockOnly.body.pageInfo.total,
    featured: inFeatured ? [inFeatured.stockLevel, inFeatured.inStock] : null,
  };
}

/** The view `storefrontView` must give of a product with `stock` units at `level`. */
function shown(stock: number, level: 'in_stock' | 'low_stock' | 'out_of_stock') {
  const inStock = stock > 0;
  return {
    page: { stock, inStock, stockLevel: level },
    listing: [[level, inStock]],
    inStockOnly: inStock ? 1 : 0,
    featured: [level, inStock],
  };
}

const onShelf = shown(1, 'low_stock');
const soldOut = shown(0, 'out_of_stock');

/** Each list's ETag and `x-cache` header. */
async function listStates(product: Product) {
  return Promise.all(
    listUrls(product).map(async (url) => {
      const response = await request(ctx.url, 'GET', url);
      expect(response.status, url).toBe(200);
      return { url, etag: response.headers.get('etag'), cache: response.headers.get('x-cache') };
    }),
  );
}

/** Fails unless every list still answers from its cache entry of `before`, without reading MongoDB. */
async function expectListsStillCached(product: Product, before: Awaited<ReturnType<typeof listStates>>) {
  let after: Awaited<ReturnType<typeof listStates>> = [];
  const finds = await findsDuring([product.slug], async () => {
    after = await listStates(product);
  });
  expect(after).toEqual(before.map((list) => ({ ...list, cache: 'hit' })));
  expect(finds).toBe(0);
}

/** Fails unless every list was rebuilt: read from MongoDB again, not answered from a cache entry. */
async function expectListsRebuilt(product: Product) {
  for (const list of await listStates(product)) expect(list.cache, list.url).toBe('miss');
}

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
    await expectListsRebuilt(product);
    expect(await storefrontView(product.slug, word)).toEqual(soldOut);

    const cancelled = await request(ctx.url, 'POST', `/api/checkout/${started.body.orderId}/cancel`, {
      token: shopper.accessToken,
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: 1, reserved: 0 });
    await expectListsRebuilt(product);
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

describe('listings are invalidated only when a stock move changes what they show', () => {
  it('when a hold and its payment leave a product well stocked, then every list stays cached (same ETag, no database read) while its page shows the new count at once', async () => {
    const { product, shoppers, word } = await productWithBuyers(20);
    const [shopper] = shoppers;
    if (!shopper) throw new Error('no shopper');
    expect(await storefrontView(product.slug, word)).toEqual(shown(20, 'in_stock'));
    const before = await listStates(product);

    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: 19, reserved: 1 });
    await expectListsStillCached(product, before);
    const page = await request(ctx.url, 'GET', `/api/products/${product.slug}`);
    expect([page.body.stock, page.headers.get('x-cache')]).toEqual([19, 'miss']);

    await payHostedCheckout(started.body.checkoutUrl);
    await waitForFulfilment(ctx, shopper, started.body.orderId);
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: 19, reserved: 0, sold: 1 });
    await expectListsStillCached(product, before);
    const conditional = await request(ctx.url, 'GET', `/api/products?q=${word}`, {
      headers: { 'if-none-match': String(before[0]?.etag) },
    });
    expect(conditional.status).toBe(304);
    expect(await storefrontView(product.slug, word)).toEqual(shown(19, 'in_stock'));
  });

  it('when holds and releases cross the low-stock threshold, then lists change at once; moves within the low band leave them cached', async () => {
    const { product, shoppers, word } = await productWithBuyers(LOW_STOCK_THRESHOLD + 1, 2);
    const [first, second] = shoppers;
    if (!first || !second) throw new Error('no shoppers');
    expect(await storefrontView(product.slug, word)).toEqual(shown(LOW_STOCK_THRESHOLD + 1, 'in_stock'));

    const firstCheckout = await startCheckout(ctx, first);
    expect(firstCheckout.status, JSON.stringify(firstCheckout.body)).toBe(201);
    await expectListsRebuilt(product);
    expect(await storefrontView(product.slug, word)).toEqual(shown(LOW_STOCK_THRESHOLD, 'low_stock'));

    const inLowBand = await listStates(product);
    const secondCheckout = await startCheckout(ctx, second);
    expect(secondCheckout.status, JSON.stringify(secondCheckout.body)).toBe(201);
    await expectListsStillCached(product, inLowBand);
    expect(await storefrontView(product.slug, word)).toEqual(shown(LOW_STOCK_THRESHOLD - 1, 'low_stock'));

    const cancel = (checkout: typeof firstCheckout, shopper: SignedIn) =>
      request(ctx.url, 'POST', `/api/checkout/${checkout.body.orderId}/cancel`, { token: shopper.accessToken });
    expect((await cancel(firstCheckout, first)).status).toBe(200);
    await expectListsStillCached(product, inLowBand);
    expect((await storefrontView(product.slug, word)).page.stock).toBe(LOW_STOCK_THRESHOLD);

    expect((await cancel(secondCheckout, second)).status).toBe(200);
    await expectListsRebuilt(product);
    expect(await storefrontView(product.slug, word)).toEqual(shown(LOW_STOCK_THRESHOLD + 1, 'in_stock'));
  });

  it('when 20 buyers race for the last 8 units while shoppers keep reading the lists, then once the holds are taken no list claims stock that is gone, and once they are released every list shows it back', async () => {
    const units = LOW_STOCK_THRESHOLD + 3;
    const { product, shoppers, word } = await productWithBuyers(units, 20);
    expect(await storefrontView(product.slug, word)).toEqual(shown(units, 'in_stock'));

    // Readers keep filling the cache with whatever the race has done so far.
    let isRacing = true;
    const reading = (async () => {
      while (isRacing) await listStates(product);
    })();
    const answers = await Promise.all(shoppers.map((shopper) => startCheckout(ctx, shopper)));
    isRacing = false;
    await reading;

    const won = answers.flatMap((answer, index) => (answer.status === 201 ? [{ answer, index }] : []));
    expect(won).toHaveLength(units);
    expect(answers.filter((answer) => answer.body.code === 'INSUFFICIENT_STOCK')).toHaveLength(20 - units);
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: 0, reserved: units, holds: units });
    expect(await storefrontView(product.slug, word)).toEqual(soldOut);

    const released = await Promise.all(
      won.map(({ answer, index }) =>
        request(ctx.url, 'POST', `/api/checkout/${answer.body.orderId}/cancel`, {
          token: shoppers[index]?.accessToken,
        }),
      ),
    );
    expect(released.map((answer) => answer.status)).toEqual(won.map(() => 200));
    expect(await stockOf(ctx, product.id)).toMatchObject({ stock: units, reserved: 0, holds: 0 });
    expect(await storefrontView(product.slug, word)).toEqual(shown(units, 'in_stock'));
  });
});
