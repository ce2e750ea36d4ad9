import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { latestMail } from '../../test-support/mail.test-support.js';
import { createUser, latestMailToken, login, refreshCookieFrom } from '../../test-support/auth.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const signup = (body: unknown) => request(ctx.url, 'POST', '/api/auth/signup', { body });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('signup and email confirmation', () => {
  it('when a new shopper signs up, then a confirmation email is sent and the link signs them in', async () => {
    const response = await signup({ name: 'Ada Lovelace', email: '  Ada@Example.COM ', password: 'analytical-engine' });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'verification_sent', email: 'ada@example.com' });

    const beforeConfirm = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: 'ada@example.com', password: 'analytical-engine' },
    });
    expect(beforeConfirm.status).toBe(401);

    const token = await latestMailToken(ctx, 'ada@example.com', 'auth.verify-email');
    const verified = await request(ctx.url, 'POST', '/api/auth/verify-email', { body: { token } });
    expect(verified.status).toBe(200);
    expect(verified.body.user).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', role: 'customer' });
    expect(refreshCookieFrom(verified.headers)).toBeTruthy();

    const me = await request(ctx.url, 'GET', '/api/auth/me', { token: verified.body.accessToken });
    expect(me.body.email).toBe('ada@example.com');
    const again = await request(ctx.url, 'POST', '/api/auth/verify-email', { body: { token } });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('TOKEN_INVALID');
  });

  it('when an email is already registered (any case), then the answer is identical and the owner is told by email', async () => {
    const existing = await createUser(ctx, { email: 'grace@example.com' });
    const fresh = await signup({ name: 'New', email: 'newcomer@example.com', password: 'long-enough-1' });
    const taken = await signup({ name: 'Imposter', email: 'GRACE@example.com', password: 'long-enough-2' });
    expect(taken.status).toBe(fresh.status);
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body));
    expect(taken.body.status).toBe(fresh.body.status);

    const notice = await latestMail(ctx, existing.email, 'auth.already-registered');
    expect(notice).not.toBeNull();
    const me = await request(ctx.url, 'GET', '/api/auth/me', {
      token: (await login(ctx, existing.email, existing.password)).accessToken,
    });
    expect(me.body.name).toBe('Test User');
    expect(await ctx.db.collection('users').countDocuments({ email: 'grace@example.com' })).toBe(1);
  });

  it('when signup tries to set a role or any other field, then it is rejected and nothing is created', async () => {
    for (const extra of [{ role: 'admin' }, { status: 'active' }, { isAdmin: true }, { passwordHash: 'x' }]) {
      const response = await signup({
        name: 'Mallory',
        email: 'mallory@example.com',
        password: 'password-123',
        ...extra,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].path).toBe(`body.${Object.keys(extra)[0]}`);
    }
    expect(await ctx.db.collection('users').countDocuments({ email: 'mallory@example.com' })).toBe(0);
  });

  it('when signup input is invalid, then every bad field is named', async () => {
    const response = await signup({ name: '', email: 'not-an-email', password: 'short' });
    expect(response.status).toBe(400);
    const paths = response.body.errors.map((error: { path: string }) => error.path).sort();
    expect(paths).toEqual(['body.email', 'body.name', 'body.password']);
    const tooLong = await signup({ name: 'A', email: 'a@example.com', password: 'x'.repeat(129) });
    expect(tooLong.body.errors[0]).toMatchObject({ path: 'body.password' });
  });

  it('when passwords are stored, then they are bcrypt hashes of cost 12 or more and never returned', async () => {
    const user = await createUser(ctx);
    const stored = await ctx.db.collection('users').findOne({ email: user.email });
    expect(stored?.passwordHash).toMatch(/^\$2[aby]\$(1[2-9])\$/);
    const response = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });
});

describe('login', () => {
  it('when the password is wrong or the email unknown, then both get the same 401 and message', async () => {
    const user = await createUser(ctx);
    const wrong = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: 'wrong-password' },
    });
    const unknown = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: 'nobody@example.com', password: 'wrong-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.code).toBe(wrong.body.code);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it(
    'when the email is unknown, then login takes as long as with a wrong password (no timing shortcut)',
    { timeout: 120_000 },
    async () => {
      // An app of its own with a relaxed per-IP limit: every attempt must reach the password check, not a 429.
      const timed = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '1000' });
      try {
        const attempt = async (email: string) => {
          const begin = performance.now();
          const response = await request(timed.url, 'POST', '/api/auth/login', {
            body: { email, password: 'not-the-password' },
          });
          expect(response.status).toBe(401);
          return performance.now() - begin;
        };
        // Fresh addresses and accounts each time, so failure back-off never kicks in; the first pair warms up.
        const wrongPassword = async () => attempt((await createUser(timed)).email);
        const unknownEmail = () => attempt(`ghost-${randomBytes(4).toString('hex')}@example.com`);
        await wrongPassword();
        await unknownEmail();
        const wrong: number[] = [];
        const unknown: number[] = [];
        // Interleaved, alternating which goes first, so load on a shared machine hits both series alike.
        for (let round = 0; round < 7; round += 1) {
          if (round % 2 === 0) {
            wrong.push(await wrongPassword());
            unknown.push(await unknownEmail());
          } else {
            unknown.push(await unknownEmail());
            wrong.push(await wrongPassword());
          }
        }

        // A skipped bcrypt comparison would make unknown emails answer 20-50x faster; equal work stays near 1.
        const ratio = median(unknown) / median(wrong);
        const timings = `unknown ${unknown.map(Math.round).join()} ms, wrong password ${wrong.map(Math.round).join()} ms`;
        expect(ratio, timings).toBeGreaterThan(0.6);
        expect(ratio, timings).toBeLessThan(1.67);
      } finally {
        await timed.close();
      }
    },
  );

  it('when two passwords share their first 72 bytes, then only the right one signs in', async () => {
    const prefix = 'p'.repeat(72);
    const user = await createUser(ctx, { password: `${prefix}-right` });
    const wrong = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: `${prefix}-wrong` },
    });
    const right = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: `${prefix}-right` },
    });
    expect(wrong.status).toBe(401);
    expect(right.status).toBe(200);
  });

  it('when a body carries operator injection, then it is rejected before any lookup', async () => {
    const response = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: { $ne: null }, password: { $gt: '' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.email',
      'body.password',
    ]);
  });

  it('when a disabled account signs in with the right password, then it is refused', async () => {
    const user = await createUser(ctx);
    await ctx.db.collection('users').updateOne({ email: user.email }, { $set: { status: 'disabled' } });
    const response = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ACCOUNT_DISABLED');
  });
});
