import type { Endpoint } from './catalog-endpoints.js';
import { formatMs, formatRate, markdownTable, textTable } from './support/format.js';
import type { LoadResult } from './support/load.js';
import { formatMiB } from './support/process-memory.js';

export const MODES = ['cached', 'noRedis', 'ceiling', 'ceilingHeaders'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_TITLES: Record<Mode, string> = {
  cached: 'API, warm cache',
  noRedis: 'API, Redis down',
  ceiling: 'bare Fastify',
  ceilingHeaders: 'bare + API headers',
};

export interface Measurement {
  endpoint: Endpoint['key'];
  mode: Mode;
  connections: number;
  load: LoadResult;
  /** CPU each process spent during the run (ms): the server measured, the engine, redis-server. */
  cpuMs: Record<string, number>;
}

/** Issue 15's goals for cached reads, checked against each run. */
export const GOALS = {
  /** The API's requests/s as a share of bare Fastify's, at these connection counts. */
  minShareOfCeiling: 0.7,
  shareAtConnections: [10, 50],
  /** CPU per cached response at most this many times bare Fastify's. */
  maxCpuRatio: 2,
  /** p99 of cached reads at the highest of `shareAtConnections`, ms. */
  maxP99Ms: 10,
  /** Resident memory of the cached API during the run. */
  maxRssBytes: 300 * 1_048_576,
} as const;

/** Resident memory of a server process: the most sampled while under load (VmRSS) and its peak since start (VmHWM). */
export interface MemoryFigures {
  maxRss: number;
  peak: number;
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
  memory: Record<Mode, MemoryFigures>;
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

/** CPU per response in whole microseconds (tenths below 10): the figures are tens of µs, too small for ms. */
const formatMicros = (ms: number) => {
  if (!Number.isFinite(ms)) return '–';
  const micros = ms * 1_000;
  return micros < 10 ? micros.toFixed(1) : Math.round(micros).toLocaleString('en-US');
};
const perRequest = (m: Measurement | undefined, process: string) => formatMicros(cpuPerRequest(m, process));

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
        perRequest(at('ceilingHeaders'), 'server'),
      ];
    }),
  );
}

const CPU_HEADER = [
  'endpoint',
  'conns',
  'warm cache: API',
  'warm cache: redis-server',
  'Redis down: API',
  'Redis down: engine',
  'bare Fastify',
  'bare + API headers',
];

