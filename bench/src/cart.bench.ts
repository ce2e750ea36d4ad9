// Cart and session benchmark: `npm run bench:cart [-- --duration 4 --rounds 2 --connections 10,50 --shoppers 200]`.
// Not a test: it prints the figures and writes bench/results/cart.md (see bench/README.md).
import { MongoClient, type Db } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startRedisServer } from '@mercato/testkit';
import {
  cartMarkdown,
  MODE_TITLES,
  MODES,
  printCartRun,
  type EndpointKey,
  type Measurement,
  type Mode,
} from './cart-report.js';
import { createShoppersWithCarts } from './cart-shoppers.js';
import { insertCatalog, PRODUCT_COUNT } from './catalog-data.js';
import { Cleanup } from './support/cleanup.js';
import { formatMs } from './support/format.js';
import { combineRounds, runLoad, type LoadRun } from './support/load.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { measureCpu } from './support/process-cpu.js';
import { redisPid } from './support/redis-pid.js';
import { repoPath } from './support/repo-paths.js';
import { stepLogger, writeResults } from './support/results.js';
import { startApiProcess, startEngineProcess } from './support/services.js';

const RESULTS_FILE = repoPath('bench/results/cart.md');
const ENDPOINTS: EndpointKey[] = ['catalog', 'cart', 'me'];

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10,50' },
      shoppers: { type: 'string', default: '200' },
      profile: { type: 'string' },
      endpoints: { type: 'string', default: ENDPOINTS.join(',') },
    },
  });
  const connections = values.connections.split(',').map(Number);
  const options = {
    connections,
    durationSeconds: Number(values.duration),
    rounds: Number(values.rounds),
    warmupSeconds: Number(values.warmup),
    shoppers: Number(values.shoppers),
    endpoints: values.endpoints.split(',') as EndpointKey[],
    // The cached API writes a V8 CPU profile into this directory when it stops (bench/src/support/profile-summary.ts).
    nodeArgs: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : [],
  };
  const isValid =
    connections.every((n) => Number.isInteger(n) && n >= 1) &&
    options.durationSeconds > 0 &&
    options.warmupSeconds >= 0 &&
    Number.isInteger(options.rounds) &&
    options.rounds >= 1 &&
    Number.isInteger(options.shoppers) &&
    options.shoppers >= 1 &&
    options.endpoints.every((endpoint) => ENDPOINTS.includes(endpoint));
  if (!isValid)
    throw new Error(
      'usage: cart.bench.ts [--duration <s>] [--rounds <n>] [--warmup <s>] [--connections 10,50] [--shoppers <n>] [--endpoints catalog,cart,me] [--profile <dir>]',
    );
  return options;
}

/** Every operation the database counted so far (serverStatus opcounters, all kinds). */
async function totalOps(db: Db): Promise<number> {
  const { opcounters } = await db.admin().command({ serverStatus: 1 });
  return Object.values(opcounters as Record<string, unknown>).reduce<number>((sum, value) => sum + Number(value), 0);
}

