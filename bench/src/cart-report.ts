import { formatMs, formatRate, markdownTable, textTable } from './support/format.js';
import type { LoadResult } from './support/load.js';

export const MODES = ['cached', 'uncached'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_TITLES: Record<Mode, string> = {
  cached: 'shopper cache on',
  uncached: 'SHOPPER_CACHE=false',
};

export type EndpointKey = 'catalog' | 'cart' | 'me';
export const ENDPOINT_TITLES: Record<EndpointKey, string> = {
  catalog: 'GET /api/products/:slug (cached catalog read)',
  cart: 'GET /api/cart (signed in, 3 lines)',
  me: 'GET /api/auth/me (signed in)',
};

export interface Measurement {
  endpoint: EndpointKey;
  mode: Mode;
  connections: number;
  load: LoadResult;
  /** Database operations (serverStatus opcounters, all kinds) per response. */
  dbOpsPerRequest: number;
  /** CPU ms per response of the API, the engine and redis-server. */
  cpuMsPerRequest: { api: number; engine: number; redis: number };
}

export interface CartRun {
  startedAt: Date;
  machine: string;
  loadBefore: string;
  loadAfter: string;
  shoppers: number;
  productCount: number;
  durationSeconds: number;
  rounds: number;
  measurements: Measurement[];
  elapsedSeconds: number;
}

const find = (run: CartRun, endpoint: EndpointKey, mode: Mode, connections: number) =>
  run.measurements.find((m) => m.endpoint === endpoint && m.mode === mode && m.connections === connections);

const ratio = (part: number | undefined, whole: number | undefined) =>
  part !== undefined && whole !== undefined && whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';

function rows(run: CartRun): string[][] {
  return run.measurements.map((m) => [
    ENDPOINT_TITLES[m.endpoint],
    MODE_TITLES[m.mode],
    String(m.connections),
    formatRate(m.load.requestsPerSecond),
    formatMs(m.load.p50),
    formatMs(m.load.p99),
    m.dbOpsPerRequest.toFixed(3),
    formatMs(m.cpuMsPerRequest.api),
    formatMs(m.cpuMsPerRequest.engine),
    `${m.load.non2xx + m.load.errors}`,
  ]);
}

const HEADER = [
  'endpoint',
  'mode',
  'conns',
  'req/s',
  'p50 ms',
  'p99 ms',
  'DB ops/req',
  'API CPU ms/req',
  'engine CPU ms/req',
  'failed',
];

/** The goals of the issue, read off the run: cart reads against the catalog read, and database work when warm. */
function goals(run: CartRun): string[][] {
  const connections = [...new Set(run.measurements.map((m) => m.connections))];
  return connections.flatMap((conns) => {
    const catalog = find(run, 'catalog', 'cached', conns)?.load.requestsPerSecond;
    const cart = find(run, 'cart', 'cached', conns);
    const me = find(run, 'me', 'cached', conns);
    const cartBefore = find(run, 'cart', 'uncached', conns);
    return [
      [
        `${conns} conns`,
        ratio(cart?.load.requestsPerSecond, catalog),
        ratio(me?.load.requestsPerSecond, catalog),
        cart ? cart.dbOpsPerRequest.toFixed(3) : '–',
        me ? me.dbOpsPerRequest.toFixed(3) : '–',
        cartBefore ? cartBefore.dbOpsPerRequest.toFixed(2) : '–',
        cart && cartBefore ? `${(cart.load.requestsPerSecond / cartBefore.load.requestsPerSecond).toFixed(1)}×` : '–',
      ],
    ];
  });
}
const GOALS_HEADER = [
  '',
  'cart req/s vs catalog',
  '/me req/s vs catalog',
  'cart DB ops/req',
  '/me DB ops/req',
  'cart DB ops/req, cache off',
  'cart speed-up',
];

export function printCartRun(run: CartRun): void {
  console.log(`\n${textTable(HEADER, rows(run))}\n`);
  console.log(textTable(GOALS_HEADER, goals(run)));
  console.log('goals: cart ≥ 60 % of the catalog read; 0 database operations per warm request');
}

export function cartMarkdown(run: CartRun): string {
  return `# Cart and session benchmark (\`npm run bench:cart\`)

Run ${run.startedAt.toISOString()} on ${run.machine}; load average before ${run.loadBefore}, after ${run.loadAfter};
${run.productCount.toLocaleString('en-US')} products, ${run.shoppers} signed-in shoppers each with a 3-line cart;
${run.durationSeconds} s per figure in ${run.rounds} rounds (modes take turns); ${Math.round(run.elapsedSeconds)} s in all.

Two API processes on the same database and Redis: the shopper cache on (sessions, carts, coupons and profiles from
memory, then Redis, then MongoDB) and off (\`SHOPPER_CACHE=false\`: what every request did before it existed). The
catalog read is cached in both. Database operations are the engine's \`serverStatus.opcounters\` (every kind)
over the run, divided by the responses; the drivers' own heartbeats are included, so "0" shows as 0.00x.

## Goals

${markdownTable(GOALS_HEADER, goals(run), ['left', 'right', 'right', 'right', 'right', 'right', 'right'])}

Goals: signed-in cart reads at ≥ 60 % of the cached catalog read's requests/s; 0 database operations per warm
request.

## Every figure

${markdownTable(HEADER, rows(run), ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'])}
`;
}
