import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type ApiResponse, type TestApp } from '../../test-support/harness.test-support.js';
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

describe('admin removals racing each other', () => {
  type Removal = (shop: TestApp, by: SignedIn, target: SignedIn) => Promise<ApiResponse<{ code?: string }>>;
  const demote: Removal = (shop, by, target) =>
    request(shop.url, 'PATCH', `/api/admin/users/${target.userId}`, {
      token: by.accessToken,
      body: { role: 'customer' },
    });
  const disable: Removal = (shop, by, target) =>
    request(shop.url, 'PATCH', `/api/admin/users/${target.userId}`, {
      token: by.accessToken,
      body: { status: 'disabled' },
    });
  const erase: Removal = (shop, by, target) =>
    request(shop.url, 'POST', `/api/admin/users/${target.userId}/erase`, {
      token: by.accessToken,
      body: { reason: 'erased in a race' },
    });

  it.each([
    ['A and B demote each other', demote, demote],
    ['A demotes B while B disables A', demote, disable],
    ['A demotes B while B erases A', demote, erase],
  ])(
    'when the only two admins, A and B, race (%s), then exactly one change happens and an active admin remains',
    async (_name, firstRemoval, secondRemoval) => {
      const shop = await startTestApp();
      try {
        const first = await signedInUser(shop, { role: 'admin' });
        const second = await signedInUser(shop, { role: 'admin' });

        const [byFirst, bySecond] = await Promise.all([
          firstRemoval(shop, first, second),
          secondRemoval(shop, second, first),
        ]);

        expect([byFirst.status, bySecond.status].sort()).toEqual([200, 409]);
        const [survivor, loser] = byFirst.status === 200 ? [first, bySecond] : [second, byFirst];
        expect(loser.body.code).toBe('LAST_ADMIN');
        const admins = await shop.db.collection('users').find({ role: 'admin', status: 'active' }).toArray();
        expect(admins.map((user) => user._id.toHexString())).toEqual([survivor.userId]);
        const me = await request(shop.url, 'GET', '/api/auth/me', { token: survivor.accessToken });
        expect(me).toMatchObject({ status: 200, body: { role: 'admin' } });
      } finally {
        await shop.close();
      }
    },
  );
});
