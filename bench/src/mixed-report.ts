import { summarise, type BrowseKind, type BrowseRun } from './mixed-browsing.js';
import type { BuyerCounts } from './mixed-buyers.js';
import { formatMs, formatRate, markdownTable, textTable } from './support/format.js';

export type MixedMode = 'quiet' | 'mixed';
export const MIXED_MODE_TITLES: Record<MixedMode, string> = {
  quiet: 'browsing only',
  mixed: 'with checkouts',
};

/** One mode's windows taken together. */
export interface MixedMeasurement {
  mode: MixedMode;
  browse: BrowseRun;
  /** What the buyers completed inside the browsing windows. */
  buyers: BuyerCounts;
  /** Cache tag bumps inside the windows: `catalog:stock` (every listing) and the buyers' products' page tags. */
  listingInvalidations: number;
  pageInvalidations: number;
  /** CPU each process spent inside the windows (ms). */
  cpuMs: Record<string, number>;
}

export interface MixedRun {
  startedAt: Date;
  machine: string;
  loadBefore: string;
  loadAfter: string;
  elapsedSeconds: number;
  durationSeconds: number;
  rounds: number;
  connections: number;
  buyerCount: number;
  abandonEvery: number;
  productCount: number;
  poolSize: number;
  poolLeft: number;
  urls: Record<BrowseKind, number>;
  measurements: MixedMeasurement[];
  checks: string[];
  problems: string[];
}

/** Listings in the goal's sense: every page that shows several products' stock (lists, searches, featured). */
export const LISTING_KINDS: BrowseKind[] = ['list', 'search', 'featured'];
const KIND_TITLES: Record<BrowseKind, string> = {
  list: 'category listing',
  search: 'search',
  product: 'product page',
  featured: 'featured',
};
const HIT_RATE_GOAL = 0.95;
const P99_GOAL = 2;

const percent = (value: number) => (Number.isFinite(value) ? `${(100 * value).toFixed(1)} %` : '–');
const at = (run: MixedRun, mode: MixedMode) => run.measurements.find((m) => m.mode === mode);

function goalRows(run: MixedRun): string[][] {
  const quiet = at(run, 'quiet');
  const mixed = at(run, 'mixed');
  if (!quiet || !mixed) return [];
  const quietListings = summarise(quiet.browse, LISTING_KINDS);
  const mixedListings = summarise(mixed.browse, LISTING_KINDS);
  const quietAll = summarise(quiet.browse);
  const mixedAll = summarise(mixed.browse);
  const ratio = mixedAll.p99 / quietAll.p99;
  return [
    [
      `listing cache hit rate ≥ ${percent(HIT_RATE_GOAL)}`,
      percent(quietListings.hitRate),
      percent(mixedListings.hitRate),
      mixedListings.hitRate >= HIT_RATE_GOAL ? 'yes' : '**no**',
    ],
    [
      `browsing p99 ≤ ${P99_GOAL}× browsing only`,
      `${formatMs(quietAll.p99)} ms`,
      `${formatMs(mixedAll.p99)} ms (${ratio.toFixed(2)}×)`,
      ratio <= P99_GOAL ? 'yes' : '**no**',
    ],
    [
      'for reference: p99 of cache hits alone',
      `${formatMs(quietAll.hitP99)} ms`,
      `${formatMs(mixedAll.hitP99)} ms (${(mixedAll.hitP99 / quietAll.hitP99).toFixed(2)}×)`,
      '–',
    ],
  ];
}
const GOAL_HEADER = ['goal', MIXED_MODE_TITLES.quiet, MIXED_MODE_TITLES.mixed, 'met'];

function kindRows(run: MixedRun): string[][] {
  const groups: Array<{ title: string; kinds: BrowseKind[] }> = [
    ...(['list', 'search', 'featured', 'product'] as const).map((kind) => ({
      title: `${KIND_TITLES[kind]} (${run.urls[kind]} URLs)`,
      kinds: [kind],
    })),
    { title: 'all listings', kinds: LISTING_KINDS },
    { title: 'all browsing', kinds: ['list', 'search', 'featured', 'product'] },
  ];
  return groups.flatMap((group) =>
    run.measurements.map((m) => {
      const s = summarise(m.browse, group.kinds);
      return [
        group.title,
        MIXED_MODE_TITLES[m.mode],
        formatRate(s.perSecond),
        percent(s.hitRate),
        s.misses.toLocaleString('en-US'),
        formatMs(s.p50),
        formatMs(s.p99),
        formatMs(s.hitP99),
      ];
    }),
  );
}
const KIND_HEADER = ['pages', 'mode', 'req/s', 'hit rate', 'misses', 'p50 ms', 'p99 ms', 'p99 of hits ms'];

