import { freePort, startRedisServer } from '@mercato/testkit';
import { MongoClient, type Db } from 'mongodb';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { createShoppers, FulfilmentWatcher } from './checkout-flow.js';
import { spawnTypeScript, waitForHttp } from './support/child-process.js';
import type { Cleanup } from './support/cleanup.js';
import { repoPath } from './support/repo-paths.js';
import { apiEnvironment, spawnBuiltApi, startEngineProcess } from './support/services.js';

/** The events the API acts on; Stripe's advice is to subscribe to those only. */
const HANDLED_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'payment_intent.payment_failed',
  'charge.refunded',
];

/** A shop that can take payments: the API, its engine, redis-server and the payment sandbox, each its own process. */
export interface CheckoutStack {
  apiUrl: string;
  db: Db;
  redisUrl: string;
  /** The API's Redis key prefix (cache tag versions live under `<prefix>v:<tag>`). */
  keyPrefix: string;
  jwtSecret: string;
  adminToken: string;
  stripe: Stripe;
  watcher: FulfilmentWatcher;
  pids: Record<string, number>;
}

/**
 * Starts redis-server, the engine, the sandbox (webhooks to the API's port) and the API, each its own process, and
 * registers their stops with `cleanup`. `beforeApi` runs against the database before the API starts (bulk data).
 */
export async function startCheckoutStack(
  cleanup: Cleanup,
  options: { database: string; beforeApi?: (db: Db) => Promise<void> },
): Promise<CheckoutStack> {
  const redis = cleanup.add(await startRedisServer(), 'redis-server', (server) => server.stop());
  const engine = cleanup.add(await startEngineProcess(), 'embedded engine', (server) => server.stop());
  const mongoUri = `${engine.uri}/${options.database}`;
  const client = cleanup.add(new MongoClient(mongoUri), 'driver', (driver) => driver.close());
  const db = client.db();
  await options.beforeApi?.(db);

  const secretKey = `sk_test_sandbox_bench${randomBytes(12).toString('hex')}`;
  const sandboxPort = await freePort();
  const sandbox = cleanup.add(
    spawnTypeScript(
      'payment sandbox',
      repoPath('packages/payment-sandbox/src/cli.ts'),
      ['--port', String(sandboxPort), '--secret-key', secretKey, '--retry-delays', '200,500,1000,2000,5000'],
      {},
    ),
    'payment sandbox',
    (server) => server.stop(),
  );
  const [, sandboxUrl = ''] = await sandbox.waitForOutput(/listening on (http:\/\/\S+)/, 60_000);
  const stripe = new Stripe(secretKey, {
    host: '127.0.0.1',
    port: sandboxPort,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });

  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const endpoint = await stripe.webhookEndpoints.create({
    url: `${apiUrl}/api/webhooks/stripe`,
    enabled_events: HANDLED_EVENTS,
  });
  const jwtSecret = randomBytes(48).toString('base64');
  const environment = apiEnvironment(
    {
      name: 'api',
      mongoUri,
      redisUrl: redis.url,
      env: {
        // Production refuses the sandbox (by design); nothing else in the API depends on NODE_ENV=production.
        NODE_ENV: 'test',
        PUBLIC_URL: apiUrl,
        STRIPE_SECRET_KEY: secretKey,
        STRIPE_API_URL: sandboxUrl,
        STRIPE_WEBHOOK_SECRET: endpoint.secret ?? '',
        JWT_SECRET: jwtSecret,
      },
    },
    apiPort,
  );
  const api = cleanup.add(spawnBuiltApi('api', environment), 'api', (server) => server.stop());
  await waitForHttp(`${apiUrl}/api/health`, api, 90_000);
  const [admin] = await createShoppers(db, jwtSecret, 1, 'admin');
  const watcher = cleanup.add(await FulfilmentWatcher.start(redis.url), 'sales watcher', (it) => it.stop());
  return {
    apiUrl,
    db,
    redisUrl: redis.url,
    keyPrefix: environment.REDIS_KEY_PREFIX ?? '',
    jwtSecret,
    adminToken: admin?.token ?? '',
    stripe,
    watcher,
    pids: { api: api.pid, sandbox: sandbox.pid, engine: engine.pid },
  };
}
