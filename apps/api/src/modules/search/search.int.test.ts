import { ObjectId, type Document } from 'mongodb';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { countFinds, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { pngImage, uploadImage } from '../../test-support/catalog.test-support.js';
import { createDemoCatalog } from '../../test-support/search.test-support.js';
import { PRODUCTS } from '../catalog/model.js';
import { MAX_QUERY_WORDS } from './analyze.js';
import { SEARCH_INDEX } from './mongo-engine.js';

let ctx: TestApp;
let admin: SignedIn;
let demo: Awaited<ReturnType<typeof createDemoCatalog>>;

beforeAll(async () => {
  ctx = await startTestApp({ MONGODB_MONITOR_COMMANDS: 'true' });
  admin = await signedInUser(ctx, { role: 'admin' });
  demo = await createDemoCatalog(ctx, admin.accessToken);
});
afterAll(() => ctx.close());

const search = async (query: string) => {
  const response = await request(ctx.url, 'GET', `/api/search?${query}`);
  expect(response.status, query).toBe(200);
  return response.body;
};
/**
 * The `find` commands the app sends to products while `run` runs, each explained again afterwards: how many there
 * were, the documents they examined in all, and how many did not name the search-keys index (a scan waiting to happen).
 */
async function productReads(run: () => Promise<unknown>) {
  const commands: Document[] = [];
  await countFinds(ctx, (command) => command.find === PRODUCTS && commands.push(command) > 0, run);
  let docsExamined = 0;
  for (const { find, filter, projection, limit, hint } of commands) {
    const explained = await ctx.app.mongo.db.command({
      explain: { find, filter, projection, limit, hint },
      verbosity: 'executionStats',
    });
    docsExamined += explained.executionStats.totalDocsExamined as number;
  }
  const unhinted = commands.filter((command) => command.hint !== SEARCH_INDEX).length;
  return { queries: commands.length, docsExamined, unhinted };
}

/**
 * What a query that finds nothing may cost, whatever its words: the search itself (its anywhere tier, one as-typed
 * check per word, its typo tier) and, for "did you mean", per word its own search (name, anywhere, as typed, typo)
 * and one nearest-word lookup. Every read names the search-keys index, and together they examine fewer documents
 * than one scan of the catalogue would.
 */
function expectBoundedReads(reads: { queries: number; docsExamined: number; unhinted: number }) {
  expect(reads.queries).toBeLessThanOrEqual(2 + MAX_QUERY_WORDS + MAX_QUERY_WORDS * (4 + 1));
  expect(reads.unhinted).toBe(0);
  expect(reads.docsExamined).toBeLessThan(demo.products.size);
}

/** `count` distinct made-up words of `length` letters, the same ones every run (xorshift from `seed`). */
function madeUpWords(count: number, length: number, seed = 7): string[] {
  let state = seed;
  const letter = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return String.fromCharCode(97 + ((state >>> 0) % 26));
  };
  return Array.from({ length: count }, () => Array.from({ length }, letter).join(''));
}

const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);
const counts = (values: { value: string; count: number }[]) =>
  Object.fromEntries(values.map((value) => [value.value, value.count]));

