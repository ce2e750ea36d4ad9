import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, login, refreshCookieFrom, refreshWith } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  addToCart,
  quickShoppers,
  startCheckout,
  waitForFulfilment,
} from '../../test-support/checkout.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { sameShopEnv } from '../../test-support/instances.test-support.js';
import { postFrom, startProxy, type TestProxy } from '../../test-support/proxy.test-support.js';
import { startSmtpListener, type SmtpListener } from '../../test-support/smtp.test-support.js';
import { queuePrefix } from '../../plugins/jobs.js';
import { SWEEP_JOB } from '../checkout/plugin.js';

/**
 * One shop run as three API instances (A, B, C: one database, one Redis, one set of secrets) behind a real HAProxy
 * configured as `npm run start:cluster` configures it. A and B also run a job worker each, so "a job runs once" is
 * tested with workers competing; C runs none (RUN_WORKER=false, as production's API instances), so a sale reaches a
 * dashboard on C only from another instance, through Redis. A request goes straight to one instance where the claim
 * is about instances, and through the proxy where it is about the proxy.
 */
const SWEEP_INTERVAL_MS = 500;
/** The catalog cache's promise to other instances: the bump's pub/sub delivery, with margin (decision 0010). */
const PROPAGATION_BOUND_MS = 200;

let smtp: SmtpListener;
let a: TestApp;
let b: TestApp;
let c: TestApp;
let proxy: TestProxy;
let adminToken: string;

beforeAll(async () => {
  smtp = await startSmtpListener();
  const env = {
    TRUST_PROXY: 'true',
    SMTP_URL: smtp.url,
    CHECKOUT_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS),
    AUTH_RATE_LIMIT_PER_IP: '5',
    AUTH_RATE_LIMIT_PER_ACCOUNT: '3',
    AUTH_RATE_LIMIT_WINDOW_SECONDS: '60',
  };
  a = await startTestApp(env);
  [b, c] = await Promise.all([
    startTestApp({ ...env, ...sameShopEnv(a) }),
    startTestApp({ ...env, ...sameShopEnv(a), RUN_WORKER: 'false' }),
  ]);
  proxy = await startProxy(
    [a, b, c].map((ctx, index) => ({ name: `api${index + 1}`, port: Number(new URL(ctx.url).port) })),
  );
  const [admin] = await quickShoppers(a, 1, 'admin');
  adminToken = admin!.accessToken;
  await vi.waitFor(() =>
    expect([a, b, c].map((ctx) => ctx.app.catalogCache.stats().memory)).toEqual(['on', 'on', 'on']),
  );
});
afterAll(async () => {
  await proxy?.stop();
  for (const ctx of [c, b]) if (ctx) await closeKeepingDatabase(ctx);
  await a?.close();
  await smtp?.close();
});

const priceOn = async (url: string, slug: string) => (await request(url, 'GET', `/api/products/${slug}`)).body.price;