async function main(): Promise<void> {
  const options = readOptions();
  const startedAt = new Date();
  const step = stepLogger(startedAt);
  const loadBefore = loadAverage();
  const cleanup = new Cleanup();
  try {
    step('starting redis-server and the embedded engine…');
    const redis = cleanup.add(await startRedisServer(), 'redis-server', (server) => server.stop());
    const engine = cleanup.add(await startEngineProcess(), 'embedded engine', (server) => server.stop());
    const mongoUri = `${engine.uri}/bench_cart`;
    const client = cleanup.add(new MongoClient(mongoUri), 'driver', (driver) => driver.close());
    const db = client.db();

    step(`inserting ${PRODUCT_COUNT.toLocaleString('en-US')} products and ${options.shoppers} shoppers with carts…`);
    const { products } = await insertCatalog(db);
    // Both APIs share the secrets, so one token works on either (they are two configurations of one shop).
    const secrets = {
      JWT_SECRET: randomBytes(48).toString('base64'),
      DATA_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      BLIND_INDEX_KEY: randomBytes(32).toString('base64url'),
    };
    const tokens = await createShoppersWithCarts(db, products, options.shoppers, secrets.JWT_SECRET);

    step('starting the API twice (shopper cache on / off)…');
    const started = await Promise.allSettled(
      MODES.map((mode) =>
        startApiProcess({
          name: `api (${MODE_TITLES[mode]})`,
          mongoUri,
          redisUrl: redis.url,
          env: { ...secrets, SHOPPER_CACHE: mode === 'cached' ? 'true' : 'false' },
          nodeArgs: mode === 'cached' ? options.nodeArgs : [],
        }),
      ),
    );
    for (const result of started)
      if (result.status === 'fulfilled') cleanup.add(result.value, result.value.name, (api) => api.stop());
    const apis = started.map((result) => {
      if (result.status === 'rejected') throw result.reason;
      return result.value;
    });
    const targets = Object.fromEntries(MODES.map((mode, index) => [mode, apis[index]!])) as Record<
      Mode,
      (typeof apis)[number]
    >;

    const visible = products.filter((product) => product.active);
    const requestsOf = (endpoint: EndpointKey) =>
      endpoint === 'catalog'
        ? visible.slice(0, 200).map((product) => ({ method: 'GET' as const, path: `/api/products/${product.slug}` }))
        : tokens.map((token) => ({
            method: 'GET' as const,
            path: endpoint === 'cart' ? '/api/cart' : '/api/auth/me',
            headers: { authorization: `Bearer ${token}` },
          }));
    await assertAnswers(targets.cached.url, tokens[0] ?? '');

    const pids = { engine: engine.pid, redis: await redisPid(redis.port) };
    step('measuring…');
    const measurements: Measurement[] = [];
    for (const endpoint of options.endpoints) {
      const requests = requestsOf(endpoint);
      const maxConnections = Math.max(...options.connections);
      if (options.warmupSeconds > 0)
        for (const mode of MODES)
          await runLoad({
            url: targets[mode].url,
            requests,
            connections: maxConnections,
            durationSeconds: options.warmupSeconds,
          });
      for (const connections of options.connections) {
        const rounds = new Map<Mode, Array<{ load: LoadRun; cpuMs: Record<string, number>; ops: number }>>();
        for (let round = 0; round < options.rounds; round++) {
          for (const mode of MODES) {
            const opsBefore = await totalOps(db);
            const measured = await measureCpu({ api: targets[mode].pid, ...pids }, () =>
              runLoad({
                url: targets[mode].url,
                requests,
                connections,
                durationSeconds: options.durationSeconds / options.rounds,
              }),
            );
            // Minus the two serverStatus commands that took the readings.
            const ops = (await totalOps(db)) - opsBefore - 1;
            rounds.set(mode, [...(rounds.get(mode) ?? []), { load: measured.result, cpuMs: measured.cpuMs, ops }]);
          }
        }
        for (const mode of MODES) {
          const results = rounds.get(mode) ?? [];
          const load = combineRounds(results.map((result) => result.load));
          const sum = (pick: (result: (typeof results)[number]) => number) =>
            results.reduce((total, result) => total + pick(result), 0);
          const perRequest = (value: number) => value / Math.max(load.total, 1);
          measurements.push({
            endpoint,
            mode,
            connections,
            load,
            dbOpsPerRequest: perRequest(sum((result) => result.ops)),
            cpuMsPerRequest: {
              api: perRequest(sum((result) => result.cpuMs.api ?? Number.NaN)),
              engine: perRequest(sum((result) => result.cpuMs.engine ?? Number.NaN)),
              redis: perRequest(sum((result) => result.cpuMs.redis ?? Number.NaN)),
            },
          });
          console.log(
            `${endpoint.padEnd(8)} ${MODE_TITLES[mode].padEnd(20)} ${String(connections).padStart(3)} conns: ${Math.round(load.requestsPerSecond)} req/s, p99 ${formatMs(load.p99)} ms, ${perRequest(sum((result) => result.ops)).toFixed(3)} DB ops/req${load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : ''}`,
          );
        }
      }
    }
    const run = {
      startedAt,
      machine: describeMachine(),
      loadBefore,
      loadAfter: loadAverage(),
      shoppers: options.shoppers,
      productCount: PRODUCT_COUNT,
      durationSeconds: options.durationSeconds,
      rounds: options.rounds,
      measurements,
      elapsedSeconds: (Date.now() - startedAt.getTime()) / 1_000,
    };
    printCartRun(run);
    if (options.nodeArgs.length > 0) {
      console.log('\nprofiling slows the API down: results not written; the profile appears once the API stops');
      return;
    }
    await writeResults(RESULTS_FILE, cartMarkdown(run));
  } finally {
    await cleanup.run();
  }
}

/** One real cart and account read before the load, so the run never measures a stream of 401s. */
async function assertAnswers(url: string, token: string): Promise<void> {
  for (const path of ['/api/cart', '/api/auth/me']) {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { lines?: unknown[] };
    if (response.status !== 200) throw new Error(`${path} failed before the benchmark: ${response.status}`);
    if (path === '/api/cart' && body.lines?.length !== 3) throw new Error(`the cart has ${body.lines?.length} lines`);
  }
}

await main();