describe('facets', () => {
  it('when a query matches several categories, then each category and price band comes with its count', async () => {
    const body = await search('q=wireless');
    // The soundbar's description mentions its wireless subwoofer: found, ranked after the names.
    expect(names(body)).toEqual(['Wireless Earbuds', 'Wireless Charging Pad', 'Soundbar']);
    expect(counts(body.facets.category)).toEqual({ 'home-office': 1, audio: 2 });
    expect(counts(body.facets.price)).toEqual({ '2500-5000': 1, '10000-25000': 1, '25000-': 1 });
    expect(body.facets.inStock).toBe(3);
    expect(body.isCapped).toBe(false);
  });

  it('when a category is chosen, then results narrow but the other categories stay listed with their counts', async () => {
    const all = await search('q=headphones');
    const chosen = await search('q=headphones&category=audio');
    expect(chosen.pageInfo.total).toBeLessThan(all.pageInfo.total);
    expect(names(chosen).every((name: string) => name !== 'Noise-Cancelling Headphones')).toBe(true);
    expect(counts(chosen.facets.category)).toEqual(counts(all.facets.category));
    expect(counts(chosen.facets.category)).toEqual({ 'home-office': 1, audio: 3 });
  });

  it('when two values of one facet are chosen, then they add up; another facet counts within them', async () => {
    const both = await search('q=headphones&category=audio,home-office');
    expect(both.pageInfo.total).toBe(4);
    const inStock = await search('q=headphones&category=audio,home-office&inStock=true');
    expect(inStock.pageInfo.total).toBe(3); // Studio Headphones are sold out
    expect(inStock.facets.inStock).toBe(3);
    expect(counts(inStock.facets.category)).toEqual({ 'home-office': 1, audio: 2 });
  });

  it('when a price band is chosen, then only products in it remain and every band keeps its count', async () => {
    const body = await search('q=socks&price=0-2500');
    expect(names(body).sort()).toEqual(['Everyday Socks (3 pack)', 'Merino Hiking Socks']);
    expect(counts(body.facets.price)).toEqual({ '0-2500': 2 });
    const chair = await search('q=chair&price=25000-');
    expect(names(chair)).toEqual(['Ergonomic Task Chair']);
    expect(counts(chair.facets.price)).toEqual({ '5000-10000': 1, '25000-': 1 });
  });

  it('when an unknown category is chosen, then nothing matches but the facets still offer the real ones', async () => {
    const body = await search('q=lamp&category=no-such-category');
    expect(body.items).toEqual([]);
    // "lamp" is one typo from "camp", but it exists as typed: no typo matches, only the real lamp's category.
    expect(counts(body.facets.category)).toEqual({ 'home-office': 1 });
  });

  it('when results are sorted by price, then the order follows the price, not relevance', async () => {
    const body = await search('q=speaker&sort=price_asc');
    const prices = body.items.map((item: { price: number }) => item.price);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });
});

describe('did you mean', () => {
  it('when a query finds nothing because of a typo beyond the budget, then the closest query with results is proposed', async () => {
    // Two substitutions in a six-letter word: one typo is forgiven at that length, two are not.
    const body = await search('q=jakkit');
    expect(body.items).toEqual([]);
    expect(body.didYouMean).toBe('jacket');
    const followed = await search(`q=${body.didYouMean}`);
    expect(followed.pageInfo.total).toBeGreaterThan(0);
  });

  it('when every word matches alone but not together, then the query without the last one is proposed', async () => {
    const body = await search('q=turntable%20socks');
    expect(body.items).toEqual([]);
    expect(body.didYouMean).toBe('turntable');
  });

  it('when a query has results, then there is no proposal; when nothing is close, none either', async () => {
    expect((await search('q=turntable')).didYouMean).toBeNull();
    expect((await search('q=qqqqxxxx')).didYouMean).toBeNull();
  });
});

