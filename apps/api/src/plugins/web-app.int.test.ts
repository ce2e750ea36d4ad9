import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../test-support/auth.test-support.js';
import { createProduct, pngImage, uploadImage } from '../test-support/catalog.test-support.js';
import { request, startTestApp, type TestApp } from '../test-support/harness.test-support.js';

// A built web app shaped like apps/web/dist after `npm run build -w @mercato/web`: hashed files under assets/, public
// files at the root, build metadata in a dot folder, and .br/.gz copies next to each text file (the build's
// precompress plugin writes them the same way: brotli at best quality, gzip -9).
const SCRIPT = `${'export function render(node){node.textContent="Mercato storefront";}\n'.repeat(200)}`;
const STYLE = `${'.card{display:flex;gap:1rem;aspect-ratio:1/1}\n'.repeat(100)}`;
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${'<rect width="32" height="32" rx="6"/>'.repeat(10)}</svg>`;
const HEAD_TAGS = Array.from(
  { length: 8 },
  (_, index) => `<link rel="modulepreload" href="/assets/chunk-${index}.js">`,
);
const INDEX_HTML =
  '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><meta name="description" content="default" />' +
  `<title>Mercato</title><script type="module" src="/assets/app-abc123.js"></script>${HEAD_TAGS.join('')}` +
  '<link rel="stylesheet" href="/assets/style-def456.css"></head><body><div id="root"></div></body></html>';

const BROWSER = 'gzip, deflate, br, zstd';

function writeWithCopies(dir: string, name: string, content: string | Buffer): void {
  const file = join(dir, name);
  writeFileSync(file, content);
  const body = Buffer.from(content);
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
}

let ctx: TestApp;
let adminToken: string;
let product: { id: string; slug: string };
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'mercato-web-app-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeWithCopies(dist, 'index.html', INDEX_HTML);
  writeWithCopies(dist, 'assets/app-abc123.js', SCRIPT);
  writeWithCopies(dist, 'assets/style-def456.css', STYLE);
  writeWithCopies(dist, 'favicon.svg', FAVICON);
  writeWithCopies(dist, '.vite/manifest.json', JSON.stringify({ 'index.html': { file: 'assets/app-abc123.js' } }));
  const preloads = [{ pattern: '^/c/[a-z0-9-]+/?$', files: ['/assets/listing-1a2b.js', '/assets/filters-3c4d.js'] }];
  writeFileSync(join(dist, '.vite', 'route-preloads.json'), JSON.stringify(preloads));
  writeFileSync(join(dist, 'assets', 'photo-0a1b2c.png'), await pngImage(40, 30));
  writeWithCopies(dist, 'robots.txt', 'User-agent: *\nDisallow: /\n');
  ctx = await startTestApp({ WEB_DIST_DIR: dist });
  adminToken = (await signedInUser(ctx, { role: 'admin' })).accessToken;
  const image = await uploadImage(ctx, adminToken, await pngImage(800, 600));
  product = await createProduct(ctx, adminToken, {
    name: 'Reading Lamp',
    description: 'A lamp for reading. '.repeat(20),
    images: [{ imageId: image.body.id, alt: 'Lamp' }],
  });
});
afterAll(() => ctx.close());

/** A request as a browser sends it; `inject` hands back the bytes exactly as sent (nothing decompressed). */
function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  return ctx.app.inject({ method, url, headers });
}

function decoded(response: { rawPayload: Buffer; headers: Record<string, unknown> }): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(response.rawPayload).toString('utf8');
  return response.rawPayload.toString('utf8');
}

describe('hashed assets', () => {
  it('when a browser accepts brotli, then the pre-compressed .br copy goes out with its own length, cached for a year', async () => {
    const response = await get('/assets/app-abc123.js', { 'accept-encoding': BROWSER });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    expect(decoded(response)).toBe(SCRIPT);
  });

  it('when a client accepts gzip only, then it gets the .gz copy', async () => {
    const response = await get('/assets/style-def456.css', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(decoded(response)).toBe(STYLE);
  });

  it('when a client accepts no encoding, then the file goes out as it is, still marked as varying by encoding', async () => {
    const response = await get('/assets/app-abc123.js');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(SCRIPT));
    expect(response.rawPayload.toString('utf8')).toBe(SCRIPT);
  });

  it.each([
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.8', 'br'],
    ['br;q=0.2, gzip;q=0.9', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['deflate', undefined],
  ])('when Accept-Encoding is "%s", then the answer is %s', async (header, expected) => {
    const response = await get('/assets/app-abc123.js', { 'accept-encoding': header });
    expect(response.headers['content-encoding']).toBe(expected);
    expect(decoded(response)).toBe(SCRIPT);
  });

  it('when the browser revalidates with the ETag it holds (any encoding), then the answer is 304 without a body', async () => {
    const first = await get('/assets/app-abc123.js', { 'accept-encoding': BROWSER });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect((await get('/assets/app-abc123.js')).headers.etag).toBe(etag);

    const again = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const stale = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip', 'if-none-match': 'W/"other"' });
    expect(stale.statusCode).toBe(200);
  });

  it('when HEAD is sent, then the headers (length included) are those of the GET, with no body', async () => {
    const full = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    const head = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.rawPayload.length).toBe(0);
  });

  it('when an image is requested, then it goes out as it is (already compressed), without Vary', async () => {
    const response = await get('/assets/photo-0a1b2c.png', { 'accept-encoding': BROWSER });
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary ?? '').not.toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('when a public file (not hashed) is requested, then it is compressed and cached for an hour only', async () => {
    const response = await get('/favicon.svg', { 'accept-encoding': BROWSER });
    expect(response.headers['content-type']).toBe('image/svg+xml');
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    expect(decoded(response)).toBe(FAVICON);
  });

  it('when the build has a file an API route answers (robots.txt), then the API answers and the app still starts', async () => {
    const response = await get('/robots.txt');
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.toString('utf8')).toContain('Sitemap: ');
  });

  it('when build metadata, a compressed copy itself or a missing asset is requested, then it is a 404 problem', async () => {
    for (const path of ['/.vite/manifest.json', '/assets/app-abc123.js.br', '/assets/gone-999.js']) {
      const response = await get(path, { 'accept-encoding': BROWSER });
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type'], path).toMatch(/problem\+json/);
    }
  });
});

describe('pages', () => {
  it('when a client-only page is requested, then the shell goes out compressed by the build, revalidated every time', async () => {
    const response = await get('/account/orders', { 'accept-encoding': BROWSER });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(decoded(response)).toBe(INDEX_HTML);

    const again = await get('/account/orders', { 'if-none-match': String(response.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect((await get('/index.html')).rawPayload.toString('utf8')).toBe(INDEX_HTML);
  });

  it('when a page is one the build loads lazily, then its chunks are preloaded with it (other pages are unchanged)', async () => {
    const response = await get('/c/lamps', { 'accept-encoding': BROWSER });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    const html = decoded(response);
    expect(html).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/listing-1a2b.js">' +
        '<link rel="modulepreload" crossorigin href="/assets/filters-3c4d.js"></head>',
    );
    expect(html.replace(/<link rel="modulepreload" crossorigin href="\/assets\/(listing|filters)-[^"]+">/g, '')).toBe(
      INDEX_HTML,
    );
    expect(decoded(await get('/c/lamps/extra', { 'accept-encoding': BROWSER }))).toBe(INDEX_HTML);
  });

  it('when a page with its own head is requested, then it is compressed once and the same bytes are reused', async () => {
    const first = await get(`/p/${product.slug}`, { 'accept-encoding': BROWSER });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['content-encoding']).toBe('br');
    expect(Number(first.headers['content-length'])).toBe(first.rawPayload.length);
    const html = decoded(first);
    expect(html).toContain('<title>Reading Lamp · Mercato</title>');
    expect(html).toContain('<link rel="preload" as="image"');

    const second = await get(`/p/${product.slug}`, { 'accept-encoding': BROWSER });
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
    const gzipped = await get(`/p/${product.slug}`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzipped)).toBe(html);
    const plain = await get(`/p/${product.slug}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.toString('utf8')).toBe(html);
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(html));
  });

  it('when a page with its own head is revalidated and nothing changed, then 304; after a change, the new page', async () => {
    const first = await get(`/p/${product.slug}`, { 'accept-encoding': BROWSER });
    const etag = String(first.headers.etag);
    expect((await get(`/p/${product.slug}`, { 'if-none-match': etag })).statusCode).toBe(304);

    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: adminToken,
      body: { name: 'Reading Lamp II' },
    });
    expect(patched.status).toBe(200);
    const changed = await get(`/p/${product.slug}`, { 'if-none-match': etag, 'accept-encoding': BROWSER });
    expect(changed.statusCode).toBe(200);
    expect(decoded(changed)).toContain('<title>Reading Lamp II · Mercato</title>');
  });
});
