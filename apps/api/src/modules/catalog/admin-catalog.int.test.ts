import type { CommandStartedEvent } from 'mongodb';
import { ObjectId } from 'mongodb';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type ApiResponse, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import {
  createCategory,
  createProduct,
  jpegImage,
  pixelAt,
  pngImage,
  sidewaysJpeg,
  uploadImage,
  webpImage,
} from '../../test-support/catalog.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp({ MONGODB_MONITOR_COMMANDS: 'true' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

describe('admin product management', () => {
  it('when a product is created, then slugs are derived and made unique, and money and stock are validated', async () => {
    const first = await createProduct(ctx, admin.accessToken, { name: 'Blue Mug' });
    const second = await createProduct(ctx, admin.accessToken, { name: 'Blue Mug' });
    expect(first.slug).toBe('blue-mug');
    expect(second.slug).toBe('blue-mug-2');
    const taken = await request(ctx.url, 'POST', '/api/admin/products', {
      token: admin.accessToken,
      body: { name: 'Other', slug: 'blue-mug', price: 100 },
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'SLUG_TAKEN', errors: [{ path: 'body.slug' }] });

    const invalid = await request(ctx.url, 'POST', '/api/admin/products', {
      token: admin.accessToken,
      body: { name: '', price: 12.5, stock: -1, compareAtPrice: -5, categoryId: 'x' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.categoryId',
      'body.compareAtPrice',
      'body.name',
      'body.price',
      'body.stock',
    ]);
    const unknownCategory = await request(ctx.url, 'POST', '/api/admin/products', {
      token: admin.accessToken,
      body: { name: 'Orphan', price: 100, categoryId: new ObjectId().toHexString() },
    });
    expect(unknownCategory.body.errors).toEqual([expect.objectContaining({ path: 'body.categoryId' })]);
  });

  it('when a new product’s default SKU names another product’s variant, then it takes a free suffix; a SKU staff give that is taken is a 409 naming sku', async () => {
    const cap = await createProduct(ctx, admin.accessToken, { name: 'Cap', stock: 0 });
    const sized = await request(ctx.url, 'PUT', `/api/admin/products/${cap.id}/variants`, {
      token: admin.accessToken,
      body: {
        options: [{ name: 'Size', values: ['S', 'L'] }],
        variants: ['S', 'L'].map((size) => ({ sku: `CAP-${size}`, optionValues: [size], price: 900, stock: 3 })),
      },
    });
    expect(sized.status, JSON.stringify(sized.body)).toBe(200);
    const given = await request(ctx.url, 'POST', '/api/admin/products', {
      token: admin.accessToken,
      body: { name: 'Cap strap', sku: 'CAP-L-2', price: 300 },
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body.variants).toEqual([expect.objectContaining({ sku: 'CAP-L-2' })]);

    const derived = await request(ctx.url, 'POST', '/api/admin/products', {
      token: admin.accessToken,
      body: { name: 'Cap L', price: 1200 },
    });

    expect(derived.status, JSON.stringify(derived.body)).toBe(201);
    expect(derived.body).toMatchObject({ slug: 'cap-l', variants: [{ sku: 'CAP-L-3' }] });
    const taken = await request(ctx.url, 'POST', '/api/admin/products', {
      token: admin.accessToken,
      body: { name: 'Cap large', sku: 'cap-l', price: 1200 },
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(409);
    expect(taken.body).toMatchObject({ code: 'CONFLICT', errors: [{ path: 'body.sku' }] });
    expect(taken.body.errors[0].message).toContain('Cap');
    expect(await ctx.db.collection('products').countDocuments({ name: 'Cap large' })).toBe(0);
  });

  it('when an admin changes a price, then the cached product page and listing show it immediately', async () => {
    const product = await createProduct(ctx, admin.accessToken, { name: 'Cached Teapot', price: 3000 });
    const first = await request(ctx.url, 'GET', '/api/products/cached-teapot');
    expect(first.body.price).toBe(3000);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag') ?? '';
    expect(
      (await request(ctx.url, 'GET', '/api/products/cached-teapot', { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await request(ctx.url, 'GET', '/api/products?q=teapot')).body.items[0].price).toBe(3000);

    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 2700 },
    });
    expect(patched.status).toBe(200);
    const changed = await request(ctx.url, 'GET', '/api/products/cached-teapot', {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.price).toBe(2700);
    expect((await request(ctx.url, 'GET', '/api/products?q=teapot')).body.items[0].price).toBe(2700);

    const emptied = await request(ctx.url, 'PUT', `/api/admin/products/${product.id}/stock`, {
      token: admin.accessToken,
      body: { stock: 0, expectedStock: 10 },
    });
    expect(emptied.status, JSON.stringify(emptied.body)).toBe(200);
    expect((await request(ctx.url, 'GET', '/api/products/cached-teapot')).body.inStock).toBe(false);
    await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { active: false },
    });
    expect((await request(ctx.url, 'GET', '/api/products/cached-teapot')).status).toBe(404);
  });

  it('when a category is renamed, then cached listings show the new name', async () => {
    const category = await createCategory(ctx, admin.accessToken, { name: 'Teaware' });
    await createProduct(ctx, admin.accessToken, { name: 'Gaiwan', categoryId: category.id });
    expect((await request(ctx.url, 'GET', '/api/products/gaiwan')).body.category.name).toBe('Teaware');
    await request(ctx.url, 'PATCH', `/api/admin/categories/${category.id}`, {
      token: admin.accessToken,
      body: { name: 'Tea Things' },
    });
    expect((await request(ctx.url, 'GET', '/api/products/gaiwan')).body.category.name).toBe('Tea Things');
    const remove = await request(ctx.url, 'DELETE', `/api/admin/categories/${category.id}`, {
      token: admin.accessToken,
    });
    expect(remove.status).toBe(409);
  });

  it('when many shoppers miss the cache for one key at once, then the database is queried once', async () => {
    await createProduct(ctx, admin.accessToken, { name: 'Single Flight Kettle' });
    const finds: CommandStartedEvent[] = [];
    const listener = (event: CommandStartedEvent) => {
      if (event.commandName === 'find' && event.command.find === 'products') finds.push(event);
    };
    ctx.app.mongo.client.on('commandStarted', listener);
    try {
      // What one load of a search costs (its retrieval tiers and the page's products), measured on another key.
      await request(ctx.url, 'GET', '/api/products?q=kettle&sort=price_asc');
      const oneLoad = finds.length;
      expect(oneLoad).toBeGreaterThan(0);
      finds.length = 0;
      const responses = await Promise.all(
        Array.from({ length: 25 }, () => request(ctx.url, 'GET', '/api/products?q=kettle&sort=name')),
      );
      expect(responses.every((response) => response.status === 200 && response.body.items.length === 1)).toBe(true);
      expect(finds).toHaveLength(oneLoad);
      await request(ctx.url, 'GET', '/api/products?q=kettle&sort=name');
      expect(finds).toHaveLength(oneLoad);
    } finally {
      ctx.app.mongo.client.off('commandStarted', listener);
    }
  });

  it('when a product that orders reference is deleted, then it is archived and hidden; otherwise deleted', async () => {
    const ordered = await createProduct(ctx, admin.accessToken, { name: 'Ordered Lamp' });
    const unused = await createProduct(ctx, admin.accessToken, { name: 'Unused Lamp' });
    await ctx.db.collection('orders').insertOne({ lines: [{ productId: new ObjectId(ordered.id), quantity: 1 }] });

    const archived = await request(ctx.url, 'DELETE', `/api/admin/products/${ordered.id}`, {
      token: admin.accessToken,
    });
    expect(archived.body).toEqual({ result: 'archived' });
    expect((await request(ctx.url, 'GET', '/api/products/ordered-lamp')).status).toBe(404);
    expect((await request(ctx.url, 'GET', '/api/products?q=ordered')).body.items).toEqual([]);
    const adminView = await request(ctx.url, 'GET', '/api/admin/products?status=archived&q=lamp', {
      token: admin.accessToken,
    });
    expect(adminView.body.items.map((item: { name: string }) => item.name)).toEqual(['Ordered Lamp']);

    expect(
      (await request(ctx.url, 'DELETE', `/api/admin/products/${unused.id}`, { token: admin.accessToken })).body,
    ).toEqual({ result: 'deleted' });
    expect(await ctx.db.collection('products').countDocuments({ slug: 'unused-lamp' })).toBe(0);
  });

  it('when admins change products, then the audit log records who, what, before and after', async () => {
    const product = await createProduct(ctx, admin.accessToken, { name: 'Audited Vase', price: 1200 });
    await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 1300 },
    });
    const audit = await request(ctx.url, 'GET', `/api/admin/audit?entityType=product&entityId=${product.id}`, {
      token: admin.accessToken,
    });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'product.update',
      'product.create',
    ]);
    const update = audit.body.items[0];
    expect(update.actor.email).toBe(admin.email);
    expect(update.before.price).toBe(1200);
    expect(update.after.price).toBe(1300);
  });

  it('when a product asks for the slug "featured", then it is refused (it is the featured-products route); a derived one skips it', async () => {
    const explicit = await request(ctx.url, 'POST', '/api/admin/products', {
      token: admin.accessToken,
      body: { name: 'Sneaky', slug: 'featured', price: 100 },
    });
    expect(explicit.status).toBe(400);
    expect(explicit.body.errors).toEqual([expect.objectContaining({ path: 'body.slug', message: 'is reserved' })]);
    const derived = await createProduct(ctx, admin.accessToken, { name: 'Featured' });
    expect(derived.slug).toBe('featured-2');
    const renamed = await request(ctx.url, 'PATCH', `/api/admin/products/${derived.id}`, {
      token: admin.accessToken,
      body: { slug: 'featured' },
    });
    expect(renamed.status).toBe(400);
    expect(renamed.body.errors[0].path).toBe('body.slug');
    expect((await request(ctx.url, 'GET', '/api/products/featured')).body.items).toBeInstanceOf(Array);
  });

  it('when the admin list is searched and paged, then it covers inactive products too', async () => {
    await createProduct(ctx, admin.accessToken, { name: 'Secret Stool', active: false });
    const response = await request(ctx.url, 'GET', '/api/admin/products?q=stool&status=inactive', {
      token: admin.accessToken,
    });
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({ name: 'Secret Stool', active: false, reserved: 0, sold: 0 });
  });
});

