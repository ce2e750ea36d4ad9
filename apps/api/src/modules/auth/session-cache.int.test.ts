import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { login, signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import {
  expectAccepted,
  expectRefused,
  readAccount,
  SESSION_ENDINGS,
  warmSessions,
} from '../../test-support/session-endings.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  await vi.waitFor(() => expect(ctx.app.shopperCache.stats().memory).toBe('on'), { timeout: 10_000 });
});
afterAll(() => ctx.close());

describe('a session that ends is refused on the very next request, with its check warm in memory', () => {
  for (const way of SESSION_ENDINGS) {
    it(`when ${way.name}, then the very next request with the old token is refused`, async () => {
      const { ended, kept, end } = await way.arrange(ctx, admin);
      await warmSessions(ctx, ...ended, ...kept);

      await end();

      await expectRefused(ctx, ...ended);
      await expectAccepted(ctx, ...kept);
    });
  }

  it('when an admin changes the role, then the next sign-in is answered with the new role at once', async () => {
    const shopper = await signedInUser(ctx);
    await warmSessions(ctx, shopper);
    expect((await readAccount(ctx, shopper)).body.role).toBe('customer');

    await request(ctx.url, 'PATCH', `/api/admin/users/${shopper.userId}`, {
      token: admin.accessToken,
      body: { role: 'admin' },
    });

    const again = await login(ctx, shopper.email, shopper.password);
    expect((await readAccount(ctx, again)).body.role).toBe('admin');
    expect((await request(ctx.url, 'GET', '/api/admin/users', { token: again.accessToken })).status).toBe(200);
  });
});
