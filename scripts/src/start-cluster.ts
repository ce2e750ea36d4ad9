import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApiInstances, type ApiInstance } from './lib/api-instances.js';
import { startChild, type ManagedChild } from './lib/child.js';
import { fail, launcherLifecycle, step } from './lib/launcher.js';
import { haproxyCommand, waitForUpstreams, writeHaproxyConfig } from './lib/haproxy.js';
import { waitForHttp } from './lib/http-wait.js';
import { DATA_DIR, ROOT } from './lib/paths.js';
import { isFree, portPreferring } from './lib/ports.js';
import { writeRuntime } from './lib/runtime.js';
import { loadOrCreateSecrets } from './lib/secrets.js';
import { startEngine, startRedis, startSandbox, supervised } from './lib/services.js';
import { apiEnvironment, buildShop, needsOwnRedis, seedDatabase } from './lib/shop-env.js';
import { ensureSystemDependency, HAPROXY, REDIS_SERVER } from './lib/system-deps.js';

/**
 * `npm run start:cluster -- --instances 3`: the production shape on one machine. The embedded engine (or
 * MONGODB_URI), redis-server (or REDIS_URL / REDIS_CLUSTER_NODES), the payment sandbox (or Stripe), N stateless API
 * instances (RUN_WORKER=false) on their own ports, one job worker, and HAProxy in front on PORT (3000) with health
 * checks on /api/ready and retries (lib/haproxy.ts). An instance that exits is started again; Ctrl-C stops the
 * proxy first, then the instances (each drains and finishes its requests), the worker, and the services.
 */
const DRAIN_MS = 2_000;
const CHECK_INTERVAL_MS = 500;

/** Newest first, so the order is: proxy, instances, worker, sandbox, redis, engine. */
const stops: (() => Promise<void>)[] = [];
const { shutdown, isStopping, run } = launcherLifecycle(async () => {
  for (const stop of stops) await stop();
});
/** Processes whose unexpected exit stops everything (API instances are restarted instead). */
const services: ManagedChild[] = [];
const track = (child: ManagedChild) => {
  services.push(child);
  stops.unshift(() => child.stop(20_000));
};

