import { formatMs, formatRate, markdownTable, textTable } from './support/format.js';

/** Latency percentiles in ms. */
export interface Spread {
  p50: number;
  p99: number;
}

export interface BaselineMeasurement {
  name: string;
  concurrency: number;
  operations: number;
  perSecond: number;
  latency: Spread;
}

export interface ScenarioMeasurement {
  scenario: string;
  concurrency: number;
  checkouts: number;
  perSecond: number;
  latency: Spread;
  /** Median of each phase: POST /api/checkout, the hosted page, and the wait for fulfilment after it. */
  phases: { start: number; pay: number; fulfil: number };
  /** CPU ms per checkout, per process (api, sandbox, engine, load generator). */
  cpuMsPerCheckout: Record<string, number>;
  /** What was checked after the run, e.g. "160 paid, effects done, stock conserved". */
  verified: string;
}

export interface CheckoutRun {
  startedAt: Date;
  machine: string;
  cores: number;
  loadBefore: string;
  loadAfter: string;
  elapsedSeconds: number;
  baselines: BaselineMeasurement[];
  scenarios: ScenarioMeasurement[];
}

export function percentiles(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { p50: at(50), p99: at(99) };
}

const BASELINE_HEADER = ['baseline', 'concurrency', 'operations', 'ops/s', 'p50 ms', 'p99 ms'];
const SCENARIO_HEADER = [
  'scenario',
  'buyers',
  'checkouts',
  'checkouts/s',
  'p50 ms',
  'p99 ms',
  'start p50',
  'pay p50',
  'fulfil p50',
  'CPU ms/checkout (api + sandbox + engine)',
];

const baselineRows = (run: CheckoutRun) =>
  run.baselines.map((entry) => [
    entry.name,
    String(entry.concurrency),
    String(entry.operations),
    formatRate(entry.perSecond),
    formatMs(entry.latency.p50),
    formatMs(entry.latency.p99),
  ]);

const scenarioRows = (run: CheckoutRun) =>
  run.scenarios.map((entry) => {
    const cpu = entry.cpuMsPerCheckout;
    return [
      entry.scenario,
      String(entry.concurrency),
      String(entry.checkouts),
      formatRate(entry.perSecond),
      formatMs(entry.latency.p50),
      formatMs(entry.latency.p99),
      formatMs(entry.phases.start),
      formatMs(entry.phases.pay),
      formatMs(entry.phases.fulfil),
      `${formatMs((cpu.api ?? NaN) + (cpu.sandbox ?? NaN) + (cpu.engine ?? NaN))} (${formatMs(cpu.api ?? NaN)} + ${formatMs(cpu.sandbox ?? NaN)} + ${formatMs(cpu.engine ?? NaN)})`,
    ];
  });

export function printCheckoutRun(run: CheckoutRun): void {
  console.log(`\n${run.machine}\nload average before ${run.loadBefore}, after ${run.loadAfter}\n`);
  console.log(textTable(BASELINE_HEADER, baselineRows(run)));
  console.log('');
  console.log(textTable(SCENARIO_HEADER, scenarioRows(run)));
  for (const entry of run.scenarios) console.log(`  ${entry.scenario} × ${entry.concurrency}: ${entry.verified}`);
}

