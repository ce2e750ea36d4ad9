import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct, pngImage, uploadImage } from '../../test-support/catalog.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  // A minimal built web app, shaped like apps/web/dist/index.html.
  const dist = mkdtempSync(join(tmpdir(), 'mercato-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><meta name="description" content="default" /><title>Mercato</title></head><body><div id="root"></div><script type="module" src="/assets/app-abc123.js"></script></body></html>',
  );
  ctx = await startTestApp({ WEB_DIST_DIR: dist, PUBLIC_URL: 'https://shop.example.com' });
  const admin = await signedInUser(ctx, { role: 'admin' });
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
  await createProduct(ctx, admin.accessToken, { name: 'Hidden Lamp', active: false });
});
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
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('when a category page is requested, then its head names the category', async () => {
    const html = await (await fetch(`${ctx.url}/c/lighting`)).text();
    expect(html).toContain('<title>Lighting · Mercato</title>');
    expect(html).toContain('<link rel="canonical" href="https://shop.example.com/c/lighting" />');
  });

  it('when an unknown or client-only page is requested, then the plain app shell is served (no-cache), not a 404', async () => {
    const response = await fetch(`${ctx.url}/account/orders`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>Mercato</title>');
    expect((await fetch(`${ctx.url}/p/hidden-lamp`)).status).toBe(200);
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

  it('when robots.txt is requested, then private areas are disallowed and the sitemap is announced', async () => {
    const text = String((await request(ctx.url, 'GET', '/robots.txt')).body);
    expect(text).toContain('Disallow: /admin');
    expect(text).toContain('Disallow: /api/');
    expect(text).toContain('Sitemap: https://shop.example.com/sitemap.xml');
  });
});
