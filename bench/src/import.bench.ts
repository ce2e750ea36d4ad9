// Catalogue import benchmark: `npm run bench:import [-- --products 2500 --baseline 250]`. Not a test: it prints figures
// and writes bench/results/import.md. A generated Shopify product CSV (products × 4 variants, decimal prices, HTML
// bodies) is imported through POST /api/admin/catalog/import against redis + the embedded engine + the API as its own
// process: dry run, apply, apply again (all unchanged) and a stock update of every variant. Baselines in the same
// run: the same products created one by one through the admin API (create + save variants, a sample, extrapolated),
// and a raw insertMany of the very documents the import wrote (the floor: no parsing, planning, checks or audit).
import { startRedisServer } from '@mercato/testkit';
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createShoppers } from './checkout-flow.js';
import { Cleanup } from './support/cleanup.js';
import { markdownTable } from './support/format.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { repoPath } from './support/repo-paths.js';
import { stepLogger, writeResults } from './support/results.js';
import { startApiProcess, startEngineProcess } from './support/services.js';

const GOAL_SECONDS = 60;
const SIZES = ['S', 'M', 'L', 'XL'];
const HEADER =
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Variant Compare At Price,Image Src,Status';

/** `products` products in four sizes each, in Shopify's layout; `stockShift` changes every variant's quantity. */
function shopifyCsv(products: number, stockShift = 0): string {
  const lines = [HEADER];
  for (let p = 0; p < products; p += 1) {
    SIZES.forEach((size, s) => {
      const first = s === 0;
      const price = `${10 + (p % 90)}.${String((p * 7 + s) % 100).padStart(2, '0')}`;
      lines.push(
        [
          `bench-tee-${p}`,
          first ? `Bench tee ${p}` : '',
          first
            ? `"<p>Organic <strong>cotton</strong> tee number ${p} &amp; friends.</p><ul><li>Wash cold</li></ul>"`
            : '',
          first ? 'Northwind' : '',
          first ? 'Shirts' : '',
          first ? '"cotton, bench"' : '',
          first ? 'TRUE' : '',
          first ? 'Size' : '',
          size,
          `BT-${p}-${size}`,
          String(((p + s) % 40) + stockShift),
          price,
          s === 3 ? '99.00' : '',
          first ? `https://cdn.example.com/bench-${p}.jpg` : '',
          first ? 'active' : '',
        ].join(','),
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

async function importCsv(apiUrl: string, token: string, csv: string, dryRun: boolean) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const started = performance.now();
  const response = await fetch(`${apiUrl}/api/admin/catalog/import?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await response.json()) as { products: Record<string, number>; errors: unknown[] };
  const seconds = (performance.now() - started) / 1_000;
  if (response.status !== 200) throw new Error(`import: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { seconds, products: body.products, errors: body.errors.length };
}

async function adminCall(apiUrl: string, token: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { id: string };
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The same shape of product as the file, the way staff would type it in: create, then save its four variants. */
async function oneByOne(apiUrl: string, token: string, count: number): Promise<number> {
  const started = performance.now();
  for (let p = 0; p < count; p += 1) {
    const product = await adminCall(apiUrl, token, 'POST', '/api/admin/products', {
      name: `Manual tee ${p}`,
      description: `Organic cotton tee number ${p} & friends.`,
      price: 1000,
    });
    await adminCall(apiUrl, token, 'PUT', `/api/admin/products/${product.id}/variants`, {
      options: [{ name: 'Size', values: SIZES }],
      variants: SIZES.map((size, s) => ({ sku: `MT-${p}-${size}`, optionValues: [size], price: 1000 + s, stock: 5 })),
    });
  }
  return (performance.now() - started) / 1_000;
}

async function main() {
  const { values } = parseArgs({
    options: { products: { type: 'string', default: '2500' }, baseline: { type: 'string', default: '250' } },
  });
  const productCount = Number(values.products);
  const baselineCount = Number(values.baseline);
  const started = new Date();
  const step = stepLogger(started);
  const loadBefore = loadAverage();
  const cleanup = new Cleanup();
  try {
    const redis = cleanup.add(await startRedisServer(), 'redis-server', (server) => server.stop());
    const engine = cleanup.add(await startEngineProcess(), 'embedded engine', (server) => server.stop());
    const mongoUri = `${engine.uri}/bench_import`;
    const client = cleanup.add(new MongoClient(mongoUri, { socketTimeoutMS: 0 }), 'driver', (driver) => driver.close());
    const db = client.db();
    const jwtSecret = randomBytes(48).toString('base64');
    step('starting the API…');
    const api = cleanup.add(
      await startApiProcess({ name: 'api', mongoUri, redisUrl: redis.url, env: { JWT_SECRET: jwtSecret } }),
      'api',
      (p) => p.stop(),
    );
    const [admin] = await createShoppers(db, jwtSecret, 1, 'admin');
    const token = admin?.token ?? '';
    const csv = shopifyCsv(productCount);
    const variants = productCount * SIZES.length;
    const mib = (Buffer.byteLength(csv) / 2 ** 20).toFixed(1);
    step(`file: ${productCount} products, ${variants} variants, ${mib} MiB`);

    const runs: [string, Awaited<ReturnType<typeof importCsv>>][] = [];
    const measure = async (label: string, file: string, dryRun: boolean) => {
      step(`${label}…`);
      const result = await importCsv(api.url, token, file, dryRun);
      step(`${label}: ${result.seconds.toFixed(1)} s ${JSON.stringify(result.products)}`);
      runs.push([label, result]);
    };
    await measure('dry run, empty catalogue (all would be created)', csv, true);
    const written = await db.collection('products').countDocuments();
    await measure('apply (all created)', csv, false);
    await measure('apply the same file again (all unchanged)', csv, false);
    await measure('apply with every variant’s stock changed (all updated)', shopifyCsv(productCount, 3), false);
    if (written !== 0) throw new Error('the dry run wrote products');

    step(`baseline: ${baselineCount} products one by one through the admin API…`);
    const manualSeconds = await oneByOne(api.url, token, baselineCount);
    step('baseline: raw insertMany of the imported documents…');
    const docs = await db
      .collection('products')
      .find({ slug: /^bench-tee-/ })
      .toArray();
    const copy = db.collection('products_copy');
    const rawStarted = performance.now();
    for (let start = 0; start < docs.length; start += 500) await copy.insertMany(docs.slice(start, start + 500));
    const rawSeconds = (performance.now() - rawStarted) / 1_000;

    const perProduct = manualSeconds / baselineCount;
    const rows = runs.map(([label, result]) => [
      label,
      `${result.seconds.toFixed(1)} s`,
      `${Math.round(variants / result.seconds)}`,
      Object.entries(result.products)
        .filter(([, count]) => count > 0)
        .map(([key, count]) => `${key} ${count}`)
        .join(', '),
      String(result.errors),
    ]);
    rows.push([
      `baseline: admin API one by one (${baselineCount} products measured, × ${productCount / baselineCount})`,
      `${(perProduct * productCount).toFixed(1)} s`,
      `${Math.round((baselineCount * SIZES.length) / manualSeconds)}`,
      `${(perProduct * 1000).toFixed(0)} ms per product`,
      '',
    ]);
    rows.push([
      'floor: raw insertMany of the same documents (no parsing, checks, audit)',
      `${rawSeconds.toFixed(1)} s`,
      `${Math.round(variants / rawSeconds)}`,
      '',
      '',
    ]);
    const applySeconds = runs[1]?.[1].seconds ?? Number.NaN;
    const markdown = `# Catalogue CSV import benchmark

\`npm run bench:import -- --products ${productCount} --baseline ${baselineCount}\` (${started.toISOString()})

Machine: ${describeMachine()}  
Load average before: ${loadBefore}; after: ${loadAverage()}

A Shopify product CSV of ${productCount.toLocaleString('en-US')} products × ${SIZES.length} sizes = ${variants.toLocaleString('en-US')} variants (${mib} MiB: decimal prices, HTML bodies, one image URL per product, reported not fetched), uploaded as multipart to \`POST /api/admin/catalog/import\` of the API as its own process (NODE_ENV=production) on the embedded engine and redis-server. Each time is the whole request: upload, streamed parse, planning against the catalogue, writes, audit, report.

${markdownTable(['run', 'time', 'variants/s', 'products', 'errors'], rows, ['left', 'right', 'right', 'left', 'right'])}

Goal: a 10,000-variant file applied in under ${GOAL_SECONDS} s — ${applySeconds < GOAL_SECONDS ? 'met' : 'NOT met'} (${applySeconds.toFixed(1)} s).
`;
    console.log(`\n${markdown}`);
    await writeResults(repoPath('bench/results/import.md'), markdown);
  } finally {
    await cleanup.run();
  }
}

await main();
