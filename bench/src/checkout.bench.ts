// Checkout benchmark: `npm run bench:checkout [-- --concurrency 1,8,32 --min-checkouts 40 --per-buyer 5]`. Not a
// test: it prints checkouts/s (checkout creation → hosted-page payment → webhook fulfilment) for many products and
// for one contended product, next to baselines from the same run, and writes bench/results/checkout.md.
import { ObjectId } from 'mongodb';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import {
  callApi,
  createProducts,
  createShoppers,
  inParallel,
  prepareCarts,
  runCheckout,
  type CheckoutJob,
  type CheckoutTiming,
} from './checkout-flow.js';
import {
  checkoutMarkdown,
  percentiles,
  printCheckoutRun,
  type BaselineMeasurement,
  type ScenarioMeasurement,
} from './checkout-report.js';
import { startCheckoutStack, type CheckoutStack as Stack } from './checkout-stack.js';
import { Cleanup } from './support/cleanup.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { measureCpu } from './support/process-cpu.js';
import { writeResults } from './support/results.js';
import { repoPath } from './support/repo-paths.js';

const RESULTS_FILE = repoPath('bench/results/checkout.md');

function readOptions() {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string', default: '1,8,32' },
      'min-checkouts': { type: 'string', default: '40' },
      'per-buyer': { type: 'string', default: '5' },
    },
  });
  const levels = values.concurrency.split(',').map(Number);
  const minCheckouts = Number(values['min-checkouts']);
  const perBuyer = Number(values['per-buyer']);
  if (![...levels, minCheckouts, perBuyer].every((value) => Number.isInteger(value) && value >= 1))
    throw new Error('usage: checkout.bench.ts [--concurrency 1,8,32] [--min-checkouts <n>] [--per-buyer <n>]');
  return { levels, checkoutsAt: (buyers: number) => Math.max(minCheckouts, buyers * perBuyer) };
}

/** Runs `operations` calls of `task` with `concurrency` in flight; throughput and latency of each call. */
async function measureCalls(
  name: string,
  concurrency: number,
  operations: number,
  task: (index: number) => Promise<unknown>,
): Promise<BaselineMeasurement> {
  const latencies: number[] = [];
  const started = performance.now();
  await inParallel(
    Array.from({ length: operations }, (_, index) => index),
    concurrency,
    async (index) => {
      const begin = performance.now();
      await task(index);
      latencies.push(performance.now() - begin);
    },
  );
  const seconds = (performance.now() - started) / 1_000;
  return { name, concurrency, operations, perSecond: operations / seconds, latency: percentiles(latencies) };
}

/** The session the API would create for a one-line order, made directly: the payment provider's share alone. */
function createBareSession(stack: Stack, index: number) {
  return stack.stripe.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: [
        { quantity: 1, price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: `Bench ${index}` } } },
      ],
      shipping_options: [
        {
          shipping_rate_data: {
            type: 'fixed_amount',
            fixed_amount: { amount: 499, currency: 'usd' },
            display_name: 'Standard shipping',
          },
        },
      ],
      customer_email: 'bare@bench.example',
      client_reference_id: new ObjectId().toHexString(),
      metadata: { orderId: 'bench' },
      expires_at: Math.floor(Date.now() / 1000) + 31 * 60,
      success_url: 'http://127.0.0.1/checkout/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://127.0.0.1/checkout/cancelled',
    },
    { idempotencyKey: `bare-session:${new ObjectId().toHexString()}` },
  );
}

/** Every order of these shoppers is paid with all effects done; every product's units are all accounted for. */
async function verify(stack: Stack, jobs: CheckoutJob[], initial: Map<string, number>): Promise<string> {
  const orders = await stack.db
    .collection('orders')
    .find({ userId: { $in: jobs.map((job) => job.shopper.userId) } })
    .toArray();
  const complete = orders.filter(
    (order) =>
      order.status === 'paid' &&
      order.stockState === 'committed' &&
      order.effects?.cart &&
      order.effects?.loyalty &&
      order.effects?.email &&
      order.effects?.notification,
  );
  if (orders.length !== jobs.length || complete.length !== jobs.length)
    throw new Error(`expected ${jobs.length} fulfilled orders, found ${complete.length} of ${orders.length}`);
  for (const [productId, units] of initial) {
    const product = await stack.db.collection('products').findOne({ _id: new ObjectId(productId) });
    const total = Number(product?.stock) + Number(product?.reserved) + Number(product?.sold);
    const holds = (product?.holds as unknown[] | undefined)?.length ?? 0;
    if (total !== units || holds !== 0 || product?.reserved !== 0 || Number(product?.stock) < 0)
      throw new Error(`product ${productId}: ${JSON.stringify({ ...product, holds })} does not add up to ${units}`);
  }
  return `${complete.length} orders paid with every effect done; ${initial.size} product(s): initial = stock + sold, no hold left`;
}

