// Catalog benchmark: `npm run bench:catalog [-- --duration 4 --rounds 2 --connections 1,10,50]`. Not a test: it prints the
// figures and writes bench/results/catalog.md. See bench/README.md for what is measured and how to read it.
import { MongoClient } from 'mongodb';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startRedisServer } from '@mercato/testkit';
import { CATEGORY_COUNT, insertCatalog, PRODUCT_COUNT } from './catalog-data.js';
import {
  defineEndpoints,
  findDifferentBodies,
  recordBodies,
  recordHeaders,
  type Endpoint,
} from './catalog-endpoints.js';
import {
  catalogMarkdown,
  MODE_TITLES,
  MODES,
  printCatalogRun,
  type Measurement,
  type MemoryFigures,
  type Mode,
} from './catalog-report.js';
import { spawnTypeScript, waitForHttp } from './support/child-process.js';
import { Cleanup } from './support/cleanup.js';
import { formatMs } from './support/format.js';
import { combineRounds, getRequests, runLoad, type LoadRun } from './support/load.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { measureCpu } from './support/process-cpu.js';
import { residentMemory, sampleMemory } from './support/process-memory.js';
import { redisPid } from './support/redis-pid.js';
import { repoPath } from './support/repo-paths.js';
import { stepLogger, writeResults } from './support/results.js';
import { startApiProcess, startApiWithRedisDown, startEngineProcess } from './support/services.js';

const RESULTS_FILE = repoPath('bench/results/catalog.md');

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '1,10,50' },
      profile: { type: 'string' },
    },
  });
  const connections = values.connections.split(',').map(Number);
  const durationSeconds = Number(values.duration);
  const warmupSeconds = Number(values.warmup);
  const rounds = Number(values.rounds);
  const isValid =
    connections.every((n) => Number.isInteger(n) && n >= 1) &&
    durationSeconds > 0 &&
    warmupSeconds >= 0 &&
    Number.isInteger(rounds) &&
    rounds >= 1;
  if (!isValid)
    throw new Error(
      'usage: catalog.bench.ts [--duration <s>] [--rounds <n>] [--warmup <s>] [--connections 1,10,50] [--profile <dir>]',
    );
  // Each API process writes a V8 CPU profile into this directory when it stops (open it in Chrome DevTools).
  const nodeArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : [];
  return { connections, durationSeconds, rounds, warmupSeconds, nodeArgs };
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
    const mongoUri = `${engine.uri}/bench_catalog`;

    step(`inserting ${PRODUCT_COUNT.toLocaleString('en-US')} products…`);
    const client = cleanup.add(new MongoClient(mongoUri), 'driver', (driver) => driver.close());
    const { categories, products } = await insertCatalog(client.db());
    await client.close();

    step('starting the API twice (warm Redis / Redis down)…');
    // Both start at once (tsx compiles the sources twice); whichever starts is stopped again even if the other fails.
    const [cachedStart, noRedisStart] = await Promise.allSettled([
      startApiProcess({ name: 'api (redis)', mongoUri, redisUrl: redis.url, nodeArgs: options.nodeArgs }),
      startApiWithRedisDown({ name: 'api (no redis)', mongoUri, nodeArgs: options.nodeArgs }),
    ]);
    for (const started of [cachedStart, noRedisStart])
      if (started.status === 'fulfilled') cleanup.add(started.value, started.value.name, (api) => api.stop());
    if (cachedStart.status === 'rejected') throw cachedStart.reason;
    if (noRedisStart.status === 'rejected') throw noRedisStart.reason;
    const cached = cachedStart.value;
    const noRedis = noRedisStart.value;

    const endpoints = defineEndpoints(categories, products);
    step('warming the cache and recording every response…');
    const bodies = await recordBodies(cached.url, endpoints);
    const bodyDifferences = await findDifferentBodies(noRedis.url, bodies);

    const workDir = cleanup.add(await mkdtemp(join(tmpdir(), 'mercato-bench-')), 'temp dir', (dir) =>
      rm(dir, { recursive: true, force: true }),
    );
    const bodiesFile = join(workDir, 'bodies.json');
    await writeFile(bodiesFile, JSON.stringify(Object.fromEntries(bodies)));
    const headersFile = join(workDir, 'headers.json');
    const headers = await recordHeaders(cached.url, [...bodies.keys()]);
    await writeFile(headersFile, JSON.stringify(Object.fromEntries(headers)));
    // The ceiling twice: with bare Fastify's own few headers, and with the ones the API sends (same bytes on the wire).
    const startCeiling = async (name: string, extraArgs: string[]) => {
      const port = await freePort();
      const server = cleanup.add(
        spawnTypeScript(
          name,
          repoPath('bench/src/catalog-ceiling-server.ts'),
          [bodiesFile, String(port), ...extraArgs],
          {
            NODE_ENV: 'production',
          },
        ),
        name,
        (started) => started.stop(),
      );
      const url = `http://127.0.0.1:${port}`;
      await waitForHttp(`${url}/api/health`, server);
      const differences = await findDifferentBodies(url, bodies);
      if (differences.length > 0) throw new Error(`${name} answers differently: ${differences[0]}`);
      return { url, pid: server.pid };
    };
    const ceiling = await startCeiling('bare fastify', []);
    const ceilingHeaders = await startCeiling('bare fastify + API headers', [headersFile]);

    const targets: Record<Mode, { url: string; pid: number }> = {
      cached: { url: cached.url, pid: cached.pid },
      noRedis: { url: noRedis.url, pid: noRedis.pid },
      ceiling,
      ceilingHeaders,
    };
    const pids = { engine: engine.pid, redis: await redisPid(redis.port) };
    step('measuring…');
    const servers: Record<Mode, number> = {
      cached: cached.pid,
      noRedis: noRedis.pid,
      ceiling: ceiling.pid,
      ceilingHeaders: ceilingHeaders.pid,
    };
    const { result: measurements, maxRss } = await sampleMemory(servers, () =>
      measureAll(endpoints, targets, pids, options),
    );
    const memoryOf = (mode: Mode) => ({ maxRss: maxRss[mode] ?? Number.NaN, peak: residentMemory(servers[mode]).peak });

    const run = {
      startedAt,
      machine: describeMachine(),
      loadBefore,
      loadAfter: loadAverage(),
      durationSeconds: options.durationSeconds,
      rounds: options.rounds,
      connections: options.connections,
      productCount: PRODUCT_COUNT,
      categoryCount: CATEGORY_COUNT,
      endpoints,
      measurements,
      bodyDifferences,
      memory: Object.fromEntries(MODES.map((mode) => [mode, memoryOf(mode)])) as Record<Mode, MemoryFigures>,
      elapsedSeconds: (Date.now() - startedAt.getTime()) / 1_000,
    };
    printCatalogRun(run);
    if (options.nodeArgs.length > 0) {
      console.log('\nprofiling slows the API down: results not written; profiles appear once the API stops');
      return;
    }
    await writeResults(RESULTS_FILE, catalogMarkdown(run));
  } finally {
    await cleanup.run();
  }
}