describe('three instances behind HAProxy', () => {
  it('when an admin changes a price through A, then B and C serve the new price within the bound, and so does the proxy', async () => {
    const product = await createProduct(a, adminToken, { name: 'Spread Saucepan', price: 3000 });
    for (const ctx of [a, b, c]) {
      await priceOn(ctx.url, product.slug);
      expect((await request(ctx.url, 'GET', `/api/products/${product.slug}`)).headers.get('x-cache')).toBe('hit');
    }

    const patched = await request(a.url, 'PATCH', `/api/admin/products/${product.id}`, {
      token: adminToken,
      body: { price: 3500 },
    });

    expect(patched.status).toBe(200);
    const changedAt = Date.now();
    await vi.waitFor(
      async () =>
        expect([await priceOn(b.url, product.slug), await priceOn(c.url, product.slug)]).toEqual([3500, 3500]),
      { timeout: PROPAGATION_BOUND_MS, interval: 10 },
    );
    expect(Date.now() - changedAt).toBeLessThan(PROPAGATION_BOUND_MS);
    // Round robin: six reads through the proxy reach every instance twice.
    const throughProxy = await Promise.all(Array.from({ length: 6 }, () => priceOn(proxy.url, product.slug)));
    expect(throughProxy).toEqual([3500, 3500, 3500, 3500, 3500, 3500]);
  });

  it('when a session made on A refreshes on B and its old refresh token is replayed on C, then the family is revoked on every instance', async () => {
    const user = await createUser(a);
    const session = await login(a, user.email, user.password);

    const rotated = await refreshWith(b, session.refreshCookie);
    expect(rotated.status).toBe(200);
    const newCookie = refreshCookieFrom(rotated.headers)!;
    const newToken = rotated.body.accessToken as string;
    for (const ctx of [a, b, c])
      expect((await request(ctx.url, 'GET', '/api/auth/me', { token: newToken })).status).toBe(200);

    const replayed = await refreshWith(c, session.refreshCookie);

    expect(replayed.status).toBe(401);
    expect((await refreshWith(a, newCookie)).status).toBe(401);
    await vi.waitFor(
      async () => {
        for (const ctx of [a, b, c])
          expect((await request(ctx.url, 'GET', '/api/auth/me', { token: newToken })).status).toBe(401);
      },
      { timeout: 1_000, interval: 20 },
    );
  });

  it('when logins fail on every instance, then the per-account limit and the per-client limit through the proxy count them together', async () => {
    const user = await createUser(a);
    const statuses: number[] = [];
    for (const ctx of [a, b, c, a]) {
      const attempt = await request(ctx.url, 'POST', '/api/auth/login', {
        body: { email: user.email, password: 'wrong-password' },
        headers: { 'x-forwarded-for': '198.51.100.1' },
      });
      statuses.push(attempt.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);

    // One client, many accounts, through the proxy (which spreads them over the instances): limited per address.
    const perClient: number[] = [];
    for (let index = 0; index < 7; index++) {
      const body = { email: `nobody${index}@example.com`, password: 'guess-guess' };
      perClient.push(await postFrom('127.0.0.2', proxy.url, '/api/auth/login', body));
    }
    expect(perClient).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('when a client sends its own X-Forwarded-For through the proxy, then it is still counted as the address it connects from', async () => {
    // The instances trust X-Forwarded-For (TRUST_PROXY=true); were the proxy to pass the client's value on, a new
    // made-up address per attempt would get a fresh per-IP allowance every time.
    const forged: number[] = [];
    for (let index = 0; index < 7; index++) {
      const body = { email: `forger${index}@example.com`, password: 'guess-guess' };
      forged.push(
        await postFrom('127.0.0.3', proxy.url, '/api/auth/login', body, {
          'x-forwarded-for': `203.0.113.${index + 1}, 198.51.100.${index + 1}`,
        }),
      );
    }

    expect(forged).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The limit is the forger's address, not the proxy's: another client is not held back by it.
    const other = await postFrom('127.0.0.4', proxy.url, '/api/auth/login', {
      email: 'someone-else@example.com',
      password: 'guess-guess',
    });
    expect(other).toBe(401);
  });

  it('when a sale completes through A, then a dashboard connected to C shows it and one confirmation email goes out', async () => {
    // C handles no request of the sale and runs no job (the sweep could otherwise fulfil the order on C and publish
    // it there): the event can only come from A or B, through Redis.
    expect([a, b, c].map((ctx) => ctx.app.jobs.isWorking())).toEqual([true, true, false]);
    const stream = await fetch(`${c.url}/api/admin/analytics/stream`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const reader = stream.body!.getReader();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      // A stream the event never reaches is cut, so the test fails saying so instead of hanging.
      const timer = setTimeout(() => void reader.cancel(), 15_000);
      try {
        while (!pattern.test(received)) {
          const { done, value } = await reader.read();
          if (done) throw new Error(`C's stream ended without ${pattern}; it carried: ${received}`);
          received += new TextDecoder().decode(value);
        }
      } finally {
        clearTimeout(timer);
      }
    };
    await readUntil(/event: ready/);
    const [shopper] = await quickShoppers(a, 1);
    const product = await createProduct(a, adminToken, { name: 'Fanned-out Fork', price: 1200, stock: 5 });
    await addToCart(a, shopper!, product.id, 1);
    const started = await startCheckout(a, shopper!);
    expect(started.status).toBe(201);

    expect((await payHostedCheckout(started.body.checkoutUrl, { card: '4242 4242 4242 4242' })).status).toBe(
      'redirected',
    );

    await readUntil(new RegExp(`"orderId":"${started.body.orderId}"`));
    // Left open: C's shutdown cuts it, as it cuts a real dashboard's (which then reconnects to another instance).
    await waitForFulfilment(a, shopper!, started.body.orderId);
    const confirmations = () => smtp.received.filter((mail) => mail.to.includes(shopper!.email));
    await vi.waitFor(() => expect(confirmations().length).toBeGreaterThan(0));
    // A's and B's workers compete for the delivery job; a second delivery would arrive within a sweep or two.
    await new Promise((resolve) => setTimeout(resolve, 3 * SWEEP_INTERVAL_MS));
    expect(confirmations()).toHaveLength(1);
  });

  it('when three instances schedule the sweep, then each tick runs once, not once per worker', async () => {
    const connection = new Redis(a.config.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('mercato', { connection, prefix: queuePrefix(a.config.REDIS_KEY_PREFIX, false) });
    try {
      const sweeps = async () => (await queue.getJobs(['completed'], 0, -1)).filter((job) => job.name === SWEEP_JOB);
      const before = (await sweeps()).length;
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 8 * SWEEP_INTERVAL_MS));
      const ran = (await sweeps()).slice(0, (await sweeps()).length - before);
      const ticks = Math.ceil((Date.now() - started) / SWEEP_INTERVAL_MS);

      expect(ran.length).toBeGreaterThan(0);
      expect(ran.length).toBeLessThanOrEqual(ticks + 1); // once per worker would be about 2 × ticks
      expect(new Set(ran.map((job) => job.repeatJobKey)).size).toBe(1); // one schedule, not one per instance
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
