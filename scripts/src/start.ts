import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startChild, type ManagedChild } from './lib/child.js';
import { fail, launcherLifecycle, step } from './lib/launcher.js';
import { waitForHttp } from './lib/http-wait.js';
import { ensureLocalCertificate, trustInstructions, type LocalCertificate } from './lib/local-tls.js';
import { DATA_DIR, ROOT } from './lib/paths.js';
import { isFree } from './lib/ports.js';
import { writeRuntime } from './lib/runtime.js';
import { loadOrCreateSecrets } from './lib/secrets.js';
import { startEngine, startRedis, startSandbox } from './lib/services.js';
import { apiEnvironment, buildShop, needsOwnRedis, seedDatabase } from './lib/shop-env.js';
import { ensureSystemDependency, REDIS_SERVER } from './lib/system-deps.js';

/**
 * `npm start` (and `npm run dev` with --dev): builds, starts every service the shop needs unless the environment
 * points at real ones, seeds demo data once, prints where everything runs, and stops it all on Ctrl-C.
 * `npm start -- --https` (or HTTPS=1) serves the shop over TLS with a local certificate (lib/local-tls.ts).
 */
const isDev = process.argv.includes('--dev');
const children: ManagedChild[] = [];
// Reverse order: the app first (finishes in-flight work), then the services it uses.
const { shutdown, isStopping, run } = launcherLifecycle(async () => {
  for (const child of [...children].reverse()) await child.stop();
});

async function main(): Promise<void> {
  if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
  const env = process.env;
  const port = Number(env.PORT ?? 3000);
  const isHttps = process.argv.includes('--https') || env.HTTPS === '1' || env.HTTPS === 'true';
  if (isHttps && isDev) {
    fail(
      '--https applies to `npm start` (the built shop, one port). `npm run dev` serves Vite over http://localhost:5173; to try the shop over HTTPS run `npm start -- --https`.',
    );
  }
  if (isHttps && env.PUBLIC_URL && !env.PUBLIC_URL.startsWith('https://')) {
    fail(`--https needs an https PUBLIC_URL (it is ${env.PUBLIC_URL}); unset it to use https://localhost:${port}.`);
  }
  if (!(await isFree(port))) fail(`Port ${port} is already in use. Stop what runs there or set PORT to another port.`);
  // Before the build, which takes minutes: a missing redis-server is said at once.
  if (needsOwnRedis(env) && !(await ensureSystemDependency(REDIS_SERVER))) process.exit(1);

  // MERCATO_SKIP_BUILD=1 is for the launcher's own test, which runs after `npm test` has built everything.
  if (env.MERCATO_SKIP_BUILD !== '1') {
    step(isDev ? 'Building the engine and payment sandbox…' : 'Building Mercato (TypeScript and the web app)…');
    if ((await buildShop(isDev)) !== 0) fail('The build failed; see the errors above.');
  }

  const secrets = loadOrCreateSecrets();
  const tls = isHttps ? await ensureLocalCertificate() : undefined;
  if (tls?.isNew)
    step(`Created a local HTTPS certificate in ${dirname(tls.certFile)} (valid until ${day(tls.notAfter)})`);
  // The launcher and the payment sandbox reach the API on the loopback, over TLS too when --https.
  const apiOrigin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  step('Starting services…');
  const mongo = env.MONGODB_URI ? undefined : await startEngine();
  if (mongo) children.push(mongo.child);
  const redis = needsOwnRedis(env) ? await startRedis() : undefined;
  if (redis) children.push(redis.child);
  const publicUrl =
    env.PUBLIC_URL ?? `${tls ? 'https' : 'http'}://localhost:${isDev ? Number(env.WEB_PORT ?? 5173) : port}`;
  const sandbox = env.STRIPE_SECRET_KEY
    ? undefined
    : await startSandbox({
        secretKey: secrets.STRIPE_SANDBOX_KEY,
        webhookUrl: `${apiOrigin}/api/webhooks/stripe`,
        webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
        trustedCaFile: tls?.caFile,
      });
  if (sandbox) children.push(sandbox.child);

  const apiEnv = apiEnvironment({
    env,
    secrets,
    port,
    publicUrl,
    mongoUrl: mongo?.url,
    redisUrl: redis?.url,
    sandboxUrl: sandbox?.url,
    tls,
    isDev,
  });

  step('Preparing the database (indexes, first admin, demo data on first start)…');
  if ((await seedDatabase(apiEnv, isDev)) !== 0)
    await shutdown(1, 'Seeding the database failed; see the errors above.');

  step('Starting the shop…');
  const api = await startChild({
    name: 'api',
    command: isDev ? join(ROOT, 'node_modules/.bin/tsx') : process.execPath,
    args: isDev
      ? ['watch', '--conditions=source', '--clear-screen=false', join(ROOT, 'apps/api/src/server.ts')]
      : [join(ROOT, 'apps/api/dist/server.js')],
    env: apiEnv,
    detached: !isDev,
  });
  children.push(api.child);
  await waitForHttp(`${apiOrigin}/api/ready`, 120_000, () => api.child.process.exitCode === null, {
    ca: tls ? readFileSync(tls.caFile) : undefined,
  }).catch((error: Error) => shutdown(1, `The API did not become ready: ${error.message}`));

  if (isDev) {
    const web = await startChild({
      name: 'web',
      command: 'npm',
      args: ['run', 'dev', '-w', '@mercato/web'],
      env: { ...process.env, API_ORIGIN: `http://127.0.0.1:${port}` },
      readyPattern: /Local:\s+(http\S+)/,
    });
    children.push(web.child);
  }

  for (const child of children) {
    void child.exited.then((code) => {
      if (!isStopping())
        void shutdown(1, `${child.name} stopped unexpectedly (exit code ${code}); stopping everything.`);
    });
  }
  writeRuntime({ pid: process.pid, mongoUri: apiEnv.MONGODB_URI ?? '', redisUrl: apiEnv.REDIS_URL ?? '' });
  printSummary({
    publicUrl,
    mongo: apiEnv.MONGODB_URI ?? '',
    redis: apiEnv.REDIS_URL ?? process.env.REDIS_CLUSTER_NODES ?? '',
    sandbox: sandbox?.url,
    adminPassword: secrets.DEMO_ADMIN_PASSWORD,
    tls,
  });
}

