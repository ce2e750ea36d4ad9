// Search benchmark: `npm run bench:search [-- --scales 10000,100000]`. Not a test: it prints figures and writes
// bench/results/search.md. For each catalogue size: index size (entries, key bytes, the engine's memory), suggest and
// search latency through the API on cache misses and hits, and the database cost of the new candidate queries next
// to the previous whole-word `$all` search on the same data (the baseline, measured in the same run).
import { startRedisServer } from '@mercato/testkit';
import { MongoClient, type Db, type Document } from 'mongodb';
import { parseArgs } from 'node:util';
import { searchTokens } from '../../apps/api/src/modules/catalog/text.js';
import type { ProductDoc } from '../../apps/api/src/modules/catalog/model.js';
import { SEARCH_CANDIDATE_DEFAULT } from '../../apps/api/src/config/env-schema.js';
import { createMongoSearchEngine } from '../../apps/api/src/modules/search/mongo-engine.js';
import { productIndexes } from '../../apps/api/src/modules/catalog/products-repo.js';
import { ensureIndexes } from '../../apps/api/src/lib/mongo-indexes.js';
import { makeCategories, makeProduct } from './catalog-data.js';
import { Cleanup } from './support/cleanup.js';
import { formatMs, markdownTable } from './support/format.js';
import { percentile } from './support/load.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { residentMemory } from './support/process-memory.js';
import { repoPath } from './support/repo-paths.js';
import { stepLogger, writeResults } from './support/results.js';
import { startApiProcess, startEngineProcess } from './support/services.js';

const SUGGEST_GOAL_MS = 50;
/** Words shoppers would type in the benchmark catalogue (catalog-data.ts): nouns, materials, colours, adjectives. */
const VOCABULARY = [
  'skillet',
  'kettle',
  'sweater',
  'jacket',
  'lantern',
  'puzzle',
  'notebook',
  'speaker',
  'headphones',
  'turntable',
  'organizer',
  'kettlebell',
  'walnut',
  'linen',
  'leather',
  'bamboo',
  'ceramic',
  'copper',
  'vintage',
  'heritage',
  'handmade',
  'premium',
  'nordic',
  'alpine',
  'orange',
  'yellow',
  'navy',
  'planter',
  'trowel',
  'journal',
];

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}
const statsOf = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length };
};

/** What a shopper types letter by letter (every prefix from two letters), plus one typo per word. */
function suggestQueries(): string[] {
  const typed = VOCABULARY.flatMap((word) => Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, i + 2)));
  const typos = VOCABULARY.map((word) => `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}`);
  return [...new Set([...typed, ...typos])];
}

function searchQueries(): string[] {
  const pairs = VOCABULARY.slice(0, 15).map((word, i) => `${VOCABULARY[(i * 7) % VOCABULARY.length]} ${word}`);
  const typos = VOCABULARY.slice(0, 15).map((word) => `${word.slice(0, -2)}${word.at(-1)}${word.at(-2)}`);
  return [...new Set([...VOCABULARY, ...pairs, ...typos])];
}

async function timeEach(items: string[], run: (item: string) => Promise<unknown>): Promise<Stats> {
  const times: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await run(item);
    times.push(performance.now() - started);
  }
  return statsOf(times);
}

async function get(url: string): Promise<string> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.headers.get('x-cache') ?? '';
}

/** Inserts `count` products shaped as the admin service writes them, plus the previous version's whole-word tokens. */
async function insert(
  db: Db,
  count: number,
): Promise<{ keyEntries: number; keyBytes: number; tokenEntries: number; tokenBytes: number }> {
  const now = new Date();
  const categories = makeCategories(now);
  await db.collection('categories').insertMany(categories);
  const sizes = { keyEntries: 0, keyBytes: 0, tokenEntries: 0, tokenBytes: 0 };
  for (let start = 0; start < count; start += 2_000) {
    const batch = Array.from({ length: Math.min(2_000, count - start) }, (_, i) => {
      const product = makeProduct(start + i, categories, now);
      // Names repeat beyond 10,000 products (catalog-data.ts builds 10,000 unique ones): slugs must not.
      const slug = start + i < 10_000 ? product.slug : `${product.slug}-${start + i}`;
      const tokens = searchTokens(product.name, product.description);
      sizes.keyEntries += product.searchKeys.length;
      sizes.keyBytes += product.searchKeys.reduce((sum, key) => sum + Buffer.byteLength(key), 0);
      sizes.tokenEntries += tokens.length;
      sizes.tokenBytes += tokens.reduce((sum, token) => sum + Buffer.byteLength(token), 0);
      return { ...product, slug, searchTokens: tokens };
    });
    await db.collection('products').insertMany(batch, { ordered: false });
  }
  // The previous version's index, for the baseline query.
  await db
    .collection('products')
    .createIndex({ searchTokens: 1, active: 1, archived: 1, categoryId: 1 }, { name: 'baseline_tokens' });
  return sizes;
}