/**
 * Every endpoint × connection count × mode. The three modes take turns in short rounds (only the server being
 * measured is busy at any time), so a slow patch of the machine hits all of them rather than one.
 */
async function measureAll(
  endpoints: Endpoint[],
  targets: Record<Mode, { url: string; pid: number }>,
  pids: { engine: number; redis: number },
  options: ReturnType<typeof readOptions>,
): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  const maxConnections = Math.max(...options.connections);
  for (const endpoint of endpoints) {
    const requests = getRequests(endpoint.paths);
    if (options.warmupSeconds > 0)
      for (const mode of MODES)
        await runLoad({
          url: targets[mode].url,
          requests,
          connections: maxConnections,
          durationSeconds: options.warmupSeconds,
        });
    for (const connections of options.connections) {
      const rounds = new Map<Mode, Array<{ load: LoadRun; cpuMs: Record<string, number> }>>();
      for (let round = 0; round < options.rounds; round++) {
        for (const mode of MODES) {
          const { url, pid } = targets[mode];
          const measured = await measureCpu({ server: pid, ...pids }, () =>
            runLoad({ url, requests, connections, durationSeconds: options.durationSeconds / options.rounds }),
          );
          rounds.set(mode, [...(rounds.get(mode) ?? []), { load: measured.result, cpuMs: measured.cpuMs }]);
        }
      }
      for (const mode of MODES) {
        const results = rounds.get(mode) ?? [];
        const load = combineRounds(results.map((result) => result.load));
        const cpuMs: Record<string, number> = {};
        for (const result of results)
          for (const [name, ms] of Object.entries(result.cpuMs)) cpuMs[name] = (cpuMs[name] ?? 0) + ms;
        measurements.push({ endpoint: endpoint.key, mode, connections, load, cpuMs });
        console.log(
          `${endpoint.key.padEnd(8)} ${MODE_TITLES[mode].padEnd(16)} ${String(connections).padStart(3)} conns: ${Math.round(load.requestsPerSecond)} req/s, p50 ${formatMs(load.p50)} ms, p99 ${formatMs(load.p99)} ms${load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : ''}`,
        );
      }
    }
  }
  return measurements;
}

await main();
