import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { countMail, mailRepoOf } from '../../test-support/mail.test-support.js';
import { createUser, latestMailToken, login, refreshWith } from '../../test-support/auth.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const forgot = (email: string) => request(ctx.url, 'POST', '/api/auth/password/forgot', { body: { email } });
const resetEmails = (to: string) => countMail(ctx, to, 'auth.reset-password');
/**
 * Forgot-password answers before it looks the address up, so the email is written just after the answer: wait
 * for this request's email, then return the token in it.
 */
async function forgotAndReadToken(email: string): Promise<string> {
  const to = email.toLowerCase();
  const before = await resetEmails(to);
  expect((await forgot(email)).status).toBe(202);
  await expect.poll(() => resetEmails(to)).toBe(before + 1);
  return latestMailToken(ctx, to, 'auth.reset-password');
}
const reset = (token: string, password: string) =>
  request(ctx.url, 'POST', '/api/auth/password/reset', { body: { token, password } });
const canLogin = async (email: string, password: string) =>
  (await request(ctx.url, 'POST', '/api/auth/login', { body: { email, password } })).status === 200;

describe('password reset', () => {
  it('when a reset link is used, then the new password works, the old one and every session do not, and the link works once', async () => {
    const user = await createUser(ctx);
    const session = await login(ctx, user.email, user.password);
    const token = await forgotAndReadToken(user.email.toUpperCase());
    const stored = await ctx.db.collection('auth_tokens').findOne({ purpose: 'reset_password' });
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await reset(token, 'brand-new-password')).status).toBe(204);
    expect(await canLogin(user.email, 'brand-new-password')).toBe(true);
    expect(await canLogin(user.email, user.password)).toBe(false);
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
    expect((await refreshWith(ctx, session.refreshCookie)).status).toBe(401);

    const replay = await reset(token, 'another-password-1');
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('TOKEN_INVALID');
    expect(await countMail(ctx, user.email, 'auth.password-changed')).toBe(1);
  });

  it('when the email is unknown, then forgot-password gives the very same answer and sends nothing', async () => {
    const user = await createUser(ctx);
    const unknown = await forgot('nobody-here@example.com');
    const known = await forgot(user.email);

    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual({ status: 'accepted' });
    expect(unknown.body).toEqual(known.body);
    const ignored = ['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
    const comparable = (headers: Headers) => {
      const kept: string[] = [];
      headers.forEach((value, name) => {
        if (!ignored.includes(name)) kept.push(`${name}: ${value}`);
      });
      return kept.sort();
    };
    expect(comparable(unknown.headers)).toEqual(comparable(known.headers));
    // The known address's email was looked up and written after the unknown one's lookup began: once it is
    // there, the unknown address has had every chance to get an email too.
    await expect.poll(() => resetEmails(user.email)).toBe(1);
    expect(await mailRepoOf(ctx).listTo('nobody-here@example.com')).toHaveLength(0);
  });

  it('when a reset link is older than 30 minutes, then it no longer works', async () => {
    const user = await createUser(ctx);
    const token = await forgotAndReadToken(user.email);
    const stored = await ctx.db
      .collection('auth_tokens')
      .findOne({ purpose: 'reset_password' }, { sort: { createdAt: -1 } });
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(30 * 60 * 1000);
    await ctx.db
      .collection('auth_tokens')
      .updateMany({ purpose: 'reset_password' }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await reset(token, 'too-late-password')).status).toBe(401);
    expect(await canLogin(user.email, user.password)).toBe(true);
  });

  it('when a second reset is requested, then the first link stops working', async () => {
    const user = await createUser(ctx);
    const first = await forgotAndReadToken(user.email);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await forgotAndReadToken(user.email);
    expect(second).not.toBe(first);
    expect((await reset(first, 'first-link-password')).status).toBe(401);
    expect((await reset(second, 'second-link-password')).status).toBe(204);
  });

  it('when the new password is too short, then the field is named and the token is kept', async () => {
    const user = await createUser(ctx);
    const token = await forgotAndReadToken(user.email);
    const response = await reset(token, 'short');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('body.password');
    expect((await reset(token, 'long-enough-now')).status).toBe(204);
  });
});

describe('password change', () => {
  it('when a signed-in user changes the password, then other sessions end and the current one continues', async () => {
    const user = await createUser(ctx);
    const here = await login(ctx, user.email, user.password, 'here');
    const elsewhere = await login(ctx, user.email, user.password, 'elsewhere');
    const wrong = await request(ctx.url, 'POST', '/api/auth/password/change', {
      token: here.accessToken,
      body: { currentPassword: 'not-it', newPassword: 'changed-password' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('body.currentPassword');

    const changed = await request(ctx.url, 'POST', '/api/auth/password/change', {
      token: here.accessToken,
      body: { currentPassword: user.password, newPassword: 'changed-password' },
    });
    expect(changed.status).toBe(204);
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: here.accessToken })).status).toBe(200);
    expect((await refreshWith(ctx, here.refreshCookie)).status).toBe(200);
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: elsewhere.accessToken })).status).toBe(401);
    expect(await canLogin(user.email, 'changed-password')).toBe(true);
  });
});
