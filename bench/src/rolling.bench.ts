import { MongoClient, ObjectId } from 'mongodb';
import { createProducts, createShoppers, callApi } from './checkout-flow.js';
import { haproxyStats } from '../../scripts/src/lib/haproxy.js';
import { startBenchCluster } from './rolling-cluster.js';
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
 * kill -9. Reports failed requests per phase (5xx or no answer), p99 (of every request, failed ones included: a
 * client waited for those too), and afterwards whether every paid checkout is a paid order, how many orders each
 * shopper has (one checkout each: a second order of any status is a retried checkout that was not recognised),
 * whether stock + reserved + sold still equals what each product and variant started with, and whether any units
 * are still reserved once everything settled.
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
  traffic.begin(`SIGTERM ${name}`, { isSignal: true });
  log(`SIGTERM ${name}; waiting until the launcher has it back and HAProxy reports it UP…`);
  await cluster.bounce(name, 'SIGTERM');
}
traffic.begin('steady');
await sleep(2_000);
const victim = instanceNames[1]!;
const beforeKill = await haproxyCounters();
traffic.begin(`kill -9 ${victim}`, { isSignal: true });
log(`kill -9 ${victim}…`);
await cluster.bounce(victim, 'SIGKILL');
const afterKill = await haproxyCounters();
traffic.begin('after');
await sleep(2_000);
traffic.stop();
const outcomes = await running;
log(`traffic off (${outcomes.length} checkouts); waiting until every paid checkout is a paid order…`);
const settledIn = await settle(outcomes);

const checks = await checkConsistency(outcomes);
const report = render(traffic.phases(), outcomes, checks, counterDelta(beforeKill, afterKill, victim), settledIn);
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

/** A product's or a variant's units, as the holds move them. */
interface Units {
  stock?: number;
  reserved?: number;
  sold?: number;
}

async function checkConsistency(outcomes: BuyerOutcome[]) {
  const paidAtSandbox = outcomes.filter((outcome) => outcome.isPaid && outcome.orderId);
  const orders = db.collection('orders');
  const lost: string[] = [];
  for (const outcome of paidAtSandbox) {
    const order = await orders.findOne({ _id: new ObjectId(outcome.orderId) });
    if (order?.status !== 'paid') lost.push(`${outcome.orderId} (${String(order?.status)})`);
  }

  // Each shopper ran one checkout, so every order beyond one per shopper, paid or not, is a retried checkout the
  // shop did not recognise as the same (a pending order left holding stock, or a second charge).
  const statusesOf = new Map<string, string[]>();
  const shopperOrders = orders.find(
    { userId: { $in: outcomes.map((outcome) => outcome.shopper.userId) } },
    { projection: { userId: 1, status: 1 } },
  );
  for await (const order of shopperOrders) {
    const key = String(order.userId);
    statusesOf.set(key, [...(statusesOf.get(key) ?? []), String(order.status)]);
  }
  const extra = [...statusesOf].filter(([, statuses]) => statuses.length > 1);
  const paidTwice = extra.filter(([, statuses]) => statuses.filter((status) => status === 'paid').length > 1);

  // Once everything settled nothing may stay reserved, and no unit may appear or vanish, per product and per variant.
  const broken: string[] = [];
  const stillReserved: string[] = [];
  let sold = 0;
  const products = db.collection('products').find({ _id: { $in: productIds.map((id) => new ObjectId(id)) } });
  for await (const product of products) {
    const variants = (product.variants ?? []) as (Units & { sku?: string })[];
    for (const [label, units] of [
      [String(product._id), product as Units] as const,
      ...variants.map((variant) => [`${String(product._id)} ${variant.sku ?? '?'}`, variant] as const),
    ]) {
      const total = Number(units.stock) + Number(units.reserved) + Number(units.sold);
      if (total !== STOCK) broken.push(`${label}: ${total}`);
      if (Number(units.reserved) !== 0) stillReserved.push(`${label}: ${String(units.reserved)}`);
    }
    sold += Number(product.sold);
  }
  return {
    paid: paidAtSandbox.length,
    lost,
    extraOrders: extra.map(([userId, statuses]) => `${userId}: ${statuses.join(', ')}`),
    duplicated: paidTwice.length,
    broken,
    stillReserved,
    sold,
  };
}

/** HAProxy's counters: the backend's rows (each instance, BACKEND) and the frontend's (what clients were sent). */
async function haproxyCounters() {
  return haproxyStats(cluster.statsPort);
}

/** HAProxy's own count, for the killed instance, of what it could not serve or retried while it died. */
function counterDelta(
  before: Awaited<ReturnType<typeof haproxyCounters>>,
  after: Awaited<ReturnType<typeof haproxyCounters>>,
  name: string,
) {
  const delta = (row: string, column: string) =>
    Number(after.backend.get(row)?.[column] ?? 0) - Number(before.backend.get(row)?.[column] ?? 0);
  return {
    responseErrors: delta(name, 'eresp'),
    connectionErrors: delta(name, 'econ'),
    retries: delta(name, 'wretr'),
    redispatches: delta(name, 'wredis'),
    instances5xx: delta('BACKEND', 'hrsp_5xx'),
    // The frontend's count: after retries, including answers HAProxy made itself (502/503/504).
    clients5xx: Number(after.frontend.hrsp_5xx ?? 0) - Number(before.frontend.hrsp_5xx ?? 0),
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
    'A failed request is a 5xx or no answer (with the socket error code). A request counts in the phase it was sent',
    'in, or in the SIGTERM / kill -9 phase that began while it was in flight. Each signal phase lasts until the',
    'launcher has started the instance again and HAProxy reports it UP.',
    '',
    markdownTable(['phase', 'requests', 'failed', 'p99'], rows, ['left', 'right', 'right', 'right']),
    '',
    '## Orders and stock afterwards',
    '',
    `- checkouts run: ${outcomes.length}; paid on the hosted page: ${checks.paid}; retried steps: ${outcomes.reduce((sum, outcome) => sum + outcome.retries, 0)}; given up: ${gaveUp.length}`,
    `- every paid checkout was a paid order ${(settledIn / 1000).toFixed(1)} s after the traffic stopped (webhooks queued under load; the limit is ${SETTLE_TIMEOUT_MS / 1000} s)`,
    `- paid checkouts whose order is not paid (lost): ${checks.lost.length}${checks.lost.length ? ` (${checks.lost.slice(0, 5).join(', ')})` : ''}`,
    `- shoppers (one checkout each) with more than one order of any status (a retried checkout not recognised): ${checks.extraOrders.length}${checks.extraOrders.length ? ` (${checks.extraOrders.slice(0, 5).join('; ')})` : ''}`,
    `- of those, with more than one paid order (double charge): ${checks.duplicated}`,
    `- products or variants where stock + reserved + sold ≠ ${STOCK}: ${checks.broken.length}${checks.broken.length ? ` (${checks.broken.slice(0, 5).join(', ')})` : ''}; units sold: ${checks.sold}`,
    `- products or variants with units still reserved after settling: ${checks.stillReserved.length}${checks.stillReserved.length ? ` (${checks.stillReserved.slice(0, 5).join(', ')})` : ''}`,
    '',
    `## kill -9 of ${victim}: HAProxy's counters over that phase`,
    '',
    `- response errors on ${victim} (requests in flight when it died): ${killed.responseErrors}; connection errors: ${killed.connectionErrors}`,
    `- retries: ${killed.retries}; redispatched to another instance: ${killed.redispatches}; 5xx answered by the instances: ${killed.instances5xx}; 5xx sent to clients (frontend, after retries): ${killed.clients5xx}`,
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