async function measureScale(count: number, step: (message: string) => void) {
  const cleanup = new Cleanup();
  try {
    const redis = cleanup.add(await startRedisServer(), 'redis-server', (server) => server.stop());
    const engine = cleanup.add(await startEngineProcess(), 'embedded engine', (server) => server.stop());
    const mongoUri = `${engine.uri}/bench_search`;
    // A long synchronous step in the engine must not make the driver give the connection up.
    const client = cleanup.add(
      new MongoClient(mongoUri, { connectTimeoutMS: 600_000, socketTimeoutMS: 0 }),
      'driver',
      (driver) => driver.close(),
    );
    const db = client.db();
    const engineBefore = residentMemory(engine.pid).rss;
    // The indexes exist before the products, as in a shop whose catalogue grew under them: building search_keys over
    // 100,000 existing products at once holds the embedded engine (single-threaded) longer than the API's 10 s
    // plugin timeout, so a large existing catalogue should build it ahead of the upgrade (decision 0011).
    await ensureIndexes(db, [productIndexes]);
    step(`${count.toLocaleString('en-US')}: inserting products (indexes maintained as they arrive)…`);
    const insertStarted = performance.now();
    const sizes = await insert(db, count);
    const indexSeconds = (performance.now() - insertStarted) / 1_000;
    const engineAfter = residentMemory(engine.pid).rss;
    step(`${count.toLocaleString('en-US')}: starting the API…`);
    const api = cleanup.add(await startApiProcess({ name: 'api', mongoUri, redisUrl: redis.url }), 'api', (p) =>
      p.stop(),
    );
    const stats = (await db.command({ collStats: 'products' })) as Document;

    const suggests = suggestQueries();
    const searches = searchQueries();
    step(
      `${count.toLocaleString('en-US')}: ${suggests.length} suggest and ${searches.length} search queries, misses then hits…`,
    );
    await get(`${api.url}/api/search/suggest?q=warmup`); // JIT and connection pools, not a measured query
    const suggestMiss = await timeEach(suggests, (q) =>
      get(`${api.url}/api/search/suggest?q=${encodeURIComponent(q)}`),
    );
    const suggestHit = await timeEach(suggests, (q) => get(`${api.url}/api/search/suggest?q=${encodeURIComponent(q)}`));
    const searchMiss = await timeEach(searches, (q) => get(`${api.url}/api/search?q=${encodeURIComponent(q)}`));
    const searchHit = await timeEach(searches, (q) => get(`${api.url}/api/search?q=${encodeURIComponent(q)}`));

    // Without HTTP and cache: the search engine itself (its candidate queries, ranking and facets, through the
    // driver from this process), against the previous version's whole-word query (one page of 24 newest plus the
    // count, as the old listing did; whole words only, which is all it could find).
    const products = db.collection('products');
    const visible = { active: true, archived: false };
    const baseline = await timeEach(searches, async (q) => {
      const filter = { ...visible, searchTokens: { $all: searchTokens(q) } };
      await Promise.all([
        products.find(filter).sort({ createdAt: -1, _id: -1 }).limit(24).toArray(),
        products.countDocuments(filter),
      ]);
    });
    const searchEngine = createMongoSearchEngine({
      products: db.collection<ProductDoc>('products'),
      candidateLimit: SEARCH_CANDIDATE_DEFAULT,
      categoryNames: async () =>
        new Map((await db.collection('categories').find().toArray()).map((c) => [String(c._id), String(c.name)])),
    });
    let capped = 0;
    const tiers = await timeEach(searches, async (q) => {
      const hits = await searchEngine.search({ q, filters: {}, sort: 'relevance', skip: 0, limit: 24 });
      if (hits.isCapped) capped += 1;
    });
    return {
      count,
      sizes,
      dataSize: Number(stats.size ?? Number.NaN),
      engineIndexMemory: engineAfter - engineBefore,
      indexSeconds,
      suggestMiss,
      suggestHit,
      searchMiss,
      searchHit,
      baseline,
      tiers,
      capped,
      load: loadAverage(),
    };
  } finally {
    await cleanup.run();
  }
}