/** Fires the same write several times at once: exactly one may win, the others must be a 409, never a 500. */
async function expectOneWinner(label: string, writes: (() => Promise<ApiResponse>)[]) {
  const responses = await Promise.all(writes.map((write) => write()));
  const statuses = responses.map((response) => response.status);
  expect(
    statuses.filter((status) => status === 200 || status === 201),
    `${label}: ${statuses}`,
  ).toHaveLength(1);
  for (const response of responses.filter((item) => item.status >= 300)) {
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBe(409);
    expect(response.body).toMatchObject({ code: 'SLUG_TAKEN', errors: [{ path: 'body.slug' }] });
  }
}

describe('slug races', () => {
  const ROUNDS = 4;
  const WRITERS = 4;
  const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

  it('when admins create products with the same slug at once, then one is created and the others get 409 SLUG_TAKEN', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      await expectOneWinner(
        `round ${round}`,
        times(
          WRITERS,
          (i) => () =>
            request(ctx.url, 'POST', '/api/admin/products', {
              token: admin.accessToken,
              body: { name: `Racing Lamp ${i}`, slug: `racing-lamp-${round}`, price: 100 },
            }),
        ),
      );
    }
  });

  it('when admins move different products to the same slug at once, then one gets it and the others get 409', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const products = await Promise.all(
        times(WRITERS, (i) => createProduct(ctx, admin.accessToken, { name: `Moving Lamp ${round} ${i}` })),
      );
      await expectOneWinner(
        `round ${round}`,
        products.map(
          (product) => () =>
            request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
              token: admin.accessToken,
              body: { slug: `moved-lamp-${round}` },
            }),
        ),
      );
      expect(await ctx.db.collection('products').countDocuments({ slug: `moved-lamp-${round}` })).toBe(1);
    }
  });

  it('when admins create or rename categories to the same slug at once, then one wins and the others get 409', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      await expectOneWinner(
        `create round ${round}`,
        times(
          WRITERS,
          (i) => () =>
            request(ctx.url, 'POST', '/api/admin/categories', {
              token: admin.accessToken,
              body: { name: `Racing Shelf ${i}`, slug: `racing-shelf-${round}` },
            }),
        ),
      );
      const categories = await Promise.all(
        times(WRITERS, (i) => createCategory(ctx, admin.accessToken, { name: `Renamed Shelf ${round} ${i}` })),
      );
      await expectOneWinner(
        `update round ${round}`,
        categories.map(
          (category) => () =>
            request(ctx.url, 'PATCH', `/api/admin/categories/${category.id}`, {
              token: admin.accessToken,
              body: { slug: `renamed-shelf-${round}` },
            }),
        ),
      );
    }
  });
});

