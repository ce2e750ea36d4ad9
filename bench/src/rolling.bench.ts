import { MongoClient, ObjectId } from 'mongodb';
import { createProducts, createShoppers, callApi } from './checkout-flow.js';
import { startBenchCluster, upstreamStats } from './rolling-cluster.js';
import { createTraffic, type BuyerOutcome, type Phase } from './rolling-traffic.js';
import { Cleanup } from './support/cleanup.js';
import { formatMs, markdownTable } from './support/format.js';
import { percentile } from './support/load.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { repoPath } from './support/repo-paths.js';
import { stepLogger, writeResults } from './support/results.js';

/**
 * `npm run bench:rolling`: three API instances behind HAProxy (`npm run start:cluster`), browsing and checkouts
 * through the proxy, while each instance in turn gets SIGTERM and is started again by the launcher, then one gets
 * kill -9. Reports failed requests per phase (5xx or no answer), p99, and afterwards whether every paid checkout
 * is a paid order, no shopper paid twice, and stock + reserved + sold still equals what each product started with.
 */
const INSTANCES = 3;
const BROWSERS = 6;
const BUYERS = 3;
const PRODUCTS = 10;
const STOCK = 10_000;
/** How long paid checkouts may take to become paid orders (webhooks, retried by the sandbox, and the sweep). */
const SETTLE_TIMEOUT_MS = 120_000;

const cleanup = new Cleanup();
const log = stepLogger(new Date());
process.env.RATE_LIMIT_MAX ??= '10000000'; // one client address sends everything; the limit is not what is measured

log(`starting the cluster (${INSTANCES} instances)…`);
const cluster = cleanup.add(await startBenchCluster(INSTANCES), 'cluster', (started) => started.stop());
const client = cleanup.add(await new MongoClient(cluster.runtime().mongoUri).connect(), 'mongo', (c) => c.close());
const db = client.db();
const [admin] = await createShoppers(db, cluster.secrets.JWT_SECRET, 1, 'admin');
const productIds = await createProducts(cluster.proxyUrl, admin!.token, PRODUCTS, STOCK, 'Rolling');
const slugs = await Promise.all(
  productIds.map(
    async (id) =>
      (await callApi<{ slug: string }>(cluster.proxyUrl, 'GET', `/api/admin/products/${id}`, admin!.token)).slug,
  ),
);
const shoppers = await createShoppers(db, cluster.secrets.JWT_SECRET, 2_000);
const traffic = createTraffic({ proxyUrl: cluster.proxyUrl, slugs, productIds });

log('traffic on; warming up…');
const running = traffic.run(BROWSERS, shoppers, BUYERS);
await sleep(3_000);
const instanceNames = cluster.runtime().cluster.instances.map((instance) => instance.name);
for (const name of instanceNames) {
  traffic.begin(`SIGTERM ${name}`);
  log(`SIGTERM ${name}; waiting until the launcher has it back and HAProxy reports it UP…`);
  await cluster.bounce(name, 'SIGTERM');
}
traffic.begin('steady');
await sleep(2_000);
const victim = instanceNames[1]!;
const beforeKill = await upstreamStats(cluster.statsPort);
traffic.begin(`kill -9 ${victim}`);
log(`kill -9 ${victim}…`);
await cluster.bounce(victim, 'SIGKILL');
const afterKill = await upstreamStats(cluster.statsPort);
traffic.begin('after');
await sleep(2_000);
traffic.stop();
const outcomes = await running;
log(`traffic off (${outcomes.length} checkouts); waiting until every paid checkout is a paid order…`);
const settledIn = await settle(outcomes);

const checks = await checkConsistency(outcomes);
const report = render(traffic.phases, outcomes, checks, counterDelta(beforeKill, afterKill, victim), settledIn);
await writeResults(repoPath('bench/results/rolling.md'), report);
console.log(report);
await cleanup.run();

/** Milliseconds until every checkout paid on the hosted page shows as a paid order (or the timeout). */
async function settle(outcomes: BuyerOutcome[]): Promise<number> {
  const started = Date.now();
  const ids = outcomes.filter((outcome) => outcome.isPaid && outcome.orderId).map((o) => new ObjectId(o.orderId));
  while (Date.now() - started < SETTLE_TIMEOUT_MS) {
    if ((await db.collection('orders').countDocuments({ _id: { $in: ids }, status: { $ne: 'paid' } })) === 0) break;
    await sleep(250);
  }
  return Date.now() - started;
}

