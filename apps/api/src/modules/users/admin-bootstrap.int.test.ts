import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createUser } from '../../test-support/auth.test-support.js';
import { runDemoSeed, DEMO_ADMIN_EMAIL } from '../../seed/run-seed.js';

const tsx = fileURLToPath(new URL('../../../../../node_modules/.bin/tsx', import.meta.url));
const cli = fileURLToPath(new URL('../../cli/admin-create.ts', import.meta.url));

/** Runs admin:create's CLI with the shop's database and personal-data keys (it seals the admin's name with them). */
function adminCreate(config: TestApp['config'], args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['--conditions=source', cli, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        MONGODB_URI: config.MONGODB_URI,
        DATA_ENCRYPTION_KEYS: config.DATA_ENCRYPTION_KEYS,
        BLIND_INDEX_KEY: config.BLIND_INDEX_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const loginAs = async (ctx: TestApp, email: string, password: string) =>
  request(ctx.url, 'POST', '/api/auth/login', { body: { email, password } });

describe('the first admin', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp({ ADMIN_EMAIL: 'Owner@Example.com', ADMIN_PASSWORD: 'owner-password-1' });
  });
  afterAll(() => ctx.close());

  it('when ADMIN_EMAIL/ADMIN_PASSWORD are set on first start, then that admin can sign in and reach admin routes', async () => {
    const response = await loginAs(ctx, 'owner@example.com', 'owner-password-1');
    expect(response.status).toBe(200);
    expect(response.body.user.role).toBe('admin');
    expect((await request(ctx.url, 'GET', '/api/admin/outbox', { token: response.body.accessToken })).status).toBe(200);
  });

  it('when admin:create runs, then it creates an admin, or promotes a customer and sets the password', async () => {
    const created = await adminCreate(ctx.config, ['--email', 'boss@example.com', '--password', 'boss-password-1']);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toMatch(/created/);
    expect((await loginAs(ctx, 'boss@example.com', 'boss-password-1')).body.user.role).toBe('admin');

    const customer = await createUser(ctx, { email: 'promote-me@example.com' });
    const promoted = await adminCreate(ctx.config, ['--email', customer.email, '--password', 'promoted-password']);
    expect(promoted.code, promoted.output).toBe(0);
    expect(promoted.output).toMatch(/promoted/);
    const signedIn = await loginAs(ctx, customer.email, 'promoted-password');
    expect(signedIn.body.user.role).toBe('admin');
  });

  it('when admin:create gets a bad email or short password, then it explains and exits non-zero', async () => {
    const result = await adminCreate(ctx.config, ['--email', 'nope', '--password', 'short']);
    expect(result.code).toBe(64);
    expect(result.output).toMatch(/--email/);
    expect(result.output).toMatch(/--password/);
  });
});

describe('the demo seed', () => {
  it(
    'when it runs twice, then it creates the demo admin and a varied 60+ product catalogue with local images once',
    { timeout: 240_000 },
    async () => {
      const ctx = await startTestApp({ DEMO_ADMIN_PASSWORD: 'demo-admin-pass' });
      try {
        const started = Date.now();
        expect(await runDemoSeed(ctx.app)).toBe('seeded');
        console.info(`demo seed took ${Date.now() - started} ms`);
        expect(await runDemoSeed(ctx.app)).toBe('already-seeded');
        expect(await ctx.db.collection('users').countDocuments({ email: DEMO_ADMIN_EMAIL })).toBe(1);

        const products = await request(ctx.url, 'GET', '/api/products?pageSize=100');
        expect(products.body.pageInfo.total).toBeGreaterThanOrEqual(60);
        const categories = await request(ctx.url, 'GET', '/api/categories');
        expect(categories.body.items.length).toBeGreaterThanOrEqual(6);
        const prices = new Set(products.body.items.map((item: { price: number }) => item.price));
        expect(prices.size).toBeGreaterThan(30);
        expect(products.body.items.filter((item: { inStock: boolean }) => !item.inStock).length).toBeGreaterThanOrEqual(
          5,
        );
        const withImages = products.body.items.filter((item: { image: { src: string } | null }) => item.image !== null);
        expect(withImages).toHaveLength(products.body.items.length);
        expect((await fetch(`${ctx.url}${withImages[0].image.src}`)).headers.get('content-type')).toBe('image/webp');
        expect((await request(ctx.url, 'GET', '/api/products/featured')).body.items.length).toBeGreaterThanOrEqual(6);
        // Apparel comes in sizes: the category listing offers Size with counts, and a tee page its variants.
        const apparel = await request(ctx.url, 'GET', '/api/products?category=apparel');
        const size = apparel.body.facets.options.find((option: { name: string }) => option.name === 'Size');
        expect(size?.values.find((value: { value: string }) => value.value === 'M')?.count).toBeGreaterThanOrEqual(3);
        const tee = await request(ctx.url, 'GET', '/api/products/organic-cotton-t-shirt');
        expect(tee.body.variants).toHaveLength(12);
        expect((await loginAs(ctx, DEMO_ADMIN_EMAIL, 'demo-admin-pass')).body.user.role).toBe('admin');
      } finally {
        await ctx.close();
      }
    },
  );
});
