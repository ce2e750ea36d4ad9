import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createUser } from '../../test-support/auth.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp({
    TRUST_PROXY: 'true',
    AUTH_RATE_LIMIT_PER_IP: '8',
    AUTH_RATE_LIMIT_PER_ACCOUNT: '4',
    AUTH_RATE_LIMIT_WINDOW_SECONDS: '60',
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
