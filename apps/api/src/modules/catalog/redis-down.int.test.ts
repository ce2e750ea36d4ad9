import { startRedisServer, type RedisServerHandle } from '@mercato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';

let ctx: TestApp;
let redis: RedisServerHandle;
beforeAll(async () => {
  redis = await startRedisServer();
  ctx = await startTestApp({ REDIS_URL: redis.url });
});
afterAll(async () => {
  await ctx.close();
  await redis.stop();
});

describe('catalog without Redis', () => {
  it('when Redis stops mid-way, then browsing keeps working from MongoDB, and writes made meanwhile are not hidden by old cache entries', async () => {
    const admin = await signedInUser(ctx, { role: 'admin' });
    const product = await createProduct(ctx, admin.accessToken, { name: 'Resilient Rug', price: 9000 });
    expect((await request(ctx.url, 'GET', '/api/products/resilient-rug')).body.price).toBe(9000);

    await redis.kill();
    expect((await request(ctx.url, 'GET', '/api/products/resilient-rug')).body.price).toBe(9000);
    expect((await request(ctx.url, 'GET', '/api/products?q=rug')).status).toBe(200);
    expect((await request(ctx.url, 'GET', '/api/categories')).status).toBe(200);
    const patched = await request(ctx.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: admin.accessToken,
      body: { price: 8000 },
    });
    expect(patched.status).toBe(200);
    expect((await request(ctx.url, 'GET', '/api/products/resilient-rug')).body.price).toBe(8000);

    await redis.restart();
    await expect.poll(async () => (await request(ctx.url, 'GET', '/api/ready')).status, { timeout: 10_000 }).toBe(200);
    await expect
      .poll(async () => (await request(ctx.url, 'GET', '/api/products/resilient-rug')).body.price, { timeout: 5_000 })
      .toBe(8000);
  });
});
