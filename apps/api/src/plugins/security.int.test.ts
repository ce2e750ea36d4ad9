import { startRedisServer, type RedisServerHandle } from '@mercato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../test-support/harness.test-support.js';

let ctx: TestApp;
let redis: RedisServerHandle;
beforeAll(async () => {
  redis = await startRedisServer();
  ctx = await startTestApp({ REDIS_URL: redis.url, RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: '60' });
});
afterAll(async () => {
  await ctx.close();
  await redis.stop();
});

describe('the global rate limit', () => {
  it('when a client exceeds the limit, then it gets 429 problem+json with Retry-After; health probes are never limited', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 7; index += 1) statuses.push((await request(ctx.url, 'GET', '/api/categories')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await request(ctx.url, 'GET', '/api/categories');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/problem\+json/);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.meta.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));
    expect((await request(ctx.url, 'GET', '/api/health')).status).toBe(200);
  });

  it('when reads, anonymous or signed in, are over the limit on one instance, then another instance counts its own', async () => {
    const other = await startTestApp({
      REDIS_URL: redis.url,
      RATE_LIMIT_MAX: '5',
      REDIS_KEY_PREFIX: ctx.config.REDIS_KEY_PREFIX,
    });
    const signedIn = { headers: { authorization: 'Bearer not-checked-by-this-route' } };
    try {
      expect((await request(ctx.url, 'GET', '/api/categories')).status).toBe(429);
      expect((await request(ctx.url, 'GET', '/api/categories', signedIn)).status).toBe(429);
      const elsewhere = await request(other.url, 'GET', '/api/categories', signedIn);
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.headers.get('x-ratelimit-remaining')).toBeNull(); // counted in memory, nothing to report
    } finally {
      await other.close();
    }
  });

  it('when requests write (auth routes included), then they are counted in Redis, shared by every instance', async () => {
    const other = await startTestApp({
      REDIS_URL: redis.url,
      RATE_LIMIT_MAX: '5',
      REDIS_KEY_PREFIX: ctx.config.REDIS_KEY_PREFIX,
    });
    try {
      const first = await request(ctx.url, 'POST', '/api/auth/logout');
      expect(first.status).not.toBe(429);
      expect(first.headers.get('x-ratelimit-limit')).toBe('5');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('4');
      for (let index = 0; index < 3; index++)
        expect((await request(ctx.url, 'POST', '/api/auth/logout')).status).not.toBe(429);
      expect((await request(other.url, 'POST', '/api/cart/preview', { body: { items: [] } })).status).not.toBe(429); // the 5th
      const limited = await request(other.url, 'POST', '/api/auth/logout');
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(limited.body.meta.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));
      expect((await request(ctx.url, 'POST', '/api/auth/logout')).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('when Redis is down, then requests counted there pass instead of failing', async () => {
    await redis.kill();
    try {
      // Writes are counted in Redis; this instance's earlier writes used up its limit there, which is gone now.
      expect((await request(ctx.url, 'POST', '/api/cart/preview', { body: { items: [] } })).status).toBe(200);
    } finally {
      await redis.restart();
    }
  });
});
