import { randomBytes } from 'node:crypto';
import { startEmbeddedMongo, type EmbeddedMongo } from '@mercato/embedded-mongo';
import { startPaymentSandbox, type PaymentSandbox } from '@mercato/payment-sandbox';
import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { freePort } from '@mercato/testkit';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  addToCart,
  countMail,
  expectStockConserved,
  orderOf,
  quickShoppers,
  sandboxDeliveries,
  startCheckout,
  stockOf,
  waitForFulfilment,
  type Shop,
} from '../../test-support/checkout.test-support.js';
import { request } from '../../test-support/harness.test-support.js';
import { loadConfig } from '../../config/load-config.js';
import { runEntry } from '../../test-support/process.test-support.js';

/** The API as its own OS process group, so "kill -9 the API" takes everything it started with it. */
function runServer(env: Record<string, string>) {
  return runEntry('server.ts', { env, detached: true });
}

/** Stops a server group: politely first, then for good, so no API process outlives the test. */
async function stopServer(running: ReturnType<typeof runServer>) {
  running.signalGroup('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 10_000));
  await Promise.race([running.exited, timeout]);
  running.signalGroup('SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function waitForHealth(url: string) {
  await expect
    .poll(async () => (await fetch(`${url}/api/health`).catch(() => undefined))?.status, {
      timeout: 60_000,
      interval: 200,
    })
    .toBe(200);
}

let engine: EmbeddedMongo;
let sandbox: PaymentSandbox;
let client: MongoClient;
let db: Db;
let env: Record<string, string>;
let shop: Shop;
let server: ReturnType<typeof runServer> | undefined;

beforeAll(async () => {
  engine = await startEmbeddedMongo();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  // A retry every second for a minute: long enough for the API to come back (Stripe keeps trying for days).
  sandbox = await startPaymentSandbox({
    webhooks: [{ url: `${url}/api/webhooks/stripe`, secret: webhookSecret }],
    retryDelaysMs: Array.from({ length: 60 }, () => 1_000),
  });
  const dbName = `fault_${randomBytes(4).toString('hex')}`;
  env = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    MONGODB_URI: `${engine.uri}/${dbName}`,
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: `${dbName}:`,
    STRIPE_SECRET_KEY: sandbox.secretKey,
    STRIPE_API_URL: sandbox.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    RATE_LIMIT_MAX: '100000',
    LOG_FORMAT: 'json',
  };
  client = await new MongoClient(env.MONGODB_URI ?? '').connect();
  db = client.db(dbName);
  shop = { url, db, config: loadConfig(env) };
});

afterAll(async () => {
  if (server) await stopServer(server);
  await sandbox?.stop();
  await db?.dropDatabase().catch(() => undefined);
  await client?.close();
  await engine?.stop();
});

describe('the API process dies between payment and webhook', () => {
  it('when the API is killed -9, the shopper pays while it is down and it restarts, then the retried webhook completes the order exactly once', async () => {
    server = runServer(env);
    await waitForHealth(shop.url);
    const tokens = { JWT_SECRET: env.JWT_SECRET ?? '', ACCESS_TOKEN_TTL_SECONDS: 900 };
    const [admin] = await quickShoppers({ db, config: tokens }, 1, 'admin');
    const [shopper] = await quickShoppers({ db, config: tokens }, 1);
    if (!admin || !shopper) throw new Error('no users');
    const created = await request(shop.url, 'POST', '/api/admin/products', {
      token: admin.accessToken,
      body: { name: 'Fault Tolerant Lamp', price: 4200, stock: 5 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const productId = created.body.id as string;
    await addToCart(shop, shopper, productId, 2);
    const started = await startCheckout(shop, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const orderId = started.body.orderId as string;

    server.signalGroup('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    await expect(fetch(`${shop.url}/api/health`)).rejects.toThrow();
    const paid = await payHostedCheckout(started.body.checkoutUrl);
    expect(paid.status).toBe('redirected');
    // The sandbox could not reach the API: the completed event waits for a retry.
    await expect
      .poll(
        async () =>
          (await sandboxDeliveries({ sandbox })).find((entry) => entry.eventType === 'checkout.session.completed')
            ?.attempts.length ?? 0,
        { timeout: 10_000, interval: 100 },
      )
      .toBeGreaterThanOrEqual(1);
    const whileDown = await db.collection('orders').findOne({ _id: new ObjectId(orderId) });
    expect(whileDown?.status).toBe('pending_payment');

    server = runServer(env);
    await waitForHealth(shop.url);

    const order = await waitForFulfilment(shop, shopper, orderId, 60_000);
    expect(order.status).toBe('paid');
    // The order is paid once the webhook's handler commits, a moment before the sandbox reads the API's answer and
    // marks the delivery delivered: wait for that mark.
    const completedDelivery = async () =>
      (await sandboxDeliveries({ sandbox })).find((entry) => entry.eventType === 'checkout.session.completed');
    await expect.poll(async () => (await completedDelivery())?.state, { timeout: 10_000 }).toBe('delivered');
    const completed = await completedDelivery();
    expect(completed?.attempts.length).toBeGreaterThan(1);
    expect(completed?.attempts[0]?.status ?? null).toBeNull();
    const orders = await db
      .collection('orders')
      .find({ userId: new ObjectId(shopper.userId) })
      .toArray();
    expect(orders.map((entry) => entry.status)).toEqual(['paid']);
    expect(await stockOf(shop, productId)).toEqual({ stock: 3, reserved: 0, sold: 2, holds: 0 });
    await expectStockConserved(shop, [{ id: productId, initial: 5 }]);
    expect(await countMail(shop, shopper.email, 'order.confirmation')).toBe(1);
    expect(
      (await orderOf(shop, shopper, orderId)).timeline.filter(
        (entry: { status: string | null }) => entry.status === 'paid',
      ),
    ).toHaveLength(1);
  });
});
