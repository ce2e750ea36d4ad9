// Auth benchmark: `npm run bench:auth [-- --costs 12,13 --duration 10 --connections 1,2,4 --users 16]`. Not a
// test: it prints login throughput next to the bcrypt cost and writes bench/results/auth.md (see bench/README.md).
import { MongoClient } from 'mongodb';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startRedisServer } from '@mercato/testkit';
import { authMarkdown, printAuthRun, type CostRun, type LoginMeasurement } from './auth-report.js';
import { createUsers, credentialsOf, measureVerifications, type BenchUser } from './auth-users.js';
import { Cleanup } from './support/cleanup.js';
import { formatMs } from './support/format.js';
import { getRequests, runLoad } from './support/load.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { measureCpu, waitForIdle } from './support/process-cpu.js';
import { repoPath } from './support/repo-paths.js';
import { writeResults } from './support/results.js';
import { startApiProcess, startEngineProcess, type ApiProcess } from './support/services.js';

const RESULTS_FILE = repoPath('bench/results/auth.md');
const NO_LIMIT = '1000000000';
/** libuv's thread pool, where @node-rs/bcrypt runs its work: the most bcrypt checks one process has in flight. */
const THREADS = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
const BASELINE_SECONDS = 3;
const HEALTH_SECONDS = 3;

function readOptions() {
  const { values } = parseArgs({
    options: {
      // The configured cost first (what production runs), then 13 to show the trade-off.
      costs: { type: 'string', default: `${process.env.BCRYPT_COST ?? '12'},13` },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '1,2,4' },
      users: { type: 'string', default: '16' },
    },
  });
  const costs = [...new Set(values.costs.split(',').map(Number))];
  const connections = values.connections.split(',').map(Number);
  const durationSeconds = Number(values.duration);
  const userCount = Number(values.users);
  const isValid =
    costs.every((cost) => Number.isInteger(cost) && cost >= 12 && cost <= 15) &&
    connections.every((count) => Number.isInteger(count) && count >= 1) &&
    durationSeconds > 0 &&
    Number.isInteger(userCount) &&
    userCount >= 1;
  if (!isValid)
    throw new Error('usage: auth.bench.ts [--costs 12,13] [--duration <s>] [--connections 1,2,4] [--users <n>]');
  return { costs, connections, durationSeconds, userCount };
}

function loginRequests(users: BenchUser[]) {
  return users.map((user) => ({
    method: 'POST' as const,
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json', 'user-agent': 'mercato-bench' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  }));
}

/** One real login before the load, so the benchmark never measures a stream of 401s or 429s. */
async function assertLoginWorks(api: ApiProcess): Promise<void> {
  const response = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentialsOf(0)),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (response.status !== 200 || !body.accessToken)
    throw new Error(`login failed before the benchmark: ${response.status} ${JSON.stringify(body)}`);
}

async function benchmarkCost(
  cost: number,
  engineUri: string,
  redisUrl: string,
  options: ReturnType<typeof readOptions>,
  cleanup: Cleanup,
): Promise<CostRun> {
  const mongoUri = `${engineUri}/bench_auth_${cost}`;
  const client = cleanup.add(new MongoClient(mongoUri), `driver (cost ${cost})`, (driver) => driver.close());
  const { users, hashSeconds } = await createUsers(client.db(), options.userCount, cost);
  await client.close();
  console.log(`cost ${cost}: ${users.length} users hashed in ${hashSeconds.toFixed(1)} s; raw bcrypt baseline…`);
  const verifySingle = await measureVerifications(users, 1, BASELINE_SECONDS);
  const verifyPool = await measureVerifications(users, THREADS, BASELINE_SECONDS);

  const api = await startApiProcess({
    name: `api (cost ${cost})`,
    mongoUri,
    redisUrl,
    env: {
      BCRYPT_COST: String(cost),
      AUTH_RATE_LIMIT_PER_IP: NO_LIMIT,
      AUTH_RATE_LIMIT_PER_ACCOUNT: NO_LIMIT,
      REDIS_KEY_PREFIX: `bench-auth-${cost}:`,
    },
  });
  try {
    await assertLoginWorks(api);
    const { result: health, cpuMs: healthCpu } = await measureCpu({ api: api.pid }, () =>
      runLoad({
        url: api.url,
        requests: getRequests(['/api/health']),
        connections: 10,
        durationSeconds: HEALTH_SECONDS,
      }),
    );
    const healthCpuMs = (healthCpu.api ?? Number.NaN) / Math.max(health.total, 1);
    const logins: LoginMeasurement[] = [];
    for (const connections of options.connections) {
      // When the window closes, each connection still has one login in flight; the API finishes it anyway. Its
      // CPU is counted once it is idle again, and those logins are counted with it.
      const { result: load, cpuMs } = await measureCpu({ api: api.pid }, async () => {
        const result = await runLoad({
          url: api.url,
          requests: loginRequests(users),
          connections,
          durationSeconds: options.durationSeconds,
          // Logins queue behind bcrypt: at high concurrency on a busy machine one may take many seconds.
          timeoutSeconds: 60,
        });
        await waitForIdle(api.pid);
        return result;
      });
      const succeeded = load.total - load.non2xx;
      // With no login completed inside the window the count of logins processed is a guess: leave the figure out.
      const cpuMsPerLogin = succeeded > 0 ? (cpuMs.api ?? Number.NaN) / (succeeded + connections) : Number.NaN;
      logins.push({ connections, load, cpuMsPerLogin });
      console.log(
        `cost ${cost}, ${String(connections).padStart(2)} conns: ${load.requestsPerSecond.toFixed(1)} logins/s, p50 ${formatMs(load.p50)} ms, p99 ${formatMs(load.p99)} ms${load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : ''}`,
      );
    }
    return { cost, userCount: users.length, hashSeconds, verifySingle, verifyPool, health, healthCpuMs, logins };
  } finally {
    await api.stop();
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const cleanup = new Cleanup();
  try {
    console.log('starting redis-server and the embedded engine…');
    const redis = cleanup.add(await startRedisServer(), 'redis-server', (server) => server.stop());
    const engine = cleanup.add(await startEngineProcess(), 'embedded engine', (server) => server.stop());
    const runs: CostRun[] = [];
    for (const cost of options.costs) runs.push(await benchmarkCost(cost, engine.uri, redis.url, options, cleanup));

    const run = {
      startedAt,
      machine: describeMachine(),
      loadBefore,
      loadAfter: loadAverage(),
      threads: THREADS,
      cores: cpus().length,
      durationSeconds: options.durationSeconds,
      runs,
      elapsedSeconds: (Date.now() - startedAt.getTime()) / 1_000,
    };
    printAuthRun(run);
    await writeResults(RESULTS_FILE, authMarkdown(run));
  } finally {
    await cleanup.run();
  }
}

await main();
