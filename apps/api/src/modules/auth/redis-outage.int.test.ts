import { startRedisServer, type RedisServerHandle } from '@mercato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createUser, login, refreshCookieFrom, refreshWith } from '../../test-support/auth.test-support.js';

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

describe('sessions and Redis', () => {
  it('when Redis restarts, then nobody is logged out: access and refresh keep working', async () => {
    const user = await createUser(ctx);
    const session = await login(ctx, user.email, user.password);
    await redis.kill();
    await redis.restart();
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(200);
    await expect
      .poll(async () => (await refreshWith(ctx, session.refreshCookie)).status, { timeout: 10_000 })
      .toBe(200);
  });

  it('when Redis is down, then sign-in and refresh still work (throttling degrades, auth does not)', async () => {
    const user = await createUser(ctx);
    await redis.kill();
    try {
      const session = await login(ctx, user.email, user.password);
      const refreshed = await refreshWith(ctx, session.refreshCookie);
      expect(refreshed.status).toBe(200);
      expect(refreshCookieFrom(refreshed.headers)).toBeTruthy();
    } finally {
      await redis.restart();
    }
  });
});