export function checkoutMarkdown(run: CheckoutRun): string {
  return `# Checkout benchmark

\`npm run bench:checkout\` (\`bench/src/checkout.bench.ts\`), ${run.startedAt.toISOString()}, ${Math.round(run.elapsedSeconds)} s.

Machine: ${run.machine}. Load average (1/5/15 min) before ${run.loadBefore}, after ${run.loadAfter}: the machine
is shared with other work, so absolute figures move from run to run; the baselines were measured in the same run
under the same conditions and are the yardstick.

## What is measured

One checkout = what a shopper's browser and Stripe do, timed from the first request to the end of fulfilment:

1. **start**: \`POST /api/checkout\` (cart priced on the server, order recorded, stock held, Stripe Checkout Session
   created through the SDK);
2. **pay**: the hosted payment page loaded and its form posted with the 4242 card (the sandbox creates the
   PaymentIntent and Charge and queues the webhooks), up to the redirect to the success URL;
3. **fulfil**: from that redirect until the API has handled \`checkout.session.completed\` and every payment side
   effect (order paid, stock committed, coupon, cart cleared, loyalty check, confirmation email recorded, in-app
   notification). The API announces it on its Redis sales channel after the last effect; the benchmark listens there,
   so no polling adds load or latency. A checkout whose webhook came before the redirect counts 0 ms here.

Closed loop: each of N buyers starts its next checkout when the previous one is fulfilled; every checkout has its own
signed-in shopper whose cart (one unit) was filled and read beforehand (not timed). Throughput = checkouts ÷ time
from the first start to the last fulfilment.

- **many products**: buyer *i* only buys product *i*: no two checkouts touch the same product document.
- **one product**: every buyer buys the same product: every hold, commit and its \`holds\` array is on one document.
- **many products + success page**: as *many products*, and after the redirect the browser's success page calls
  \`POST /api/checkout/confirm\` (what the web app does): fulfilment runs as soon as either the page or the webhook
  asks. The sandbox sends each endpoint's webhooks one at a time (a healthy receiver sees them in order), so with
  many buyers the webhook-only figures include queueing behind other buyers' events; real Stripe sends in parallel.

After each run the benchmark checks the database: every order paid with all effects done, and for every product
initial = stock + reserved + sold with no hold left.

Processes: the API (\`apps/api/dist/server.js\` built by \`tsc -b\`, NODE_ENV=test because production refuses the sandbox; JSON logs at
warn; no in-process job worker), the payment sandbox CLI, the embedded engine CLI and redis-server, each its own
process; the benchmark process drives the load. CPU per checkout is read from /proc for the API, sandbox and engine.
The webhook endpoint subscribes only to the events the API handles (as recommended for Stripe).

## Baselines (same run)

${markdownTable(BASELINE_HEADER, baselineRows(run), ['left', 'right', 'right', 'right', 'right', 'right'])}

- **Stripe session create**: \`stripe.checkout.sessions.create\` from the benchmark process straight to the sandbox
  (same shape of session, no API): the floor for step 1's payment-provider call.
- **cart read**: \`GET /api/cart\` by signed-in shoppers with one line: the API's cheapest authenticated read of
  the same data (session check, cart, product, pricing).

## Checkouts

${markdownTable(SCENARIO_HEADER, scenarioRows(run), ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'])}

${run.scenarios.map((entry) => `- ${entry.scenario} × ${entry.concurrency}: ${entry.verified}`).join('\n')}

## Reading the figures

${readings(run).join('\n')}
`;
}

/** Figures derived from this run: each checkout against the cart read, and the CPU-bound ceiling. */
function readings(run: CheckoutRun): string[] {
  return run.scenarios.map((entry) => {
    const cartRead = run.baselines.find(
      (baseline) => baseline.concurrency === entry.concurrency && baseline.name.startsWith('cart read'),
    );
    const cpu = entry.cpuMsPerCheckout;
    const cpuTotal = (cpu.api ?? NaN) + (cpu.sandbox ?? NaN) + (cpu.engine ?? NaN);
    const ceiling = (run.cores * 1_000) / cpuTotal;
    const relative = cartRead
      ? ` one checkout took the throughput of ${formatRate(cartRead.perSecond / entry.perSecond)} cart reads;`
      : '';
    return `- ${entry.scenario} × ${entry.concurrency}:${relative} with all ${run.cores} cores to itself the stack would top out near ${formatRate(ceiling)} checkouts/s (${run.cores} × 1000 ÷ ${formatMs(cpuTotal)} CPU ms), measured ${formatRate(entry.perSecond)}.`;
  });
}