describe('suggestions', () => {
  it('when a shopper types a prefix, then the best products come with price and category, and matching categories', async () => {
    const response = await request(ctx.url, 'GET', '/api/search/suggest?q=kitch');
    expect(response.status).toBe(200);
    expect(response.body.categories.map((category: { slug: string }) => category.slug)).toEqual(['kitchen']);
    // More than eight products match (the Kitchen category's eleven, two names): the best eight are suggested.
    expect((await search('q=kitch')).pageInfo.total).toBeGreaterThan(8);
    expect(response.body.products).toHaveLength(8);
    expect(response.body.products[0]).toMatchObject({
      name: 'The Slow Kitchen',
      price: 3200,
      currency: 'USD',
      category: { slug: 'books' },
      inStock: true,
      thumbnail: null, // the test catalogue has no pictures
    });
  });

  it('when a suggested product has a picture, then its thumbnail is the smallest rendition, sized to match', async () => {
    // 900 × 500: renditions 320, 640 and 900 wide; the smallest is 320 × 178 (500 × 320 / 900, rounded).
    const upload = await uploadImage(ctx, admin.accessToken, await pngImage(900, 500));
    expect(upload.status).toBe(201);
    const id = demo.products.get('Herb Keeper');
    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${id}`, {
      token: admin.accessToken,
      body: { images: [{ imageId: upload.body.id, alt: 'A herb keeper on a shelf' }] },
    });
    expect(patched.status).toBe(200);
    const smallest = (upload.body.srcset as string).split(', ')[0]?.split(' ')[0];
    expect(smallest).toMatch(/^\/media\/[0-9a-f]+-320\.webp$/);

    const response = await request(ctx.url, 'GET', '/api/search/suggest?q=herb');
    expect(response.body.products[0]).toMatchObject({
      name: 'Herb Keeper',
      thumbnail: { src: smallest, alt: 'A herb keeper on a shelf', width: 320, height: 178 },
    });
    const served = await fetch(`${ctx.url}${response.body.products[0].thumbnail.src}`);
    expect(served.status).toBe(200);
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ width: 320, height: 178 });
  });

  it('when a shopper types with a typo, then suggestions still come', async () => {
    const response = await request(ctx.url, 'GET', '/api/search/suggest?q=turntabel');
    expect(response.body.products.map((product: { name: string }) => product.name)).toEqual(['Turntable']);
  });

  it('when the same suggestion is asked again, then it comes from the cache', async () => {
    const first = await request(ctx.url, 'GET', '/api/search/suggest?q=merino');
    const second = await request(ctx.url, 'GET', '/api/search/suggest?q=MERINO');
    expect(first.headers.get('x-cache')).toBe('miss');
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.body).toEqual(first.body);
  });
});

describe('writes are reflected at once', () => {
  it('when an admin renames a product, then search and suggestions find the new name on the next request', async () => {
    expect((await search('q=gramophone')).items).toEqual([]);
    await request(ctx.url, 'GET', '/api/search/suggest?q=gramoph');
    const id = demo.products.get('Turntable');
    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${id}`, {
      token: admin.accessToken,
      body: { name: 'Gramophone Turntable' },
    });
    expect(patched.status).toBe(200);
    expect(names(await search('q=gramophone'))).toEqual(['Gramophone Turntable']);
    const suggested = await request(ctx.url, 'GET', '/api/search/suggest?q=gramoph');
    expect(suggested.body.products.map((product: { name: string }) => product.name)).toEqual(['Gramophone Turntable']);
  });

  it('when a category is renamed, then its products are found by the new name', async () => {
    const id = demo.categories.get('Outdoors');
    expect((await search('q=wilderness%20tent')).items).toEqual([]);
    await request(ctx.url, 'PATCH', `/api/admin/categories/${id}`, {
      token: admin.accessToken,
      body: { name: 'Wilderness' },
    });
    expect(names(await search('q=wilderness%20tent'))).toEqual(['Ultralight Tent 2P']);
  });

  it('when a sale empties a shelf, then the in-stock facet and the stock tie-break change on the next request', async () => {
    const before = await search('q=wireless&inStock=true');
    expect(before.facets.inStock).toBe(3);
    const id = new ObjectId(demo.products.get('Wireless Earbuds'));
    // What a checkout hold does: move the variant's units and the product's totals in one update, then tell the
    // catalog (inventory/holds.ts). Shoppers see the stock of active variants, so the variant's is the one that counts.
    await ctx.db
      .collection('products')
      .updateOne(
        { _id: id },
        { $inc: { 'variants.0.stock': -40, stock: -40, 'variants.0.reserved': 40, reserved: 40 } },
      );
    await ctx.app.catalog.stockChanged([{ productId: id, slug: 'wireless-earbuds', before: 40, after: 0 }]);
    const after = await search('q=wireless&inStock=true');
    expect(names(after)).toEqual(['Wireless Charging Pad', 'Soundbar']);
    expect(after.facets.inStock).toBe(2);
  });
});

