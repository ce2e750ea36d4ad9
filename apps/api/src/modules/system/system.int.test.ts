import { validate, compileErrors } from '@readme/openapi-parser';
import { startRedisServer, type RedisServerHandle } from '@mercato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';

describe('health and readiness', () => {
  let ctx: TestApp;
  let redis: RedisServerHandle;

  beforeAll(async () => {
    // Its own redis-server, because this file stops it.
    redis = await startRedisServer();
    ctx = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await ctx.close();
    await redis.stop();
  });

  it('when the process is up, then /api/health answers ok', async () => {
    const response = await request(ctx.url, 'GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('when the web app asks for the shop settings, then name, currency and shipping rules come back', async () => {
    const response = await request(ctx.url, 'GET', '/api/store');
    expect(response.body).toMatchObject({ name: 'Mercato', currency: 'USD', isPaymentSandbox: true });
    expect(response.body.shippingCountries).toContain('GB');
  });

  it('when MongoDB and Redis answer, then /api/ready is 200', async () => {
    const response = await request(ctx.url, 'GET', '/api/ready');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', checks: { mongo: 'up', redis: 'up' } });
  });

  it('when Redis is stopped, then /api/ready is 503 naming it, health stays 200, and it recovers after restart', async () => {
    await redis.kill();
    const down = await request(ctx.url, 'GET', '/api/ready');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', meta: { checks: { mongo: 'up', redis: 'down' } } });
    expect((await request(ctx.url, 'GET', '/api/health')).status).toBe(200);

    await redis.restart();
    await expect.poll(async () => (await request(ctx.url, 'GET', '/api/ready')).status, { timeout: 10_000 }).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('when fetched, then it is a valid OpenAPI 3.1 document that lists the routes', async () => {
    const response = await request(ctx.url, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const result = await validate(structuredClone(response.body));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/ready']));
  });

  it('when /api/docs is opened, then the API reference page is served', async () => {
    const response = await request(ctx.url, 'GET', '/api/docs/');
    expect(response.status).toBe(200);
    expect(String(response.body)).toMatch(/swagger/i);
  });
});