async function checkConsistency(outcomes: BuyerOutcome[]) {
  const paidAtSandbox = outcomes.filter((outcome) => outcome.isPaid && outcome.orderId);
  const orders = db.collection('orders');
  const lost: string[] = [];
  for (const outcome of paidAtSandbox) {
    const order = await orders.findOne({ _id: new ObjectId(outcome.orderId) });
    if (order?.status !== 'paid') lost.push(`${outcome.orderId} (${String(order?.status)})`);
  }
  const paidPerShopper = await orders
    .aggregate<{ _id: ObjectId; count: number }>([
      { $match: { userId: { $in: outcomes.map((outcome) => outcome.shopper.userId) }, status: 'paid' } },
      { $group: { _id: '$userId', count: { $sum: 1 } } },
      { $match: { count: { $gt: 1 } } },
    ])
    .toArray();
  const broken: string[] = [];
  for (const id of productIds) {
    const product = await db.collection('products').findOne({ _id: new ObjectId(id) });
    const total = Number(product?.stock) + Number(product?.reserved) + Number(product?.sold);
    if (total !== STOCK) broken.push(`${id}: ${total}`);
  }
  const sold = (
    await db
      .collection('products')
      .find({ _id: { $in: productIds.map((id) => new ObjectId(id)) } })
      .toArray()
  ).reduce((sum, product) => sum + Number(product.sold), 0);
  return { paid: paidAtSandbox.length, lost, duplicated: paidPerShopper.length, broken, sold };
}

/** HAProxy's own count, for the killed instance, of what it could not serve or retried while it died. */
function counterDelta(
  before: Map<string, Record<string, string>>,
  after: Map<string, Record<string, string>>,
  name: string,
) {
  const delta = (row: string, column: string) =>
    Number(after.get(row)?.[column] ?? 0) - Number(before.get(row)?.[column] ?? 0);
  return {
    responseErrors: delta(name, 'eresp'),
    connectionErrors: delta(name, 'econ'),
    retries: delta(name, 'wretr'),
    redispatches: delta(name, 'wredis'),
    server5xx: delta('BACKEND', 'hrsp_5xx'),
  };
}

function render(
  phases: Phase[],
  outcomes: BuyerOutcome[],
  checks: Awaited<ReturnType<typeof checkConsistency>>,
  killed: ReturnType<typeof counterDelta>,
  settledIn: number,
): string {
  const rows = phases.map((phase) => {
    const sorted = [...phase.latencies].sort((x, y) => x - y);
    return [phase.name, String(phase.requests), String(phase.failures.length), formatMs(percentile(sorted, 99))];
  });
  const failures = phases.flatMap((phase) => phase.failures.map((failure) => `- ${phase.name}: ${failure}`));
  const gaveUp = outcomes.filter((outcome) => outcome.error);
  return [
    '# Rolling restart and kill -9 under load (`npm run bench:rolling`)',
    '',
    `${describeMachine()}; load average at the end ${loadAverage()}. ${INSTANCES} API instances behind HAProxy`,
    `(\`npm run start:cluster\`: health checks every 500 ms, SHUTDOWN_DRAIN_MS 2000), ${BROWSERS} browsing loops and`,
    `${BUYERS} concurrent buyers (add to cart, checkout, pay on the sandbox's hosted page) through the proxy.`,
    'A failed request is a 5xx or no answer, counted in the phase it started in. Each SIGTERM phase lasts until the',
    'launcher has started the instance again and HAProxy reports it UP.',
    '',
    markdownTable(['phase', 'requests', 'failed', 'p99'], rows, ['left', 'right', 'right', 'right']),
    '',
    '## Orders and stock afterwards',
    '',
    `- checkouts run: ${outcomes.length}; paid on the hosted page: ${checks.paid}; retried steps: ${outcomes.reduce((sum, outcome) => sum + outcome.retries, 0)}; given up: ${gaveUp.length}`,
    `- every paid checkout was a paid order ${(settledIn / 1000).toFixed(1)} s after the traffic stopped (webhooks queued under load; the limit is ${SETTLE_TIMEOUT_MS / 1000} s)`,
    `- paid checkouts whose order is not paid (lost): ${checks.lost.length}${checks.lost.length ? ` (${checks.lost.slice(0, 5).join(', ')})` : ''}`,
    `- shoppers with more than one paid order (double charge): ${checks.duplicated}`,
    `- products where stock + reserved + sold ≠ ${STOCK}: ${checks.broken.length}; units sold: ${checks.sold}`,
    '',
    `## kill -9 of ${victim}: HAProxy's counters over that phase`,
    '',
    `- response errors on ${victim} (requests in flight when it died): ${killed.responseErrors}; connection errors: ${killed.connectionErrors}`,
    `- retries: ${killed.retries}; redispatched to another instance: ${killed.redispatches}; 5xx sent to clients: ${killed.server5xx}`,
    '',
    ...(failures.length ? ['## Failed requests', '', ...failures.slice(0, 40), ''] : []),
    ...(gaveUp.length
      ? ['## Checkouts given up', '', ...gaveUp.slice(0, 20).map((outcome) => `- ${outcome.error}`), '']
      : []),
  ].join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