/** Runs the jobs: buyer `b` takes `lanes[b]` one after another; all buyers at once. */
async function runScenario(
  stack: Stack,
  scenario: string,
  lanes: CheckoutJob[][],
  initial: Map<string, number>,
  confirm = false,
): Promise<ScenarioMeasurement> {
  const timings: CheckoutTiming[] = [];
  const started = performance.now();
  const { cpuMs } = await measureCpu(stack.pids, () =>
    Promise.all(
      lanes.map(async (lane) => {
        for (const job of lane) timings.push(await runCheckout(stack.apiUrl, job, stack.watcher, confirm));
      }),
    ),
  );
  const done = (timing: CheckoutTiming) => Math.max(timing.paid, timing.fulfilled);
  const seconds = (Math.max(...timings.map(done)) - started) / 1_000;
  const jobs = lanes.flat();
  const verified = await verify(stack, jobs, initial);
  return {
    scenario,
    concurrency: lanes.length,
    checkouts: timings.length,
    perSecond: timings.length / seconds,
    latency: percentiles(timings.map((timing) => done(timing) - timing.started)),
    phases: {
      start: percentiles(timings.map((timing) => timing.created - timing.started)).p50,
      pay: percentiles(timings.map((timing) => timing.paid - timing.created)).p50,
      fulfil: percentiles(timings.map((timing) => Math.max(0, timing.fulfilled - timing.paid))).p50,
    },
    cpuMsPerCheckout: Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, ms / timings.length])),
    verified,
  };
}

async function benchmarkLevel(stack: Stack, buyers: number, checkouts: number) {
  const baselines: BaselineMeasurement[] = [];
  const scenarios: ScenarioMeasurement[] = [];
  baselines.push(
    await measureCalls('Stripe session create (SDK → sandbox)', buyers, checkouts, (index) =>
      createBareSession(stack, index),
    ),
  );

  // Many products: buyer b always buys product b.
  const products = await createProducts(stack.apiUrl, stack.adminToken, buyers, checkouts, 'Spread');
  const spreadShoppers = await createShoppers(stack.db, stack.jwtSecret, checkouts);
  const spreadJobs = await prepareCarts(stack.apiUrl, spreadShoppers, (index) => products[index % buyers] ?? '');
  baselines.push(
    await measureCalls('cart read (GET /api/cart)', buyers, checkouts, (index) =>
      callApi(stack.apiUrl, 'GET', '/api/cart', spreadJobs[index]?.shopper.token ?? ''),
    ),
  );
  const lanes = Array.from({ length: buyers }, (_, lane) => spreadJobs.filter((_, index) => index % buyers === lane));
  const spreadStock = new Map(products.map((id) => [id, checkouts] as const));
  scenarios.push(await runScenario(stack, 'many products', lanes, spreadStock));
  console.log(`  ${buyers} buyers, many products: done`);

  // One product: every buyer on the same document.
  const [hot = ''] = await createProducts(stack.apiUrl, stack.adminToken, 1, checkouts, 'Contended');
  const hotShoppers = await createShoppers(stack.db, stack.jwtSecret, checkouts);
  const hotJobs = await prepareCarts(stack.apiUrl, hotShoppers, () => hot);
  const hotLanes = Array.from({ length: buyers }, (_, lane) => hotJobs.filter((_, index) => index % buyers === lane));
  scenarios.push(await runScenario(stack, 'one product', hotLanes, new Map([[hot, checkouts]])));
  console.log(`  ${buyers} buyers, one product: done`);

  // Many products again, with the success page confirming as a browser would (fulfilment need not wait its turn
  // in the webhook queue).
  const pageProducts = await createProducts(stack.apiUrl, stack.adminToken, buyers, checkouts, 'Success page');
  const pageShoppers = await createShoppers(stack.db, stack.jwtSecret, checkouts);
  const pageJobs = await prepareCarts(stack.apiUrl, pageShoppers, (index) => pageProducts[index % buyers] ?? '');
  const pageLanes = Array.from({ length: buyers }, (_, lane) => pageJobs.filter((_, index) => index % buyers === lane));
  const pageStock = new Map(pageProducts.map((id) => [id, checkouts] as const));
  scenarios.push(await runScenario(stack, 'many products + success page', pageLanes, pageStock, true));
  console.log(`  ${buyers} buyers, many products with the success page: done`);
  return { baselines, scenarios };
}

async function main(): Promise<void> {
  const options = readOptions();
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const cleanup = new Cleanup();
  try {
    console.log('starting redis-server, the embedded engine, the payment sandbox and the API…');
    const stack = await startCheckoutStack(cleanup, { database: 'bench_checkout' });
    // Warm-up: JIT, connection pools, indexes; not reported.
    const [warm = ''] = await createProducts(stack.apiUrl, stack.adminToken, 1, 10, 'Warm-up');
    const warmJobs = await prepareCarts(stack.apiUrl, await createShoppers(stack.db, stack.jwtSecret, 5), () => warm);
    for (const job of warmJobs) await runCheckout(stack.apiUrl, job, stack.watcher);

    const baselines: BaselineMeasurement[] = [];
    const scenarios: ScenarioMeasurement[] = [];
    for (const buyers of options.levels) {
      console.log(`${buyers} concurrent buyers, ${options.checkoutsAt(buyers)} checkouts per scenario…`);
      const level = await benchmarkLevel(stack, buyers, options.checkoutsAt(buyers));
      baselines.push(...level.baselines);
      scenarios.push(...level.scenarios);
    }
    const run = {
      startedAt,
      machine: describeMachine(),
      cores: cpus().length,
      loadBefore,
      loadAfter: loadAverage(),
      elapsedSeconds: (Date.now() - startedAt.getTime()) / 1_000,
      baselines,
      scenarios,
    };
    printCheckoutRun(run);
    await writeResults(RESULTS_FILE, checkoutMarkdown(run));
  } finally {
    await cleanup.run();
  }
}

await main();
