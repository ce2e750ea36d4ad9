import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createUser, login, signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

describe('admin user management', () => {
  it('when an admin searches users, then matches come back without password hashes', async () => {
    await createUser(ctx, { email: 'findme-user@example.com', name: 'Findable Person' });
    const response = await request(ctx.url, 'GET', '/api/admin/users?q=findme', { token: admin.accessToken });
    expect(response.body.items).toEqual([
      expect.objectContaining({ email: 'findme-user@example.com', role: 'customer', status: 'active' }),
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it('when an admin disables a customer, then their sessions end at once and they cannot sign in; re-enabling restores access', async () => {
    const user = await createUser(ctx);
    const session = await login(ctx, user.email, user.password);
    const disabled = await request(ctx.url, 'PATCH', `/api/admin/users/${user.id}`, {
      token: admin.accessToken,
      body: { status: 'disabled' },
    });
    expect(disabled.body.status).toBe('disabled');
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
    expect(
      (await request(ctx.url, 'POST', '/api/auth/login', { body: { email: user.email, password: user.password } })).body
        .code,
    ).toBe('ACCOUNT_DISABLED');
    await request(ctx.url, 'PATCH', `/api/admin/users/${user.id}`, {
      token: admin.accessToken,
      body: { status: 'active' },
    });
    expect(
      (await request(ctx.url, 'POST', '/api/auth/login', { body: { email: user.email, password: user.password } }))
        .status,
    ).toBe(200);
  });

  it('when an admin promotes a customer, then the old token (customer role) stops working and a new login is admin', async () => {
    const user = await createUser(ctx);
    const before = await login(ctx, user.email, user.password);
    await request(ctx.url, 'PATCH', `/api/admin/users/${user.id}`, {
      token: admin.accessToken,
      body: { role: 'admin' },
    });
    expect((await request(ctx.url, 'GET', '/api/admin/users', { token: before.accessToken })).status).toBe(401);
    const after = await login(ctx, user.email, user.password);
    expect((await request(ctx.url, 'GET', '/api/admin/users', { token: after.accessToken })).status).toBe(200);
  });

  it('when an admin tries to change their own account or send other fields, then it is refused', async () => {
    expect(
      (
        await request(ctx.url, 'PATCH', `/api/admin/users/${admin.userId}`, {
          token: admin.accessToken,
          body: { role: 'customer' },
        })
      ).status,
    ).toBe(403);
    const user = await createUser(ctx);
    const extra = await request(ctx.url, 'PATCH', `/api/admin/users/${user.id}`, {
      token: admin.accessToken,
      body: { email: 'x@example.com' },
    });
    expect(extra.status).toBe(400);
    expect(
      (await request(ctx.url, 'PATCH', `/api/admin/users/${user.id}`, { token: admin.accessToken, body: {} })).status,
    ).toBe(400);
  });
});