describe('bad input', () => {
  it('when the query is invalid, then a 400 problem names the field', async () => {
    const cases: [string, string, string][] = [
      ['/api/search', 'query.q', 'missing'],
      ['/api/search?q=%20%20', 'query.q', 'blank'],
      [`/api/search?q=${'a'.repeat(201)}`, 'query.q', 'too long'],
      [`/api/search?q=${Array.from({ length: 200 }, () => 'a').join('%20')}`, 'query.q', '200 words'],
      ['/api/search?q=lamp&price=1-2', 'query.price.0', 'unknown band'],
      ['/api/search?q=lamp&category=Not%20A%20Slug', 'query.category.0', 'bad slug'],
      ['/api/search?q=lamp&sort=random', 'query.sort', 'unknown sort'],
      ['/api/search?q=lamp&q=desk', 'query.q', 'repeated'],
      ['/api/search?q[$ne]=x', 'query.q', 'operator'],
      ['/api/search/suggest', 'query.q', 'suggest without q'],
      ['/api/search/suggest?q=lamp&limit=50', 'query.limit', 'unknown parameter'],
    ];
    for (const [path, field, label] of cases) {
      const response = await request(ctx.url, 'GET', path);
      expect(response.status, label).toBe(400);
      expect(response.headers.get('content-type'), label).toContain('application/problem+json');
      expect(
        response.body.errors.map((error: { path: string }) => error.path),
        label,
      ).toContain(field);
    }
  });

  it('when the query is punctuation, regex metacharacters or over-long words, then the answer is an empty 200', async () => {
    for (const q of ['!!!', '.*', '^(?:)+$', '[]{}|', '\\', `${'x'.repeat(60)}`, '— … ·']) {
      const body = await search(`q=${encodeURIComponent(q)}`);
      expect(body.items, q).toEqual([]);
      expect(body.didYouMean, q).toBeNull();
      const suggest = await request(ctx.url, 'GET', `/api/search/suggest?q=${encodeURIComponent(q)}`);
      expect(suggest.status, q).toBe(200);
      expect(suggest.body, q).toEqual({ products: [], categories: [] });
    }
  });

  it('when a query looks like a regular expression, then its words are searched as words, never as a pattern', async () => {
    const body = await search(`q=${encodeURIComponent('^(cast)+.*iron$')}`);
    expect(names(body)[0]).toBe('Cast Iron Skillet 26 cm');
  });

  it('when 200 long made-up words reach the service (past the contract), then at most ten are looked up, through the index', async () => {
    // Letters only, and at most 20 of them: every word gets its typo keys (two edits' worth of deletions).
    const q = madeUpWords(200, 18).join(' ');
    const reads = await productReads(async () => {
      const answer = await ctx.app.catalogSearch.search({ q, sort: 'relevance', page: 1, pageSize: 24 });
      const body = JSON.parse(answer.json);
      expect(body.items).toEqual([]);
      expect(body.didYouMean).toBeNull();
    });
    expectBoundedReads(reads);
  });

  it('when ten long made-up words find nothing, then "did you mean" is a bounded number of index reads', async () => {
    const q = madeUpWords(10, 18, 99).join(' ');
    const reads = await productReads(async () => {
      const body = await search(`q=${encodeURIComponent(q)}`);
      expect(body.items).toEqual([]);
      expect(body.didYouMean).toBeNull();
    });
    expectBoundedReads(reads);
  });

  it('when ten long words are searched, then the answer is quick and clear (bounded work, no scan)', async () => {
    const q = Array.from({ length: 10 }, (_, index) => `${'zq'.repeat(9)}${index}`).join(' ');
    const started = performance.now();
    const body = await search(`q=${encodeURIComponent(q)}`);
    expect(body.items).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
