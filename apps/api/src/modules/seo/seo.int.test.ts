import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAGE_SIZES, PREFETCHED_RESPONSES_ID } from '@mercato/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFinds, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct, pngImage, uploadImage } from '../../test-support/catalog.test-support.js';

/** A minimal built web app, shaped like apps/web/dist/index.html. */
const BODY = '<body><div id="root"></div><script type="module" src="/assets/app-abc123.js"></script></body></html>';
const INDEX_HTML = `<!doctype html><html><head><meta name="description" content="default" /><title>Mercato</title></head>${BODY}`;
/** Text that `String.prototype.replace` would expand if it were used as a replacement string. */
const TRICKY_NAME = "Odd $' $` $& $1 $$ </script> Lamp";
const TRICKY_DESCRIPTION = "Bright $& light, $' and $` or $1 </script><!-- done";
const TRICKY_CATEGORY = { name: "Odd $' & $& Co", description: 'Things $` $1 </script>' };

let ctx: TestApp;
let admin: SignedIn;
let trickyImageSrc: string;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'mercato-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'index.html'), INDEX_HTML);
  ctx = await startTestApp({
    WEB_DIST_DIR: dist,
    PUBLIC_URL: 'https://shop.example.com',
    MONGODB_MONITOR_COMMANDS: 'true',
  });
  admin = await signedInUser(ctx, { role: 'admin' });
  const category = await createCategory(ctx, admin.accessToken, { name: 'Lighting', description: 'Lamps & lights.' });
  const image = await uploadImage(ctx, admin.accessToken, await pngImage());
  await createProduct(ctx, admin.accessToken, {
    name: 'Desk Lamp "Nova" </script><script>alert(1)</script>',
    slug: 'desk-lamp-nova',
    description: 'A warm lamp.',
    price: 4599,
    categoryId: category.id,
    images: [{ imageId: image.body.id, alt: 'Lamp' }],
  });
  await createProduct(ctx, admin.accessToken, { name: 'Hidden Lamp', description: 'Not for sale yet.', active: false });
  const odd = await createCategory(ctx, admin.accessToken, { ...TRICKY_CATEGORY, slug: 'odd-co' });
  const trickyImage = await uploadImage(ctx, admin.accessToken, await pngImage(700, 500, '#884400'));
  trickyImageSrc = trickyImage.body.src;
  await createProduct(ctx, admin.accessToken, {
    name: TRICKY_NAME,
    slug: 'odd-lamp',
    description: TRICKY_DESCRIPTION,
    price: 1250,
    stock: 0,
    categoryId: odd.id,
    images: [{ imageId: trickyImage.body.id, alt: 'Odd' }],
  });
});

/** Every page must keep the shell's structure: one title, one description, one head, the body untouched. */
function expectOneHead(html: string) {
  expect(html.match(/<title>/g)).toHaveLength(1);
  expect(html.match(/<meta name="description"/g)).toHaveLength(1);
  expect(html.match(/<\/head>/g)).toHaveLength(1);
  expect(html.endsWith(`</head>${BODY}`)).toBe(true);
}

/** The API responses the page carries for the app's first render (`PREFETCHED_RESPONSES_ID`). */
const prefetchedOf = (html: string): Record<string, unknown> => {
  const pattern = new RegExp(`<script type="application/json" id="${PREFETCHED_RESPONSES_ID}">(.*?)</script>`, 'g');
  const blocks = [...html.matchAll(pattern)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]?.[1] ?? '') as Record<string, unknown>;
};

const jsonLdOf = (html: string): unknown => {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]?.[1] ?? '');
};
afterAll(() => ctx.close());

