import { freePort } from '@mercato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  // Nothing listens on this port: Redis is down from the very start.
  ctx = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
});
afterAll(() => ctx.close());

describe('starting without Redis', () => {
  it('when Redis is unreachable at start, then the API still starts: not ready, but serving from MongoDB', async () => {
    expect((await request(ctx.url, 'GET', '/api/health')).status).toBe(200);
    const ready = await request(ctx.url, 'GET', '/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.meta.checks).toEqual({ mongo: 'up', redis: 'down' });

    const admin = await signedInUser(ctx, { role: 'admin' });
    await createProduct(ctx, admin.accessToken, { name: 'No Redis Vase', price: 1500 });
    expect((await request(ctx.url, 'GET', '/api/products/no-redis-vase')).body.price).toBe(1500);
    expect((await request(ctx.url, 'GET', '/api/products?q=vase')).body.items).toHaveLength(1);
  });
});
