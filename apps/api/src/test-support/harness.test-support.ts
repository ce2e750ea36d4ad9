import { startEmbeddedMongo, type EmbeddedMongo } from '@mercato/embedded-mongo';
import { startPaymentSandbox, type PaymentSandbox } from '@mercato/payment-sandbox';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { MongoClient, type CommandStartedEvent, type Db, type Document } from 'mongodb';
import { inject } from 'vitest';
import { freePort } from '@mercato/testkit';
import { buildApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config/load-config.js';

export interface TestApp {
  app: App;
  config: Config;
  /** Base URL of the listening app, e.g. http://127.0.0.1:41234 (https://… when started with `tls`) */
  url: string;
  /** A separate driver connection for arranging and asserting on data. */
  db: Db;
  /** A separate Redis connection with the app's key prefix. */
  redis: Redis;
  sandbox: PaymentSandbox;
  webhookSecret: string;
  close(): Promise<void>;
}

let enginePromise: Promise<EmbeddedMongo> | undefined;

/**
 * One embedded engine per test file (process); each app gets its own database inside it. Test commands are on here
 * (and only here: the launcher never enables them), so fault tests can fail real commands with configureFailPoint.
 */
function mongoBaseUri(): Promise<string> {
  const external = process.env.MONGODB_URI;
  if (external) return Promise.resolve(external.replace(/\/[^/?]*(\?.*)?$/, ''));
  if (!enginePromise) enginePromise = startEmbeddedMongo({ enableTestCommands: true });
  return enginePromise.then((engine) => engine.uri);
}

/**
 * Starts the real app on a free port against real services: the embedded engine (or MONGODB_URI), the run's
 * redis-server with an isolated key prefix, and a fresh payment sandbox whose webhooks point at the app.
 * With `tls` the app serves HTTPS with that certificate and its PUBLIC_URL is https. The in-process sandbox does
 * not trust a local certificate (Node reads NODE_EXTRA_CA_CERTS only at start-up), so webhooks need a plain app.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    beforeListen?: (app: App) => void | Promise<void>;
    tls?: { certFile: string; keyFile: string };
  } = {},
): Promise<TestApp> {
  const suffix = randomBytes(5).toString('hex');
  const dbName = `test_${suffix}`;
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const sandbox = await startPaymentSandbox({ retryDelaysMs: [200, 500, 1_000, 2_000] });
  const baseUri = await mongoBaseUri();
  const redisUrl = env.REDIS_URL ?? inject('redisUrl');
  // The port is chosen first so PUBLIC_URL is the real origin: browsers' Origin checks and emailed links work.
  const port = await freePort();
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    ...(options.tls ? { TLS_CERT_FILE: options.tls.certFile, TLS_KEY_FILE: options.tls.keyFile } : {}),
    MONGODB_URI: `${baseUri}/${dbName}`,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `t${suffix}:`,
    STRIPE_SECRET_KEY: sandbox.secretKey,
    STRIPE_API_URL: sandbox.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    RATE_LIMIT_MAX: '100000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await buildApp(config, { logger: false });
  await options.beforeListen?.(app);
  await app.listen({ host: '127.0.0.1', port });
  sandbox.addWebhookEndpoint({ url: `${url}/api/webhooks/stripe`, secret: webhookSecret });

  const client = await new MongoClient(config.MONGODB_URI).connect();
  const redis = new Redis(redisUrl, { keyPrefix: config.REDIS_KEY_PREFIX, maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // tests stop Redis on purpose
  return {
    app,
    config,
    url,
    db: client.db(config.mongoDbName),
    redis,
    sandbox,
    webhookSecret,
    async close() {
      await app.close();
      await sandbox.stop();
      await client
        .db(config.mongoDbName)
        .dropDatabase()
        .catch(() => undefined);
      await client.close();
      redis.disconnect();
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A tiny HTTP client for tests: real requests over the loopback, JSON in and out, optional bearer token. */
export async function request<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${url}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = text;
  if (/json/.test(response.headers.get('content-type') ?? '') && text.length > 0) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/**
 * How many `find` commands the app itself sends while `run` runs, of those `counts` picks (by the command document:
 * collection in `find`, `filter`, …). The app must be started with MONGODB_MONITOR_COMMANDS=true.
 */
export async function countFinds(
  ctx: TestApp,
  counts: (command: Document) => boolean,
  run: () => Promise<unknown>,
): Promise<number> {
  let finds = 0;
  const listener = (event: CommandStartedEvent) => {
    if (event.commandName === 'find' && counts(event.command)) finds += 1;
  };
  ctx.app.mongo.client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    ctx.app.mongo.client.off('commandStarted', listener);
  }
  return finds;
}

/**
 * Stops a test app but keeps its database, so a second app can start on the same data (pass
 * `MONGODB_URI: ctx.config.MONGODB_URI`, and the keys the data was sealed with, to `startTestApp`): an upgrade, a key
 * change, a restart. The last app on the database drops it as usual with `close()`.
 */
export async function closeKeepingDatabase(ctx: TestApp): Promise<void> {
  await ctx.app.close();
  await ctx.sandbox.stop();
  await ctx.db.client.close();
  ctx.redis.disconnect();
}