describe('SEO in the HTML the server sends', () => {
  it('when a product page is requested, then title, description, canonical, Open Graph and Product JSON-LD are in the head', async () => {
    const response = await fetch(`${ctx.url}/p/desk-lamp-nova`);
    const html = await response.text();
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain(
      '<title>Desk Lamp &quot;Nova&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; · Mercato</title>',
    );
    expect(html).toContain('<meta name="description" content="A warm lamp." />');
    expect(html).toContain('<link rel="canonical" href="https://shop.example.com/p/desk-lamp-nova" />');
    expect(html).toContain('<meta property="og:type" content="product" />');
    expect(html).toMatch(
      /<meta property="og:image" content="https:\/\/shop\.example\.com\/media\/[0-9a-f]{32}-640\.webp" \/>/,
    );
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(jsonLd).not.toContain('</script>');
    const data = JSON.parse(jsonLd);
    expect(data).toMatchObject({
      '@type': 'Product',
      offers: { price: '45.99', priceCurrency: 'USD', availability: 'https://schema.org/InStock' },
    });
    // The app's module script, JSON-LD and the product's API response for the app's first render.
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(prefetchedOf(html)).toEqual({
      '/api/products/desk-lamp-nova': (await request(ctx.url, 'GET', '/api/products/desk-lamp-nova')).body,
    });
  });

  it('when a product page is requested, then Open Graph repeats the title and description', async () => {
    const html = await (await fetch(`${ctx.url}/p/desk-lamp-nova`)).text();
    expect(html).toContain(
      '<meta property="og:title" content="Desk Lamp &quot;Nova&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; · Mercato" />',
    );
    expect(html).toContain('<meta property="og:description" content="A warm lamp." />');
    expect(html).toContain('<meta property="og:url" content="https://shop.example.com/p/desk-lamp-nova" />');
    expectOneHead(html);
  });

  it("when product text contains $', $`, $&, $1 or </script>, then the head carries exactly that text, escaped", async () => {
    const html = await (await fetch(`${ctx.url}/p/odd-lamp`)).text();
    const title = 'Odd $&#39; $` $&amp; $1 $$ &lt;/script&gt; Lamp · Mercato';
    const description = 'Bright $&amp; light, $&#39; and $` or $1 &lt;/script&gt;&lt;!-- done';
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain(`<meta name="description" content="${description}" />`);
    expect(html).toContain(`<meta property="og:title" content="${title}" />`);
    expect(html).toContain(`<meta property="og:description" content="${description}" />`);
    expect(html).toContain('<link rel="canonical" href="https://shop.example.com/p/odd-lamp" />');
    expect(html).toContain('<meta property="og:type" content="product" />');
    expect(html).toContain(`<meta property="og:image" content="https://shop.example.com${trickyImageSrc}" />`);
    expectOneHead(html);
    expect(html).not.toContain('</script><!--');
    expect(prefetchedOf(html)['/api/products/odd-lamp']).toMatchObject({
      name: TRICKY_NAME,
      description: TRICKY_DESCRIPTION,
    });
    expect(jsonLdOf(html)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: TRICKY_NAME,
      description: TRICKY_DESCRIPTION,
      sku: expect.stringMatching(/^[0-9a-f]{24}$/),
      image: [`https://shop.example.com${trickyImageSrc}`],
      category: TRICKY_CATEGORY.name,
      offers: {
        '@type': 'Offer',
        url: 'https://shop.example.com/p/odd-lamp',
        price: '12.50',
        priceCurrency: 'USD',
        availability: 'https://schema.org/OutOfStock',
      },
    });
  });

  it('when a product page is requested, then its main image is preloaded at high priority with the srcset and sizes the page uses', async () => {
    const html = await (await fetch(`${ctx.url}/p/desk-lamp-nova`)).text();
    const product = (await request(ctx.url, 'GET', '/api/products/desk-lamp-nova')).body;
    const [image] = product.images;
    expect(html).toContain(
      `<link rel="preload" as="image" href="${image.src}" imagesrcset="${image.srcset}" ` +
        `imagesizes="${IMAGE_SIZES.productMain}" fetchpriority="high" />`,
    );
    expect(html.match(/rel="preload"/g)).toHaveLength(1);
    expectOneHead(html);
  });

  it('when the home page is requested, then the first featured product image is preloaded (none while nothing is featured)', async () => {
    const before = await (await fetch(`${ctx.url}/`)).text();
    expect(before).not.toContain('rel="preload"');
    const image = await uploadImage(ctx, admin.accessToken, await pngImage(640, 640, '#225588'));
    await createProduct(ctx, admin.accessToken, {
      name: 'Featured Floor Lamp',
      featured: true,
      images: [{ imageId: image.body.id, alt: 'Floor lamp' }],
    });
    const html = await (await fetch(`${ctx.url}/`)).text();
    expect(html).toContain(
      `<link rel="preload" as="image" href="${image.body.src}" imagesrcset="${image.body.srcset}" ` +
        `imagesizes="${IMAGE_SIZES.productCard}" fetchpriority="high" />`,
    );
    expect(prefetchedOf(html)).toEqual({
      '/api/products/featured': (await request(ctx.url, 'GET', '/api/products/featured')).body,
      '/api/categories': (await request(ctx.url, 'GET', '/api/categories')).body,
    });
    expectOneHead(html);
  });

  it('when a category page is requested, then its head names the category', async () => {
    const html = await (await fetch(`${ctx.url}/c/lighting`)).text();
    expect(html).toContain('<title>Lighting · Mercato</title>');
    expect(html).toContain('<meta name="description" content="Lamps &amp; lights." />');
    expect(html).toContain('<link rel="canonical" href="https://shop.example.com/c/lighting" />');
    expect(html).toContain('<meta property="og:type" content="website" />');
    expect(html).toContain('<meta property="og:title" content="Lighting · Mercato" />');
    expect(html).toContain('<meta property="og:description" content="Lamps &amp; lights." />');
    expect(html).toContain('<meta property="og:url" content="https://shop.example.com/c/lighting" />');
    expectOneHead(html);
    expect(jsonLdOf(html)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'CollectionPage',
      name: 'Lighting',
      url: 'https://shop.example.com/c/lighting',
    });
  });

  it('when a category page is requested, then it carries the categories and its first listing page for the app', async () => {
    const listing = '/api/products?category=lighting&page=1&pageSize=24&sort=newest';
    const html = await (await fetch(`${ctx.url}/c/lighting`)).text();
    expect(prefetchedOf(html)).toEqual({
      '/api/categories': (await request(ctx.url, 'GET', '/api/categories')).body,
      [listing]: (await request(ctx.url, 'GET', listing)).body,
    });
    // Filters in the URL ask for another page of results: only the categories are carried then.
    const filtered = await (await fetch(`${ctx.url}/c/lighting?sort=price_asc`)).text();
    expect(Object.keys(prefetchedOf(filtered))).toEqual(['/api/categories']);
    expect(filtered).toContain('<title>Lighting · Mercato</title>');
  });

  it("when category text contains $', $`, $& or $1, then the head carries exactly that text, escaped", async () => {
    const html = await (await fetch(`${ctx.url}/c/odd-co`)).text();
    const title = 'Odd $&#39; &amp; $&amp; Co · Mercato';
    const description = 'Things $` $1 &lt;/script&gt;';
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain(`<meta name="description" content="${description}" />`);
    expect(html).toContain(`<meta property="og:title" content="${title}" />`);
    expect(html).toContain(`<meta property="og:description" content="${description}" />`);
    expectOneHead(html);
    expect(jsonLdOf(html)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'CollectionPage',
      name: TRICKY_CATEGORY.name,
      url: 'https://shop.example.com/c/odd-co',
    });
  });

  it('when an unknown or client-only page is requested, then the plain app shell is served (no-cache), not a 404', async () => {
    const response = await fetch(`${ctx.url}/account/orders`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it("when a hidden product's page is requested, then the plain shell is served without any of its tags", async () => {
    const response = await fetch(`${ctx.url}/p/hidden-lamp`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toBe(INDEX_HTML);
    expect(html).not.toContain('Hidden Lamp');
    expect(html).not.toContain('Not for sale yet.');
  });

  it('when a fingerprinted asset is requested, then it is cached immutably; a missing asset is a real 404', async () => {
    const asset = await fetch(`${ctx.url}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${ctx.url}/assets/gone-999.js`)).status).toBe(404);
  });
});

