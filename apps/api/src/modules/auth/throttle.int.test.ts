import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createUser, login, refreshCookieFrom } from '../../test-support/auth.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp({
    TRUST_PROXY: 'true',
    AUTH_RATE_LIMIT_PER_IP: '8',
    AUTH_RATE_LIMIT_PER_ACCOUNT: '4',
    AUTH_RATE_LIMIT_WINDOW_SECONDS: '60',
    AUTH_REFRESH_RATE_LIMIT_PER_ACCOUNT: '3',
  });
});
afterAll(() => ctx.close());

const attempt = (email: string, password: string, ip: string) =>
  request(ctx.url, 'POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } });

describe('throttling', () => {
  it('when one account gets too many login attempts, then further attempts get 429 with Retry-After', async () => {
    const user = await createUser(ctx);
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1)
      statuses.push((await attempt(user.email, 'wrong-password', '10.0.0.1')).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    const limited = await attempt(user.email, user.password, '10.0.0.1');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.meta.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));
  });

  it('when one client hammers login across accounts, then it is limited per IP', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 10; index += 1) {
      statuses.push((await attempt(`spray${index}@example.com`, 'guess-123', '10.0.0.2')).status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, 8).every((status) => status === 401)).toBe(true);
  });

  it('when signup and forgot-password are hammered, then they are limited too', async () => {
    const signups = [];
    for (let index = 0; index < 10; index += 1) {
      const body = { name: 'x', email: `bulk${index}@example.com`, password: 'password-123' };
      signups.push(
        (await request(ctx.url, 'POST', '/api/auth/signup', { body, headers: { 'x-forwarded-for': '10.0.0.3' } }))
          .status,
      );
    }
    expect(signups).toContain(429);
    const forgots = [];
    for (let index = 0; index < 6; index += 1) {
      const headers = { 'x-forwarded-for': '10.0.0.4' };
      forgots.push(
        (
          await request(ctx.url, 'POST', '/api/auth/password/forgot', {
            body: { email: 'target@example.com' },
            headers,
          })
        ).status,
      );
    }
    expect(forgots.slice(0, 4)).toEqual([202, 202, 202, 202]);
    expect(forgots).toContain(429);
  });
});

describe('refresh throttling', () => {
  const refreshFrom = (cookie: string, ip: string) =>
    request(ctx.url, 'POST', '/api/auth/refresh', {
      headers: { cookie: `mercato_rt=${cookie}`, origin: ctx.config.PUBLIC_URL, 'x-forwarded-for': ip },
    });

  it('when one account refreshes too often, then it gets 429 with Retry-After while other accounts still refresh', async () => {
    const user = await createUser(ctx);
    const session = await login(ctx, user.email, user.password);
    let cookie = session.refreshCookie;
    // Each refresh from another address, so the per-IP limit is not what stops it.
    for (let index = 0; index < 3; index += 1) {
      const rotated = await refreshFrom(cookie, `10.1.0.${index + 1}`);
      expect(rotated.status).toBe(200);
      cookie = refreshCookieFrom(rotated.headers) ?? '';
    }

    const limited = await refreshFrom(cookie, '10.1.0.9');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.meta.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));
    // Throttled, not rejected: the cookie stays, so the client can try again after Retry-After.
    expect(limited.headers.getSetCookie()).toEqual([]);

    const other = await createUser(ctx);
    const otherSession = await login(ctx, other.email, other.password);
    expect((await refreshFrom(otherSession.refreshCookie, '10.1.0.9')).status).toBe(200);
  });

  it('when refresh tokens are invalid, then they do not use up the account quota', async () => {
    const user = await createUser(ctx);
    const session = await login(ctx, user.email, user.password);
    const sessionId = session.refreshCookie.split('.')[0] ?? '';
    for (let index = 0; index < 5; index += 1) {
      expect((await refreshFrom(`${sessionId}.${'x'.repeat(43)}`, `10.2.0.${index + 1}`)).status).toBe(401);
    }
    expect((await refreshFrom(session.refreshCookie, '10.2.0.9')).status).toBe(200);
  });
});

describe('throttle keys', () => {
  it('when accounts are throttled, then no Redis key holds their email or the client IP, and every key expires', async () => {
    const email = 'private.person@example.com';
    const ip = '10.3.0.77';
    await createUser(ctx, { email });
    await attempt(email, 'wrong-password', ip);
    await request(ctx.url, 'POST', '/api/auth/password/forgot', {
      body: { email },
      headers: { 'x-forwarded-for': ip },
    });
    await request(ctx.url, 'POST', '/api/auth/signup', {
      body: { name: 'Private', email, password: 'password-123' },
      headers: { 'x-forwarded-for': ip },
    });

    const raw = new Redis(ctx.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await raw.scan(cursor, 'MATCH', `${ctx.config.REDIS_KEY_PREFIX}*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      const throttleKeys = keys.filter((key) => key.startsWith(`${ctx.config.REDIS_KEY_PREFIX}th:`));
      for (const scope of ['login:acct', 'login:ip', 'forgot:acct', 'signup:acct', 'fail'])
        expect(
          throttleKeys.some((key) => key.includes(`th:${scope}:`)),
          scope,
        ).toBe(true);
      expect(keys.filter((key) => key.toLowerCase().includes('private.person'))).toEqual([]);
      expect(throttleKeys.filter((key) => key.includes(ip))).toEqual([]);
      // Retention of throttle counters is their TTL (docs/privacy.md): a key without one would stay forever.
      const ttls = await Promise.all(throttleKeys.map(async (key) => [key, await raw.ttl(key)] as const));
      expect(ttls.filter(([, ttl]) => !(ttl > 0 && ttl <= 15 * 60))).toEqual([]);
    } finally {
      raw.disconnect();
    }
  });
});

describe('failure back-off', () => {
  it('when an account keeps failing, then it is locked for a growing period even below the window limit', async () => {
    const relaxed = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '1000', AUTH_RATE_LIMIT_PER_ACCOUNT: '1000' });
    try {
      const user = await createUser(relaxed);
      const login = (password: string) =>
        request(relaxed.url, 'POST', '/api/auth/login', { body: { email: user.email, password } });
      for (let index = 0; index < 5; index += 1) expect((await login('wrong-password')).status).toBe(401);
      const locked = await login(user.password);
      expect(locked.status).toBe(429);
      expect(locked.body.detail).toMatch(/failed attempts/);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await relaxed.close();
    }
  });
});
