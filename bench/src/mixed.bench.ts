// Mixed benchmark: `npm run bench:mixed [-- --duration 5 --rounds 2 --connections 50 --buyers 20 --abandon-every 4]`.
// Not a test: storefront browsing with and without buyers checking out at the same time, the listing cache hit rate
// and browsing latency of each; writes bench/results/mixed.md. See bench/README.md.
import { stockLevelOf } from '@mercato/shared';
import { Redis } from 'ioredis';
import { ObjectId, type Db } from 'mongodb';
import { parseArgs } from 'node:util';
import { versionsChannel } from '../../apps/api/src/lib/cache.js';
import type { CategoryDoc, ProductDoc } from '../../apps/api/src/modules/catalog/model.js';
import { CATALOG_TAGS } from '../../apps/api/src/modules/catalog/store-service.js';
import { insertCatalog, PRODUCT_COUNT } from './catalog-data.js';
import { defineEndpoints, recordBodies, type Endpoint } from './catalog-endpoints.js';
import { createShoppers } from './checkout-flow.js';
import { startCheckoutStack, type CheckoutStack } from './checkout-stack.js';
import { browse, browsingMix, combineBrowseRuns, type BrowseKind, type BrowseRun } from './mixed-browsing.js';
import { BuyersProcess, type BuyerCounts } from './mixed-buyers.js';
import { mixedMarkdown, printMixedRun, type MixedMeasurement, type MixedMode } from './mixed-report.js';
import { Cleanup } from './support/cleanup.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { measureCpu } from './support/process-cpu.js';
import { stepLogger, writeResults } from './support/results.js';
import { repoPath } from './support/repo-paths.js';

const RESULTS_FILE = repoPath('bench/results/mixed.md');
/** Buyers start this long before a window with checkouts, so the window sees them at full pace. */
const BUYERS_LEAD_MS = 1_000;

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      buyers: { type: 'string', default: '20' },
      'abandon-every': { type: 'string', default: '4' },
    },
  });
  const options = {
    durationSeconds: Number(values.duration),
    rounds: Number(values.rounds),
    warmupSeconds: Number(values.warmup),
    connections: Number(values.connections),
    buyers: Number(values.buyers),
    abandonEvery: Number(values['abandon-every']),
  };
  const isCount = (value: number) => Number.isInteger(value) && value >= 1;
  const isValid =
    options.durationSeconds > 0 &&
    options.warmupSeconds >= 0 &&
    [options.rounds, options.connections, options.buyers, options.abandonEvery].every(isCount);
  if (!isValid)
    throw new Error(
      'usage: mixed.bench.ts [--duration <s>] [--rounds <n>] [--warmup <s>] [--connections <n>] [--buyers <n>] [--abandon-every <n>]',
    );
  return options;
}

/** The catalogue benchmark's endpoints, plus each category's listing filtered to products in stock. */
function mixedEndpoints(categories: CategoryDoc[], products: ProductDoc[]): Endpoint[] {
  return defineEndpoints(categories, products).map((endpoint) =>
    endpoint.key === 'list'
      ? {
          ...endpoint,
          paths: [
            ...endpoint.paths,
            ...categories.map((category) => `/api/products?category=${category.slug}&inStock=true`),
          ],
        }
      : endpoint,
  );
}

/**
 * Counts the bumps of the listings' tag and of the buyers' products' page tags as the cache announces them to every
 * instance (its versions channel): exact, where reading the versions could not tell how often a tag that did not
 * exist yet was bumped (its first version is a timestamp).
 */
async function tagCounter(redisUrl: string, prefix: string, slugs: string[]) {
  const subscriber = new Redis(redisUrl);
  const pages = new Set(slugs.map((slug) => CATALOG_TAGS.product(slug)));
  const counts = { listings: 0, pages: 0 };
  subscriber.on('message', (_channel: string, message: string) => {
    for (const pair of message.split(' ')) {
      const tag = pair.slice(0, pair.lastIndexOf('='));
      if (tag === CATALOG_TAGS.stock) counts.listings += 1;
      else if (pages.has(tag)) counts.pages += 1;
    }
  });
  await subscriber.subscribe(versionsChannel(prefix));
  return { read: () => ({ ...counts }), close: () => subscriber.disconnect() };
}

/**
 * After the run, every cached listing must agree with the database: each item's stock level and inStock flag as
 * its stock now is, and the in-stock listings' totals equal to the number of visible products in stock.
 */
