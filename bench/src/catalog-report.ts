import type { Endpoint } from './catalog-endpoints.js';
import { formatMs, formatRate, markdownTable, textTable } from './support/format.js';
import type { LoadResult } from './support/load.js';

export const MODES = ['cached', 'noRedis', 'ceiling'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_TITLES: Record<Mode, string> = {
  cached: 'API, warm Redis',
  noRedis: 'API, Redis down',
  ceiling: 'bare Fastify',
};

export interface Measurement {
  endpoint: Endpoint['key'];
  mode: Mode;
  connections: number;
  load: LoadResult;
  /** CPU each process spent during the run (ms): the server measured, the engine, redis-server. */
  cpuMs: Record<string, number>;
}

export interface CatalogRun {
  startedAt: Date;
  machine: string;
  loadBefore: string;
  loadAfter: string;
  durationSeconds: number;
  rounds: number;
  connections: number[];
  productCount: number;
  categoryCount: number;
  endpoints: Endpoint[];
  measurements: Measurement[];
  bodyDifferences: string[];
  elapsedSeconds: number;
}

const find = (run: CatalogRun, endpoint: string, mode: Mode, connections: number) =>
  run.measurements.find((m) => m.endpoint === endpoint && m.mode === mode && m.connections === connections);

function resultRows(run: CatalogRun): string[][] {
  return run.endpoints.flatMap((endpoint) =>
    run.connections.map((connections) => [
      endpoint.key,
      String(connections),
      ...MODES.flatMap((mode) => {
        const load = find(run, endpoint.key, mode, connections)?.load;
        return load ? [formatRate(load.requestsPerSecond), formatMs(load.p50), formatMs(load.p99)] : ['–', '–', '–'];
      }),
    ]),
  );
}

const RESULT_HEADER = [
  'endpoint',
  'conns',
  ...MODES.flatMap((mode) => [`${MODE_TITLES[mode]} req/s`, 'p50 ms', 'p99 ms']),
];

const cpuPerRequest = (m: Measurement | undefined, process: string) =>
  m && m.load.total > 0 ? (m.cpuMs[process] ?? Number.NaN) / m.load.total : Number.NaN;

const perRequest = (m: Measurement | undefined, process: string) => formatMs(cpuPerRequest(m, process));

function cpuRows(run: CatalogRun): string[][] {
  return run.endpoints.flatMap((endpoint) =>
    run.connections.map((connections) => {
      const at = (mode: Mode) => find(run, endpoint.key, mode, connections);
      return [
        endpoint.key,
        String(connections),
        perRequest(at('cached'), 'server'),
        perRequest(at('cached'), 'redis'),
        perRequest(at('noRedis'), 'server'),
        perRequest(at('noRedis'), 'engine'),
        perRequest(at('ceiling'), 'server'),
      ];
    }),
  );
}

const CPU_HEADER = [
  'endpoint',
  'conns',
  'warm Redis: API',
  'warm Redis: redis-server',
  'Redis down: API',
  'Redis down: engine',
  'bare Fastify',
];

/** At the highest connection count: how close the API gets to the ceiling, and what the cache buys. */
function findings(run: CatalogRun): string[] {
  const connections = Math.max(...run.connections);
  return run.endpoints.map((endpoint) => {
    const at = (mode: Mode) => find(run, endpoint.key, mode, connections);
    const rate = (mode: Mode) => at(mode)?.load.requestsPerSecond ?? Number.NaN;
    const apiCpu = cpuPerRequest(at('cached'), 'server');
    const bareCpu = cpuPerRequest(at('ceiling'), 'server');
    return [
      `- ${endpoint.label}: with a warm cache ${formatRate(rate('cached'))} req/s, ${Math.round((100 * rate('cached')) / rate('ceiling'))}% of bare Fastify's`,
      `${formatRate(rate('ceiling'))}; per request the API spends ${formatMs(apiCpu)} ms of CPU where bare Fastify spends ${formatMs(bareCpu)} ms`,
      `(${(apiCpu / bareCpu).toFixed(1)}×). With Redis down ${formatRate(rate('noRedis'))} req/s (the cache is worth ${(rate('cached') / rate('noRedis')).toFixed(1)}×),`,
      `costing ${formatMs(cpuPerRequest(at('noRedis'), 'server'))} ms of API and ${formatMs(cpuPerRequest(at('noRedis'), 'engine'))} ms of engine CPU per request.`,
    ].join(' ');
  });
}

function problems(run: CatalogRun): string[] {
  const lines = run.measurements
    .filter((m) => m.load.non2xx > 0 || m.load.errors > 0)
    .map(
      (m) =>
        `- ${m.endpoint} / ${MODE_TITLES[m.mode]} / ${m.connections} connections: ${m.load.non2xx} non-2xx, ${m.load.errors} connection errors or timeouts`,
    );
  if (run.bodyDifferences.length > 0)
    lines.push(`- The Redis-down API answered differently from the cached one for: ${run.bodyDifferences.join(', ')}`);
  return lines.length > 0 ? lines : ['- None: every response was a 2xx, and both API modes returned identical bytes.'];
}

/** The terminal summary. */
export function printCatalogRun(run: CatalogRun): void {
  console.log(`\n${textTable(RESULT_HEADER, resultRows(run))}`);
  console.log(`\nCPU per request (ms)\n${textTable(CPU_HEADER, cpuRows(run))}`);
  console.log(`\n${findings(run).join('\n')}\n${problems(run).join('\n')}`);
}

/** bench/results/catalog.md. */
export function catalogMarkdown(run: CatalogRun): string {
  const numeric = (count: number) => ['left' as const, ...Array<'right'>(count - 1).fill('right')];
  return `# Catalog benchmark

Run: ${run.startedAt.toISOString()} (took ${Math.round(run.elapsedSeconds)} s)  
Machine: ${run.machine}  
Load average (1/5/15 min) before: ${run.loadBefore}, after: ${run.loadAfter}  
Command: \`npm run bench:catalog\`

Setup: ${run.productCount.toLocaleString('en-US')} products in ${run.categoryCount} categories inserted with the driver; the API
(\`apps/api/src/server.ts\`, NODE_ENV=production, LOG_LEVEL=warn, global rate limit lifted, no in-process worker), the
embedded MongoDB engine (its CLI) and redis-server each run as their own process; autocannon drives the load from the
benchmark process, closed loop. Each figure is ${run.durationSeconds} s of load in ${run.rounds} rounds, the three modes taking turns
(median of the rounds), after a warm-up. All of these processes share the machine's ${run.machine.match(/× (\d+) cores/)?.[1] ?? ''} cores.

- **API, warm Redis**: every URL was requested once beforehand, so each request is a cache hit (tag versions + entry
  from Redis, plus the rate-limit counter).
- **API, Redis down**: a second API process whose redis-server was stopped after it started (the API cannot start
  with Redis already down: see bench/README.md), so its REDIS_URL points at a closed port and the cache falls back
  to MongoDB on every request (concurrent identical misses still share one load).
- **bare Fastify**: a separate process with the same routes answering the exact bytes the API returned for each URL:
  the ceiling for this machine, Node and HTTP stack.

## Requests/s and latency

${markdownTable(RESULT_HEADER, resultRows(run), numeric(RESULT_HEADER.length))}

## CPU per request (ms of CPU time per response)

From /proc: what each process spent during the run divided by the responses served. It depends far less than
requests/s on how busy the rest of the machine was; it is higher at 1 connection, where fixed per-request costs
(event-loop wake-ups, one syscall per write) are not shared.

${markdownTable(CPU_HEADER, cpuRows(run), numeric(CPU_HEADER.length))}

## Reading the figures

At ${Math.max(...run.connections)} connections:

${findings(run).join('\n')}

With Redis down, concurrent misses for the same URL share one database load (single-flight). Listings (10 URLs),
search (8) and featured (1) get that help at high concurrency, so compare them at 1 or 10 connections for the
uncached cost; the product page, over 200 URLs, gets almost none.

## Problems seen in this run

${problems(run).join('\n')}
`;
}
