import { startRedisServer, type RedisServerHandle } from '@mercato/testkit';
import { Redis } from 'ioredis';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createUser, login, refreshCookieFrom, refreshWith } from '../../test-support/auth.test-support.js';

let ctx: TestApp;
let redis: RedisServerHandle;
let redisDir: string;
beforeAll(async () => {
  redisDir = await mkdtemp(join(tmpdir(), 'mercato-redis-outage-'));
  redis = await startRedisServer({ dir: redisDir });
  ctx = await startTestApp({ REDIS_URL: redis.url });
});
afterAll(async () => {
  await ctx.close();
  await redis.stop();
  await rm(redisDir, { recursive: true, force: true });
});

/** Whether a marker key written before the restart is still there: the restart must really lose every key. */
async function hasMarker(): Promise<boolean> {
  const raw = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  try {
    return (await raw.exists('outage-test:marker')) === 1;
  } finally {
    raw.disconnect();
  }
}

describe('sessions and Redis', () => {
  it('when Redis restarts empty, then nobody is logged out: access and refresh keep working', async () => {
    const user = await createUser(ctx);
    const session = await login(ctx, user.email, user.password);
    const raw = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    await raw.set('outage-test:marker', '1');
    raw.disconnect();
    expect(await hasMarker()).toBe(true);

    // Restarted on an empty data directory: whatever Redis held (AOF included) is gone, so sessions must come
    // from MongoDB.
    await redis.kill();
    await rm(redisDir, { recursive: true, force: true });
    await mkdir(redisDir);
    await redis.restart();
    expect(await hasMarker()).toBe(false);

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