async function main(): Promise<void> {
  if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
  const env = process.env;
  const count = instanceCount(process.argv);
  const port = Number(env.PORT ?? 3000);
  if (!(await isFree(port))) fail(`Port ${port} is already in use. Stop what runs there or set PORT to another port.`);
  if (needsOwnRedis(env) && !(await ensureSystemDependency(REDIS_SERVER))) process.exit(1);
  if (!(await ensureSystemDependency(HAPROXY))) process.exit(1);
  if (env.MERCATO_SKIP_BUILD !== '1') {
    step('Building Mercato (TypeScript and the web app)…');
    if ((await buildShop(false)) !== 0) fail('The build failed; see the errors above.');
  }

  const secrets = loadOrCreateSecrets();
  const proxyUrl = `http://127.0.0.1:${port}`;
  step('Starting services…');
  const mongo = env.MONGODB_URI ? undefined : await startEngine();
  const redis = needsOwnRedis(env) ? await startRedis() : undefined;
  // Webhooks come in through the proxy, as Stripe's would.
  const sandbox = env.STRIPE_SECRET_KEY
    ? undefined
    : await startSandbox({
        secretKey: secrets.STRIPE_SANDBOX_KEY,
        webhookUrl: `${proxyUrl}/api/webhooks/stripe`,
        webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
      });
  for (const service of [mongo, redis, sandbox]) if (service) track(service.child);

  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  const shopEnv: NodeJS.ProcessEnv = {
    ...apiEnvironment({
      env,
      secrets,
      port,
      publicUrl,
      mongoUrl: mongo?.url,
      redisUrl: redis?.url,
      sandboxUrl: sandbox?.url,
    }),
    RUN_WORKER: 'false',
    // Behind the proxy: the client's address is in X-Forwarded-For (rate limits, throttles count the shopper).
    TRUST_PROXY: 'true',
    SHUTDOWN_DRAIN_MS: String(env.SHUTDOWN_DRAIN_MS ?? DRAIN_MS),
  };
  step('Preparing the database (indexes, first admin, demo data on first start)…');
  if ((await seedDatabase(shopEnv, false)) !== 0) await shutdown(1, 'Seeding the database failed; see above.');

  step('Starting the job worker…');
  const workerHealthPort = await portPreferring(port + 100);
  const { child: worker } = await startChild({
    name: 'worker',
    command: process.execPath,
    args: [join(ROOT, 'apps/api/dist/worker.js')],
    env: { ...shopEnv, RUN_WORKER: 'true', SHUTDOWN_DRAIN_MS: '0', WORKER_HEALTH_PORT: String(workerHealthPort) },
    detached: true,
  });
  track(worker);
  await waitForHttp(`http://127.0.0.1:${workerHealthPort}/health`, 120_000, () => worker.process.exitCode === null);

  step(`Starting ${count} API instances…`);
  const ports: number[] = [];
  for (let index = 1; index <= count; index++) ports.push(await portPreferring(port + index));
  const statsPort = await portPreferring(port + 99);
  const recordRuntime = (instances: readonly ApiInstance[]) =>
    writeRuntime({
      pid: process.pid,
      mongoUri: shopEnv.MONGODB_URI ?? '',
      redisUrl: shopEnv.REDIS_URL ?? env.REDIS_CLUSTER_NODES ?? '',
      cluster: {
        proxyUrl,
        statsPort,
        instances: instances.map((instance) => ({
          name: instance.name,
          port: instance.port,
          pid: instance.child.process.pid ?? 0,
        })),
      },
    });
  const apis = createApiInstances({
    env: shopEnv,
    ports,
    isStopping,
    onChange: recordRuntime,
    onGiveUp: (message) => void shutdown(1, message),
  });
  stops.unshift(() => apis.stop());
  await apis.start();

  step('Starting HAProxy…');
  const upstreams = apis.instances.map((instance) => ({ name: instance.name, port: instance.port }));
  const config = writeHaproxyConfig(join(DATA_DIR, 'cluster'), {
    port,
    statsPort,
    upstreams,
    checkIntervalMs: CHECK_INTERVAL_MS,
  });
  const { child: proxy } = await startChild({
    name: 'proxy',
    ...supervised('haproxy', haproxyCommand(config), 'USR1'),
    detached: true,
  });
  track(proxy);
  await waitForUpstreams(statsPort, Object.fromEntries(upstreams.map((upstream) => [upstream.name, 'UP'])));

  for (const service of services) {
    void service.exited.then((code) => {
      if (!isStopping())
        void shutdown(1, `${service.name} stopped unexpectedly (exit code ${code}); stopping everything.`);
    });
  }
  printSummary({
    publicUrl,
    proxyUrl,
    statsPort,
    instances: apis.instances,
    adminPassword: secrets.DEMO_ADMIN_PASSWORD,
  });
}

function instanceCount(argv: string[]): number {
  const at = argv.indexOf('--instances');
  const raw = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--instances='))?.split('=')[1];
  const count = raw === undefined ? 3 : Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 16) fail('--instances takes a whole number from 1 to 16.');
  return count;
}

function printSummary(info: {
  publicUrl: string;
  proxyUrl: string;
  statsPort: number;
  instances: readonly ApiInstance[];
  adminPassword: string;
}) {
  const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;
  const lines = [
    '',
    bold(`  Mercato is running as a cluster of ${info.instances.length} API instances behind HAProxy`),
    '',
    `  Shop        ${bold(info.publicUrl)}   (proxy ${info.proxyUrl})`,
    `  Admin       ${info.publicUrl}/admin   login: ${bold(process.env.ADMIN_EMAIL ?? 'admin@mercato.local')} / ${bold(process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : info.adminPassword)}`,
    `  Instances   ${info.instances.map((instance) => `${instance.name} http://127.0.0.1:${instance.port}`).join(', ')}`,
    `  Proxy stats http://127.0.0.1:${info.statsPort}/   (instance states; CSV at /;csv)`,
    `  Restart one without dropping a request: kill -TERM <pid> (pids in ${join(DATA_DIR, 'runtime.json')})`,
    '',
    '  Press Ctrl-C to stop everything (proxy first, then instances, worker and services).',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

run(main);