describe('admin categories list', () => {
  it('when the list is searched and paged, then whole words match ignoring accents, and pages partition the matches', async () => {
    const lamps = await createCategory(ctx, admin.accessToken, { name: 'Quokka Lamps', sortOrder: -9 });
    const rugs = await createCategory(ctx, admin.accessToken, {
      name: 'Rugs',
      slug: 'quokka-rugs',
      description: 'Woven by QUÖKKA weavers.',
      sortOrder: -8,
    });
    await createCategory(ctx, admin.accessToken, { name: 'Quokkas Only', sortOrder: -7 });
    const list = (query: string) =>
      request(ctx.url, 'GET', `/api/admin/categories${query}`, { token: admin.accessToken });

    const found = await list('?q=quokka');
    expect(found.status).toBe(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([lamps.id, rugs.id]);
    expect(found.body.pageInfo).toEqual({ page: 1, pageSize: 2, total: 2, totalPages: 1 });
    const second = await list('?q=quokka&pageSize=1&page=2');
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([rugs.id]);
    expect(second.body.pageInfo).toEqual({ page: 2, pageSize: 1, total: 2, totalPages: 2 });
    expect((await list('?q=%3F%3F')).body.pageInfo.total).toBe(0);

    const all = await list('');
    expect(all.body.items.length).toBe(all.body.pageInfo.total);
    expect(all.body.items.length).toBe(await ctx.db.collection('categories').countDocuments());
    expect(all.body.items[0]).toMatchObject({ id: lamps.id, productCount: 0 });

    const bad = await list('?pageSize=500&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'query.colour',
      'query.pageSize',
    ]);
  });
});