function checkoutRows(run: MixedRun): string[][] {
  return run.measurements.map((m) => {
    const seconds = m.browse.seconds;
    const cpu = (name: string) => percent((m.cpuMs[name] ?? Number.NaN) / (seconds * 1_000));
    return [
      MIXED_MODE_TITLES[m.mode],
      String(Math.round(seconds)),
      formatRate(m.buyers.paid / seconds),
      String(m.buyers.paid),
      String(m.buyers.abandoned),
      String(m.buyers.refused),
      String(m.pageInvalidations),
      String(m.listingInvalidations),
      cpu('api'),
      cpu('engine'),
      cpu('sandbox'),
      cpu('buyers'),
      cpu('browsers'),
    ];
  });
}
const CHECKOUT_HEADER = [
  'mode',
  's',
  'paid/s',
  'paid',
  'abandoned',
  'refused',
  'product page bumps',
  'listing bumps',
  'API CPU',
  'engine CPU',
  'sandbox CPU',
  'buyers CPU',
  'autocannon CPU',
];

function problemLines(run: MixedRun): string[] {
  const lines = [...run.problems];
  for (const m of run.measurements) {
    const s = summarise(m.browse);
    if (s.non2xx > 0 || m.browse.errors > 0 || s.unknown > 0)
      lines.push(
        `- ${MIXED_MODE_TITLES[m.mode]}: ${s.non2xx} non-2xx, ${m.browse.errors} connection errors or timeouts, ${s.unknown} answers without x-cache`,
      );
  }
  return lines.length > 0 ? lines : ['- None: every browsing response was a 2xx with an `x-cache` header.'];
}

/** The terminal summary. */
export function printMixedRun(run: MixedRun): void {
  console.log(`\n${textTable(GOAL_HEADER, goalRows(run))}`);
  console.log(`\n${textTable(KIND_HEADER, kindRows(run))}`);
  console.log(`\n${textTable(CHECKOUT_HEADER, checkoutRows(run))}`);
  console.log(`\n${run.checks.join('\n')}\n${problemLines(run).join('\n')}`);
}

/** bench/results/mixed.md. */
export function mixedMarkdown(run: MixedRun): string {
  const numeric = (count: number, left = 1) => [
    ...Array<'left'>(left).fill('left'),
    ...Array<'right'>(count - left).fill('right'),
  ];
  const cores = run.machine.match(/× (\d+) cores/)?.[1] ?? '';
  return `# Mixed benchmark: browsing while buyers check out

Run: ${run.startedAt.toISOString()} (took ${Math.round(run.elapsedSeconds)} s)  
Machine: ${run.machine}  
Load average (1/5/15 min) before: ${run.loadBefore}, after: ${run.loadAfter}  
Command: \`npm run bench:mixed\`

Setup: ${run.productCount.toLocaleString('en-US')} products inserted with the driver (as in \`bench:catalog\`); the API
(\`apps/api/dist/server.js\` built by \`tsc -b\`, LOG_LEVEL=warn, global rate limit lifted, no in-process worker), the embedded engine,
redis-server and the payment sandbox each run as their own process; all share the machine's ${cores} cores with the
benchmark process, which drives both loads.

- **Browsing**: autocannon, ${run.connections} connections, closed loop, over an equal mix of category listings (page
  2 by price, and the in-stock filter), searches, product pages and the featured list; every URL was requested once
  beforehand. Each response's \`x-cache\` header (\`hit\`, or \`miss\` when it was built from MongoDB for this request or
  one it waited for) gives the hit rate.
- **Checkouts**: ${run.buyerCount} buyers, each running one checkout after another as a browser does (empty cart, add
  one unit of a random product among the ${run.poolSize} in-stock products with a browsed product page, Pay, then pay on
  the hosted page and land on the success page, waiting for fulfilment); every ${run.abandonEvery}th checkout of a
  buyer is abandoned instead (cancelled: the hold is released). A product that sells out leaves the pool
  (${run.poolLeft} of ${run.poolSize} left at the end).
- **Modes**: *${MIXED_MODE_TITLES.quiet}* and *${MIXED_MODE_TITLES.mixed}* take turns in ${run.rounds} rounds of
  ${run.durationSeconds} s each (the order alternating), so both see the same machine; the buyers start 1 s before a
  *${MIXED_MODE_TITLES.mixed}* window and finish the checkout in hand after it.

## Goals

${markdownTable(GOAL_HEADER, goalRows(run), numeric(GOAL_HEADER.length))}

## Browsing

${markdownTable(KIND_HEADER, kindRows(run), numeric(KIND_HEADER.length, 2))}

A product page is invalidated by every hold, release and restock of that product (it shows the exact count), so its
hit rate falls with the checkout rate; a listing only when a product's stock level changes (docs/decisions/0009).
"p99 of hits" leaves out the requests that were built from MongoDB or waited for that: when it rises with the
checkouts as much as p99 does, the cause is the machine's CPU shared with the checkouts, not invalidation.

## Checkouts inside the browsing windows

${markdownTable(CHECKOUT_HEADER, checkoutRows(run), numeric(CHECKOUT_HEADER.length))}

"Product page bumps" and "listing bumps" are the increments of the cache tag versions in Redis
(\`catalog:product:<slug>\` of the buyers' products, \`catalog:stock\`) during the windows. CPU is a share of one core
(from /proc) for the API, the engine, the payment sandbox, the buyers' process and the benchmark process driving the
browsing with autocannon.

## Checks after the run

${run.checks.join('\n')}

## Problems seen in this run

${problemLines(run).join('\n')}
`;
}
