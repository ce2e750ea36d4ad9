import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type SignedIn } from '../test-support/auth.test-support.js';
import { withFailPoint } from '../test-support/fail-point.test-support.js';
import { request, startTestApp, type TestApp } from '../test-support/harness.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

const create = (name: string) =>
  request(ctx.url, 'POST', '/api/admin/products', { token: admin.accessToken, body: { name, price: 500, stock: 1 } });

describe('the database has no primary for a moment (an election)', () => {
  it('when a write fails again after the driver retried it, then the client gets a 503 with Retry-After, and trying again works', async () => {
    let refused: Awaited<ReturnType<typeof create>> | undefined;
    // NotWritablePrimary with the label a stepping-down member puts on it, on the first try and on the retry.
    const fired = await withFailPoint(
      ctx.db,
      { times: 2 },
      {
        failCommands: ['insert'],
        namespace: `${ctx.db.databaseName}.products`,
        errorCode: 10107,
        errorLabels: ['RetryableWriteError'],
      },
      async () => {
        refused = await create('Election lamp');
      },
    );
    expect(fired).toBe(2);
    expect(refused).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });
    expect(refused?.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(refused?.body)).not.toMatch(/10107|NotWritablePrimary|stack/i);
    expect(await ctx.db.collection('products').countDocuments({ name: 'Election lamp' })).toBe(0);

    expect((await create('Election lamp')).status).toBe(201);
  });

  it('when the first attempt fails but the driver’s retry succeeds, then the client never notices', async () => {
    let created: Awaited<ReturnType<typeof create>> | undefined;
    const fired = await withFailPoint(
      ctx.db,
      { times: 1 },
      {
        failCommands: ['insert'],
        namespace: `${ctx.db.databaseName}.products`,
        errorCode: 10107,
        errorLabels: ['RetryableWriteError'],
      },
      async () => {
        created = await create('Retried lamp');
      },
    );
    expect(fired).toBe(1);
    expect(created?.status).toBe(201);
    expect(await ctx.db.collection('products').countDocuments({ name: 'Retried lamp' })).toBe(1);
  });
});