function printSummary(info: {
  publicUrl: string;
  mongo: string;
  redis: string;
  sandbox: string | undefined;
  adminPassword: string;
  tls: LocalCertificate | undefined;
}) {
  const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;
  const lines = [
    '',
    bold(`  Mercato is running${isDev ? ' (development, hot reload)' : ''}`),
    '',
    `  Shop        ${bold(info.publicUrl)}`,
    `  Admin       ${info.publicUrl}/admin   login: ${bold(process.env.ADMIN_EMAIL ?? 'admin@mercato.local')} / ${bold(process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : info.adminPassword)}`,
    `  API docs    ${info.publicUrl}/api/docs`,
    `  Emails      ${info.publicUrl}/admin/outbox   (development outbox; set SMTP_URL to send for real)`,
    `  MongoDB     ${info.mongo}${process.env.MONGODB_URI ? '' : `   (embedded engine, data in ${join(DATA_DIR, 'mongo')})`}`,
    `  Redis       ${info.redis}${needsOwnRedis(process.env) ? `   (redis-server, data in ${join(DATA_DIR, 'redis')})` : ''}`,
    info.sandbox
      ? `  Payments    ${info.sandbox}   (payment sandbox; pay with card 4242 4242 4242 4242, any future date, any CVC)`
      : '  Payments    Stripe (STRIPE_SECRET_KEY)',
    ...(info.tls
      ? [
          `  HTTPS       local certificate ${info.tls.certFile} (valid until ${day(info.tls.notAfter)})`,
          ...trustInstructions(info.tls, info.publicUrl).map((line) => `              ${line}`),
        ]
      : []),
    '',
    '  Press Ctrl-C to stop everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

run(main);