type Result = Awaited<ReturnType<typeof measureScale>>;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const row = (label: string, s: Stats) => [label, String(s.n), formatMs(s.p50), formatMs(s.p95), formatMs(s.p99)];

function report(results: Result[], started: Date, loadBefore: string): string {
  const sections = results.map((r) => {
    const goal =
      r.count === 10_000
        ? `\n\nGoal: suggest p95 on a cache miss ≤ ${SUGGEST_GOAL_MS} ms at 10,000 products: **${r.suggestMiss.p95 <= SUGGEST_GOAL_MS ? 'met' : 'NOT met'}** (${formatMs(r.suggestMiss.p95)} ms).`
        : '';
    return `## ${r.count.toLocaleString('en-US')} products

Index: ${r.sizes.keyEntries.toLocaleString('en-US')} search_keys entries (${(r.sizes.keyEntries / r.count).toFixed(0)} per product, ${mib(r.sizes.keyBytes)} of key bytes) against ${r.sizes.tokenEntries.toLocaleString('en-US')} whole-word entries (${mib(r.sizes.tokenBytes)}) before; documents ${mib(r.dataSize)} in all (keys included). The embedded engine's memory grew by ${mib(r.engineIndexMemory)} with the products inserted (documents, search_keys, the catalogue's five other indexes and the baseline's token index), which took ${r.indexSeconds.toFixed(1)} s. Load average when done: ${r.load}.

${markdownTable(
  ['through the API (one at a time)', 'queries', 'p50 ms', 'p95 ms', 'p99 ms'],
  [
    row('suggest, cache miss', r.suggestMiss),
    row('suggest, cache hit', r.suggestHit),
    row('search page with facets, miss', r.searchMiss),
    row('search page with facets, hit', r.searchHit),
  ],
  ['left', 'right', 'right', 'right', 'right'],
)}

${markdownTable(
  ['without HTTP or cache (driver)', 'queries', 'p50 ms', 'p95 ms', 'p99 ms'],
  [
    row('baseline: whole-word $all, page + count', r.baseline),
    row(
      `search engine: retrieval, ranking, facets (≤ ${SEARCH_CANDIDATE_DEFAULT} candidates; ${r.capped} of ${r.searchMiss.n} queries capped)`,
      r.tiers,
    ),
  ],
  ['left', 'right', 'right', 'right', 'right'],
)}${goal}`;
  });
  return `# Search benchmark

Run: ${started.toISOString()} (took ${Math.round((Date.now() - started.getTime()) / 1_000)} s)  
Machine: ${describeMachine()}  
Load average (1/5/15 min) before: ${loadBefore} — other engineers' tests share these 2 cores, so treat tails as noisy.  
Command: \`npm run bench:search\`

Setup per size: the benchmark catalogue (bench/src/catalog-data.ts, 10 categories, generated names, colours and
materials) inserted with the driver, with the keys the admin service computes and the previous version's whole-word
tokens; the embedded engine (its CLI), redis-server and the API (NODE_ENV=production) each in their own process.
Queries are sent one at a time (latency, not throughput): every prefix of 30 words from two letters plus one typo
per word for suggestions, and 30 words, 15 word pairs and 15 typos for the search page. Misses are each query's first
request (nothing cached); hits are the same queries again (the API's in-memory layer).

${sections.join('\n\n')}
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scales: { type: 'string', default: '10000,100000' } } });
  const scales = values.scales
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const started = new Date();
  const step = stepLogger(started);
  const loadBefore = loadAverage();
  const results: Result[] = [];
  for (const count of scales) {
    const result = await measureScale(count, step);
    results.push(result);
    console.log(
      `${count}: suggest miss p95 ${formatMs(result.suggestMiss.p95)} ms, hit p95 ${formatMs(result.suggestHit.p95)} ms; search miss p95 ${formatMs(result.searchMiss.p95)} ms; engine p95 ${formatMs(result.tiers.p95)} ms vs baseline ${formatMs(result.baseline.p95)} ms; ${(result.sizes.keyEntries / count).toFixed(0)} keys/product`,
    );
  }
  await writeResults(repoPath('bench/results/search.md'), report(results, started, loadBefore));
}

await main();