async function checkListings(
  apiUrl: string,
  db: Db,
  endpoints: Endpoint[],
): Promise<{ line: string; problems: string[] }> {
  const problems: string[] = [];
  let items = 0;
  const paths = endpoints.filter((endpoint) => endpoint.key !== 'product').flatMap((endpoint) => endpoint.paths);
  for (const path of paths) {
    const response = await fetch(`${apiUrl}${path}`);
    const body = (await response.json()) as {
      items: Array<{ id: string; stockLevel: string; inStock: boolean }>;
      pageInfo?: { total: number };
    };
    const stocks = new Map(
      (
        await db
          .collection<ProductDoc>('products')
          .find({ _id: { $in: body.items.map((item) => new ObjectId(item.id)) } }, { projection: { stock: 1 } })
          .toArray()
      ).map((product) => [product._id.toHexString(), product.stock]),
    );
    for (const item of body.items) {
      items += 1;
      const stock = stocks.get(item.id) ?? Number.NaN;
      if (item.stockLevel !== stockLevelOf(stock) || item.inStock !== stock > 0)
        problems.push(
          `- ${path}: shows ${item.id} as ${item.stockLevel} (inStock ${item.inStock}) with ${stock} in stock`,
        );
    }
    const category = /[?&]category=([^&]+)&inStock=true/.exec(path)?.[1];
    if (category) {
      const categoryDoc = await db.collection<CategoryDoc>('categories').findOne({ slug: category });
      const inStock = await db
        .collection<ProductDoc>('products')
        .countDocuments({ categoryId: categoryDoc?._id, active: true, archived: false, stock: { $gt: 0 } });
      if (body.pageInfo?.total !== inStock)
        problems.push(`- ${path}: total ${body.pageInfo?.total} while ${inStock} visible products are in stock`);
    }
  }
  const line = `- Listings against the database: ${paths.length} cached listings, ${items} items; ${problems.length === 0 ? 'every stock level, inStock flag and in-stock total is current.' : `${problems.length} disagree (see problems).`}`;
  return { line, problems };
}

/** Units are conserved for every product the buyers touched, and no hold is left once they have stopped. */
async function checkStock(db: Db, pool: ProductDoc[]): Promise<{ line: string; problems: string[] }> {
  const problems: string[] = [];
  const now = await db
    .collection<ProductDoc & { holds?: unknown[] }>('products')
    .find({ _id: { $in: pool.map((product) => product._id) } })
    .toArray();
  const byId = new Map(now.map((product) => [product._id.toHexString(), product]));
  for (const initial of pool) {
    const product = byId.get(initial._id.toHexString());
    const units = (doc: ProductDoc) => doc.stock + doc.reserved + doc.sold;
    if (!product || units(product) !== units(initial) || (product.holds?.length ?? 0) > 0 || product.stock < 0)
      problems.push(`- ${initial.slug}: ${JSON.stringify(product && { ...product, searchKeys: undefined })}`);
  }
  const line = `- Stock: ${pool.length} products bought from; ${problems.length === 0 ? 'stock + reserved + sold unchanged for each, no hold left, none negative.' : `${problems.length} do not add up (see problems).`}`;
  return { line, problems };
}

const subtract = (after: BuyerCounts, before: BuyerCounts): BuyerCounts => ({
  paid: after.paid - before.paid,
  abandoned: after.abandoned - before.abandoned,
  refused: after.refused - before.refused,
});