describe('images', () => {
  it('when a real image is uploaded, then WebP renditions are stored and served with immutable caching', async () => {
    const upload = await uploadImage(ctx, admin.accessToken, await pngImage(1600, 1200));
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ width: 1600, height: 1200 });
    expect(upload.body.srcset.split(', ')).toHaveLength(3);
    const media = await fetch(`${ctx.url}${upload.body.src}`);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/webp');
    expect(media.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(
      Buffer.from(await media.arrayBuffer())
        .subarray(8, 12)
        .toString(),
    ).toBe('WEBP');

    const product = await createProduct(ctx, admin.accessToken, {
      name: 'Pictured Bowl',
      images: [{ imageId: upload.body.id, alt: 'A bowl' }],
    });
    const page = await request(ctx.url, 'GET', `/api/products/${product.slug}`);
    expect(page.body.images[0]).toMatchObject({ alt: 'A bowl', src: upload.body.src });
  });

  it('when a real JPEG and a real WebP are uploaded, then both are accepted and rendered to WebP', async () => {
    for (const [data, filename, type, width] of [
      [await jpegImage(1000, 750), 'photo.jpg', 'image/jpeg', 1000],
      [await webpImage(900, 600), 'photo.webp', 'image/webp', 900],
    ] as const) {
      const upload = await uploadImage(ctx, admin.accessToken, data, filename, type);
      expect(upload.status, filename).toBe(201);
      expect(upload.body, filename).toMatchObject({ width });
      const media = await fetch(`${ctx.url}${upload.body.src}`);
      expect(media.headers.get('content-type')).toBe('image/webp');
      expect(
        Buffer.from(await media.arrayBuffer())
          .subarray(8, 12)
          .toString(),
      ).toBe('WEBP');
    }
  });

  it('when a JPEG carries an EXIF rotation, then it is stored upright and without the EXIF data', async () => {
    const sideways = await sidewaysJpeg();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const upload = await uploadImage(ctx, admin.accessToken, sideways, 'phone.jpg', 'image/jpeg');
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ width: 200, height: 400 });
    const rendered = Buffer.from(await (await fetch(`${ctx.url}${upload.body.src}`)).arrayBuffer());
    const metadata = await sharp(rendered).metadata();
    expect([metadata.width, metadata.height]).toEqual([200, 400]);
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.exif).toBeUndefined();
    const [topRed, , topBlue] = await pixelAt(rendered, 100, 50);
    const [bottomRed, , bottomBlue] = await pixelAt(rendered, 100, 350);
    expect(topRed).toBeGreaterThan(200);
    expect(topBlue).toBeLessThan(60);
    expect(bottomBlue).toBeGreaterThan(200);
    expect(bottomRed).toBeLessThan(60);
  });

  it("when an admin uploads an image and reorders a product's images, then the audit log records both", async () => {
    const first = await uploadImage(ctx, admin.accessToken, await pngImage(500, 400, '#112233'));
    const second = await uploadImage(ctx, admin.accessToken, await pngImage(500, 400, '#445566'));
    const uploads = await request(ctx.url, 'GET', `/api/admin/audit?entityType=image&entityId=${first.body.id}`, {
      token: admin.accessToken,
    });
    expect(uploads.body.items).toHaveLength(1);
    expect(uploads.body.items[0]).toMatchObject({
      action: 'image.upload',
      actor: { email: admin.email },
      before: null,
      after: { width: 500, height: 400, sourceFormat: 'png' },
    });

    const product = await createProduct(ctx, admin.accessToken, {
      name: 'Two Picture Vase',
      images: [
        { imageId: first.body.id, alt: 'front' },
        { imageId: second.body.id, alt: 'back' },
      ],
    });
    const reordered = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: {
        images: [
          { imageId: second.body.id, alt: 'back' },
          { imageId: first.body.id, alt: 'front' },
        ],
      },
    });
    expect(reordered.status).toBe(200);
    const audit = await request(ctx.url, 'GET', `/api/admin/audit?entityType=product&entityId=${product.id}`, {
      token: admin.accessToken,
    });
    const update = audit.body.items[0];
    expect(update.action).toBe('product.update');
    expect(update.before.images.map((image: { alt: string }) => image.alt)).toEqual(['front', 'back']);
    expect(update.after.images.map((image: { alt: string }) => image.alt)).toEqual(['back', 'front']);
  });

  it('when a small image is uploaded, then it is never upscaled', async () => {
    const upload = await uploadImage(ctx, admin.accessToken, await pngImage(400, 300, '#aa0000'));
    expect(upload.body.srcset).toMatch(/320w, .*400w$/);
  });

  it('when a text file is renamed to .jpg, then it is rejected as not an image', async () => {
    const upload = await uploadImage(
      ctx,
      admin.accessToken,
      Buffer.from('definitely not a jpeg'),
      'photo.jpg',
      'image/jpeg',
    );
    expect(upload.status).toBe(422);
    expect(upload.body.code).toBe('INVALID_IMAGE');
  });

  it('when a GIF or an oversize file is uploaded, then it is rejected with a clear error', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    const gifUpload = await uploadImage(ctx, admin.accessToken, gif, 'a.gif', 'image/gif');
    expect(gifUpload.status).toBe(422);
    expect(gifUpload.body.detail).toMatch(/JPEG, PNG and WebP/);
    const huge = await uploadImage(ctx, admin.accessToken, Buffer.alloc(11 * 1024 * 1024, 1), 'huge.png');
    expect(huge.status).toBe(413);
  });
});