describe('sitemap and robots', () => {
  it('when sitemap.xml is requested, then it lists the home page, categories and visible products only', async () => {
    const response = await request(ctx.url, 'GET', '/sitemap.xml');
    expect(response.headers.get('content-type')).toMatch(/application\/xml/);
    const xml = String(response.body);
    expect(xml).toContain('<loc>https://shop.example.com/</loc>');
    expect(xml).toContain('<loc>https://shop.example.com/c/lighting</loc>');
    expect(xml).toContain('<loc>https://shop.example.com/p/desk-lamp-nova</loc>');
    expect(xml).not.toContain('hidden-lamp');
  });

  it('when sitemap.xml is requested again, then it comes from the cache; an admin write shows in it at once', async () => {
    const sitemap = async () => String((await request(ctx.url, 'GET', '/sitemap.xml')).body);
    await sitemap();
    const productFinds = await countFinds(
      ctx,
      (command) => command.find === 'products',
      async () => expect(await sitemap()).toContain('<loc>https://shop.example.com/p/desk-lamp-nova</loc>'),
    );
    expect(productFinds).toBe(0);

    const added = await createProduct(ctx, admin.accessToken, { name: 'Sitemap Sconce' });
    expect(await sitemap()).toContain('<loc>https://shop.example.com/p/sitemap-sconce</loc>');
    await request(ctx.url, 'PATCH', `/api/admin/products/${added.id}`, {
      token: admin.accessToken,
      body: { active: false },
    });
    expect(await sitemap()).not.toContain('sitemap-sconce');
    await createCategory(ctx, admin.accessToken, { name: 'Sitemap Shades' });
    expect(await sitemap()).toContain('<loc>https://shop.example.com/c/sitemap-shades</loc>');
  });

  it('when robots.txt is requested, then private areas are disallowed and the sitemap is announced', async () => {
    const text = String((await request(ctx.url, 'GET', '/robots.txt')).body);
    expect(text).toContain('Disallow: /admin');
    expect(text).toContain('Disallow: /api/');
    expect(text).toContain('Sitemap: https://shop.example.com/sitemap.xml');
  });
});