async function main(): Promise<void> {
  const options = readOptions();
  const startedAt = new Date();
  const step = stepLogger(startedAt);
  const loadBefore = loadAverage();
  const cleanup = new Cleanup();
  try {
    step(`starting redis-server and the engine, inserting ${PRODUCT_COUNT.toLocaleString('en-US')} products…`);
    let catalog: { categories: CategoryDoc[]; products: ProductDoc[] } | undefined;
    const stack: CheckoutStack = await startCheckoutStack(cleanup, {
      database: 'bench_mixed',
      beforeApi: async (db) => {
        catalog = await insertCatalog(db);
      },
    });
    if (!catalog) throw new Error('the catalogue was not inserted');
    const endpoints = mixedEndpoints(catalog.categories, catalog.products);
    const pageSlugs = new Set(
      endpoints.find((endpoint) => endpoint.key === 'product')?.paths.map((path) => path.split('/').pop()),
    );
    const pool = catalog.products.filter(
      (product) => product.active && product.stock > 0 && pageSlugs.has(product.slug),
    );
    const shoppers = await createShoppers(stack.db, stack.jwtSecret, options.buyers);
    const buyers = cleanup.add(
      await BuyersProcess.start({
        apiUrl: stack.apiUrl,
        redisUrl: stack.redisUrl,
        tokens: shoppers.map((shopper) => shopper.token),
        productIds: pool.map((product) => product._id.toHexString()),
        abandonEvery: options.abandonEvery,
      }),
      'buyers',
      (child) => child.exit(),
    );
    let productsLeft = pool.length;
    const tags = cleanup.add(
      await tagCounter(
        stack.redisUrl,
        stack.keyPrefix,
        pool.map((product) => product.slug),
      ),
      'bump counter',
      async (counter) => counter.close(),
    );
    const mix = browsingMix(endpoints);
    const browseFor = (durationSeconds: number) =>
      browse({ url: stack.apiUrl, mix, connections: options.connections, durationSeconds });

    step('warming up (browsing, then browsing with checkouts; not reported)…');
    await recordBodies(stack.apiUrl, endpoints);
    if (options.warmupSeconds > 0) {
      await browseFor(options.warmupSeconds);
      await buyers.start();
      await browseFor(options.warmupSeconds);
      productsLeft = await buyers.stop();
      await recordBodies(stack.apiUrl, endpoints);
    }

    const windows = new Map<MixedMode, Array<Omit<MixedMeasurement, 'mode'>>>();
    for (let round = 0; round < options.rounds; round++) {
      const order: MixedMode[] = round % 2 === 0 ? ['quiet', 'mixed'] : ['mixed', 'quiet'];
      for (const mode of order) {
        step(
          `round ${round + 1}/${options.rounds}: ${mode === 'quiet' ? 'browsing only' : 'browsing with checkouts'}…`,
        );
        if (mode === 'mixed') {
          await buyers.start();
          await new Promise((resolve) => setTimeout(resolve, BUYERS_LEAD_MS));
        }
        const countsBefore = await buyers.counts();
        const tagsBefore = tags.read();
        const measured = await measureCpu({ ...stack.pids, buyers: buyers.pid, browsers: process.pid }, () =>
          browseFor(options.durationSeconds),
        );
        const tagsAfter = tags.read();
        const counts = subtract(await buyers.counts(), countsBefore);
        if (mode === 'mixed') productsLeft = await buyers.stop();
        windows.set(mode, [
          ...(windows.get(mode) ?? []),
          {
            browse: measured.result,
            buyers: counts,
            listingInvalidations: tagsAfter.listings - tagsBefore.listings,
            pageInvalidations: tagsAfter.pages - tagsBefore.pages,
            cpuMs: measured.cpuMs,
          },
        ]);
      }
    }
    const measurements = (['quiet', 'mixed'] as const).map((mode) => combineWindows(mode, windows.get(mode) ?? []));

    step('checking listings and stock against the database…');
    const listings = await checkListings(stack.apiUrl, stack.db, endpoints);
    const stock = await checkStock(stack.db, pool);
    const urls = Object.fromEntries(endpoints.map((endpoint) => [endpoint.key, endpoint.paths.length])) as Record<
      BrowseKind,
      number
    >;
    const run = {
      startedAt,
      machine: describeMachine(),
      loadBefore,
      loadAfter: loadAverage(),
      elapsedSeconds: (Date.now() - startedAt.getTime()) / 1_000,
      durationSeconds: options.durationSeconds,
      rounds: options.rounds,
      connections: options.connections,
      buyerCount: options.buyers,
      abandonEvery: options.abandonEvery,
      productCount: PRODUCT_COUNT,
      poolSize: pool.length,
      poolLeft: productsLeft,
      urls,
      measurements,
      checks: [listings.line, stock.line],
      problems: [...listings.problems, ...stock.problems],
    };
    printMixedRun(run);
    await writeResults(RESULTS_FILE, mixedMarkdown(run));
  } finally {
    await cleanup.run();
  }
}

/** A mode's windows as one measurement: browsing pooled, counts and CPU summed. */
function combineWindows(mode: MixedMode, windows: Array<Omit<MixedMeasurement, 'mode'>>): MixedMeasurement {
  const sum = (pick: (window: Omit<MixedMeasurement, 'mode'>) => number) =>
    windows.reduce((total, window) => total + pick(window), 0);
  const cpuMs: Record<string, number> = {};
  for (const window of windows)
    for (const [name, ms] of Object.entries(window.cpuMs)) cpuMs[name] = (cpuMs[name] ?? 0) + ms;
  const browseRuns: BrowseRun[] = windows.map((window) => window.browse);
  return {
    mode,
    browse: combineBrowseRuns(browseRuns),
    buyers: {
      paid: sum((window) => window.buyers.paid),
      abandoned: sum((window) => window.buyers.abandoned),
      refused: sum((window) => window.buyers.refused),
    },
    listingInvalidations: sum((window) => window.listingInvalidations),
    pageInvalidations: sum((window) => window.pageInvalidations),
    cpuMs,
  };
}

await main();