/** The cached API's requests/s as a share of a ceiling's, and its CPU per response as a multiple of the ceiling's. */
function against(run: CatalogRun, endpoint: string, connections: number, ceiling: Mode) {
  const cached = find(run, endpoint, 'cached', connections);
  const bare = find(run, endpoint, ceiling, connections);
  return {
    share: (cached?.load.requestsPerSecond ?? Number.NaN) / (bare?.load.requestsPerSecond ?? Number.NaN),
    ratio: cpuPerRequest(cached, 'server') / cpuPerRequest(bare, 'server'),
  };
}
const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(100 * share)}%` : '–');
const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–');

/** The cached API against both ceilings at each connection count: share of the rate, CPU ratio, tail latency. */
function ceilingRows(run: CatalogRun): string[][] {
  return run.endpoints.flatMap((endpoint) =>
    run.connections.map((connections) => {
      const bare = against(run, endpoint.key, connections, 'ceiling');
      const sameHeaders = against(run, endpoint.key, connections, 'ceilingHeaders');
      return [
        endpoint.key,
        String(connections),
        percent(bare.share),
        times(bare.ratio),
        percent(sameHeaders.share),
        times(sameHeaders.ratio),
        formatMs(find(run, endpoint.key, 'cached', connections)?.load.p99 ?? Number.NaN),
        formatMs(find(run, endpoint.key, 'ceiling', connections)?.load.p99 ?? Number.NaN),
      ];
    }),
  );
}

const CEILING_HEADER = [
  'endpoint',
  'conns',
  'req/s ÷ bare',
  'CPU ÷ bare',
  'req/s ÷ bare+headers',
  'CPU ÷ bare+headers',
  'API p99 ms',
  'bare p99 ms',
];

function memoryLines(run: CatalogRun): string[] {
  return MODES.map(
    (mode) =>
      `- ${MODE_TITLES[mode]}: at most ${formatMiB(run.memory[mode].maxRss)} resident while measured (VmRSS sampled every 250 ms), peak since start ${formatMiB(run.memory[mode].peak)} (VmHWM).`,
  );
}

/** Each goal of issue 15 for cached reads, met or missed in this run, with the figure that decides it. */
function goalLines(run: CatalogRun): string[] {
  const lines: string[] = [];
  const connections = GOALS.shareAtConnections.filter((count) => run.connections.includes(count));
  const highest = Math.max(...connections);
  const mark = (isMet: boolean) => (isMet ? 'met' : '**missed**');
  for (const endpoint of run.endpoints) {
    const parts: string[] = [];
    let isMet = true;
    for (const count of connections) {
      const { share, ratio } = against(run, endpoint.key, count, 'ceiling');
      const sameHeaders = against(run, endpoint.key, count, 'ceilingHeaders');
      isMet &&= share >= GOALS.minShareOfCeiling && ratio <= GOALS.maxCpuRatio;
      parts.push(
        `${count} conns ${percent(share)} of the rate, ${times(ratio)} the CPU (with the same headers: ${percent(sameHeaders.share)}, ${times(sameHeaders.ratio)})`,
      );
      if (count === highest) {
        const p99 = find(run, endpoint.key, 'cached', count)?.load.p99 ?? Number.NaN;
        isMet &&= p99 <= GOALS.maxP99Ms;
        parts.push(`p99 ${formatMs(p99)} ms`);
      }
    }
    lines.push(`- ${endpoint.key}: ${mark(isMet)} (${parts.join('; ')})`);
  }
  const rss = run.memory.cached.maxRss;
  lines.push(`- API resident memory: ${mark(rss < GOALS.maxRssBytes)} (${formatMiB(rss)})`);
  return lines;
}

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
      `${formatRate(rate('ceiling'))}; per request the API spends ${formatMicros(apiCpu)} µs of CPU where bare Fastify spends ${formatMicros(bareCpu)} µs`,
      `(${(apiCpu / bareCpu).toFixed(2)}×). With Redis down ${formatRate(rate('noRedis'))} req/s (the cache is worth ${(rate('cached') / rate('noRedis')).toFixed(1)}×),`,
      `costing ${formatMicros(cpuPerRequest(at('noRedis'), 'server'))} µs of API and ${formatMicros(cpuPerRequest(at('noRedis'), 'engine'))} µs of engine CPU per request.`,
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
  console.log(`\nCPU per request (µs)\n${textTable(CPU_HEADER, cpuRows(run))}`);
  console.log(`\nThe cached API against bare Fastify\n${textTable(CEILING_HEADER, ceilingRows(run))}`);
  console.log(`\nResident memory\n${memoryLines(run).join('\n')}`);
  console.log(`\nGoals (issue 15)\n${goalLines(run).join('\n')}`);
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
(\`apps/api/dist/server.js\` built by \`tsc -b\`, as npm start runs it; NODE_ENV=production, LOG_LEVEL=warn, global rate limit lifted, no in-process worker), the
embedded MongoDB engine (its CLI) and redis-server each run as their own process; autocannon drives the load from the
benchmark process, closed loop. Each figure is ${run.durationSeconds} s of load in ${run.rounds} rounds, the three modes taking turns
(median of the rounds), after a warm-up. All of these processes share the machine's ${run.machine.match(/× (\d+) cores/)?.[1] ?? ''} cores.

- **API, warm cache**: every URL was requested once beforehand, so each request is a hit in the API's in-process
  cache (layer 1, kept current by Redis pub/sub), answered by the hot-read path before Fastify routes it
  (apps/api/src/lib/hot-reads.ts): no Redis round trip, no rate-limit counter in Redis (anonymous reads are counted
  per instance in memory).
- **API, Redis down**: a second API process whose redis-server was stopped after it started (the API cannot start
  with Redis already down: see bench/README.md), so its REDIS_URL points at a closed port, its in-process layer is
  bypassed (no invalidation channel) and the cache falls back to MongoDB on every request (concurrent identical
  misses still share one load).
- **bare Fastify**: a separate process with the same routes answering the exact bytes the API returned for each URL:
  the ceiling for this machine, Node and HTTP stack.
- **bare + API headers**: the same server also sending, per URL, the headers the API sent (security headers, ETag,
  Vary, cache-control, x-cache, a fresh request id): the same bytes on the wire, so the difference to it is the API's
  own work. About 17 more header lines per response cost Node and the load generator (which shares the cores)
  noticeably: compare the two ceilings.

## Requests/s and latency

${markdownTable(RESULT_HEADER, resultRows(run), numeric(RESULT_HEADER.length))}

## CPU per request (µs of CPU time per response)

From /proc: what each process spent during the run divided by the responses served. It depends far less than
requests/s on how busy the rest of the machine was; it is higher at 1 connection, where fixed per-request costs
(event-loop wake-ups, one syscall per write) are not shared.

${markdownTable(CPU_HEADER, cpuRows(run), numeric(CPU_HEADER.length))}

## The cached API against bare Fastify

The API's requests/s as a share of each ceiling's in the same run, its CPU per response as a multiple of the
ceiling's, and the tails of the API and of bare Fastify.

${markdownTable(CEILING_HEADER, ceilingRows(run), numeric(CEILING_HEADER.length))}

## Resident memory

${memoryLines(run).join('\n')}

The API processes run from the TypeScript sources through tsx (as \`npm run bench:catalog\` starts them), which
adds the loader's own memory to what the compiled server would use.

## Goals (issue 15)

Cached reads at ≥ ${100 * GOALS.minShareOfCeiling}% of bare Fastify's requests/s and ≤ ${GOALS.maxCpuRatio}× its CPU per response at ${GOALS.shareAtConnections.join(' and ')}
connections, p99 ≤ ${GOALS.maxP99Ms} ms at ${Math.max(...GOALS.shareAtConnections)}, the API under ${formatMiB(GOALS.maxRssBytes)} resident (judged against bare Fastify; the
figures against the ceiling with the API's headers follow in parentheses):

${goalLines(run).join('\n')}

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
