import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../test-support/auth.test-support.js';
import { ADMIN_PREFIX } from './auth.js';

let ctx: TestApp;
let customer: SignedIn;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  customer = await signedInUser(ctx, { role: 'customer' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

/** Only the status line: some admin routes stream (Server-Sent Events) and never finish a body. */
async function statusOf(method: string, path: string, token?: string): Promise<number> {
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const response = await fetch(`${ctx.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: hasBody ? '{}' : undefined,
  });
  await response.body?.cancel();
  return response.status;
}

/** Every admin route from the live route table, with ids filled in: a new admin route is covered automatically. */
function adminRoutes() {
  return ctx.app.routeTable
    .filter((route) => route.url.startsWith(ADMIN_PREFIX))
    .map((route) => ({ ...route, path: route.url.replace(/:[A-Za-z]+/g, '0123456789abcdef01234567') }));
}

describe('admin routes', () => {
  it('when the route table is read, then there are admin routes to check', () => {
    expect(adminRoutes().length).toBeGreaterThan(0);
  });

  it('when called without a token, then every admin route answers 401', async () => {
    for (const route of adminRoutes())
      expect(await statusOf(route.method, route.path), `${route.method} ${route.url}`).toBe(401);
  });

  it('when called by a customer, then every admin route answers 403', async () => {
    for (const route of adminRoutes())
      expect(await statusOf(route.method, route.path, customer.accessToken), `${route.method} ${route.url}`).toBe(403);
  });

  it('when called by an admin, then no admin route refuses on role', async () => {
    for (const route of adminRoutes()) {
      const status = await statusOf(route.method, route.path, admin.accessToken);
      expect([401, 403], `${route.method} ${route.url}`).not.toContain(status);
      expect(status, `${route.method} ${route.url}`).toBeLessThan(500);
    }
  });

  it('when an admin reads the outbox, then the emails the shop sent are listed with their content', async () => {
    await ctx.app.mailer.send({
      to: 'someone@example.com',
      subject: 'Hello',
      text: 'Hi',
      html: '<p>Hi</p>',
      tag: 'test.hello',
    });
    const list = await request(ctx.url, 'GET', '/api/admin/outbox?tag=test.hello', { token: admin.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.pageInfo).toMatchObject({ page: 1, total: 1 });
    const detail = await request(ctx.url, 'GET', `/api/admin/outbox/${list.body.items[0].id}`, {
      token: admin.accessToken,
    });
    expect(detail.body).toMatchObject({ subject: 'Hello', html: '<p>Hi</p>', text: 'Hi', to: 'someone@example.com' });
  });
});
