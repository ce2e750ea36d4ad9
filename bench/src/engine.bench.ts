// Embedded MongoDB engine benchmark: `npm run bench:engine`. Not a test: it prints figures and writes
// bench/results/engine.md. Every engine figure goes through the official driver over TCP; the baseline does the same
// work on plain in-process JS structures (Map/array), to show the cost of the wire + BSON + query engine.
// `-- --compare <checkout>` (repeatable) also measures lookups against the engine of other checkouts of this
// repository (worktrees of older commits) in the same run, the first one named being the reference: see
// engine-compare.ts.
import { execFileSync } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MongoClient, type Collection } from 'mongodb';
import { startEmbeddedMongo } from '@mercato/embedded-mongo';
import {
  CATEGORIES,
  bestOf,
  cpuMicrosPerOp,
  lowestOf,
  formatRate,
  makeProduct,
  opsPerSecond,
  sequence,
  type BenchProduct,
} from './engine-workload.js';
import { compareLookups, type Checkout, type LookupFigures } from './engine-compare.js';
import { REPO_ROOT } from './support/repo-paths.js';

const SIZE = 10_000;
const LOOKUPS = 3_000;
const QUERIES = 300;
const SCALES = [1_000, 10_000, 100_000];
const RUNS = 3;

interface Row {
  operation: string;
  engine: number;
  baseline: number;
}

async function fill(coll: Collection<BenchProduct>, count: number): Promise<void> {
  for (let start = 0; start < count; start += 5_000) {
    const batch = Array.from({ length: Math.min(5_000, count - start) }, (_, i) => makeProduct(start + i));
    await coll.insertMany(batch, { ordered: false });
  }
  await coll.createIndex({ sku: 1 }, { unique: true });
  await coll.createIndex({ category: 1 });
}

function baselineStore(count: number) {
  const byId = new Map<number, BenchProduct>();
  const bySku = new Map<string, BenchProduct>();
  const all: BenchProduct[] = [];
  for (let i = 0; i < count; i++) {
    const doc = makeProduct(i);
    byId.set(doc._id, doc);
    bySku.set(doc.sku, doc);
    all.push(doc);
  }
  return { byId, bySku, all };
}

async function compare(coll: Collection<BenchProduct>): Promise<Row[]> {
  const rows: Row[] = [];
  const base = baselineStore(SIZE);
  const random = sequence(42);
  const pick = () => Math.floor(random() * SIZE);
  const category = () => CATEGORIES[Math.floor(random() * CATEGORIES.length)] as string;
  // Inserts go to a separate collection so the 10,000-document collection stays the same size for the reads.
  const inserts = coll.db.collection<BenchProduct>('inserts');
  const insertMap = new Map<number, BenchProduct>();
  let nextId = 1_000_000;
  const measure = async (
    operation: string,
    count: number,
    concurrency: number,
    engine: () => unknown,
    baseline: () => unknown,
  ) => {
    rows.push({
      operation,
      engine: await bestOf(RUNS, () => opsPerSecond(count, concurrency, engine)),
      baseline: await bestOf(RUNS, () => opsPerSecond(count, concurrency, baseline)),
    });
  };

  await measure(
    'insertOne, 1 client in sequence (each waits for fsync)',
    300,
    1,
    () => inserts.insertOne(makeProduct(nextId++)),
    () => insertMap.set(nextId, makeProduct(nextId++)),
  );
  await measure(
    'insertOne, 64 concurrent (group commit)',
    3_000,
    64,
    () => inserts.insertOne(makeProduct(nextId++)),
    () => insertMap.set(nextId, makeProduct(nextId++)),
  );
  await measure(
    'find by _id',
    LOOKUPS,
    1,
    () => coll.findOne({ _id: pick() }),
    () => structuredClone(base.byId.get(pick())),
  );
  await measure(
    'find by unique field (sku)',
    LOOKUPS,
    1,
    () => coll.findOne({ sku: makeProduct(pick()).sku }),
    () => structuredClone(base.bySku.get(makeProduct(pick()).sku)),
  );
  await measure(
    'filter (category + price range) + sort + limit 20',
    QUERIES,
    1,
    () =>
      coll
        .find({ category: category(), price: { $gte: 10_000 } })
        .sort({ price: -1 })
        .limit(20)
        .toArray(),
    () => {
      const c = category();
      return structuredClone(
        base.all
          .filter((d) => d.category === c && d.price >= 10_000)
          .sort((a, b) => b.price - a.price)
          .slice(0, 20),
      );
    },
  );
  await measure(
    '$match (price range) + $group by category',
    QUERIES,
    1,
    () =>
      coll
        .aggregate([
          { $match: { price: { $gte: 20_000 } } },
          { $group: { _id: '$category', revenue: { $sum: '$price' }, units: { $sum: '$stock' } } },
        ])
        .toArray(),
    () => {
      const groups = new Map<string, { revenue: number; units: number }>();
      for (const d of base.all) {
        if (d.price < 20_000) continue;
        const g = groups.get(d.category) ?? { revenue: 0, units: 0 };
        g.revenue += d.price;
        g.units += d.stock;
        groups.set(d.category, g);
      }
      return structuredClone([...groups]);
    },
  );
  return rows;
}

interface ScaleRow {
  size: number;
  byId: number;
  bySku: number;
  byIdCpu: number;
  bySkuCpu: number;
  scan: number;
}

async function scaling(client: MongoClient): Promise<ScaleRow[]> {
  const results: ScaleRow[] = [];
  for (const size of SCALES) {
    const coll = client.db('bench').collection<BenchProduct>(`scale_${size}`);
    await fill(coll, size);
    const random = sequence(size);
    const pick = () => Math.floor(random() * size);
    const byIdOp = () => coll.findOne({ _id: pick() });
    const bySkuOp = () => coll.findOne({ sku: makeProduct(pick()).sku });
    await opsPerSecond(500, 1, byIdOp);
    results.push({
      size,
      byId: await bestOf(RUNS, () => opsPerSecond(LOOKUPS, 1, byIdOp)),
      bySku: await bestOf(RUNS, () => opsPerSecond(LOOKUPS, 1, bySkuOp)),
      byIdCpu: await lowestOf(RUNS, () => cpuMicrosPerOp(LOOKUPS, byIdOp)),
      bySkuCpu: await lowestOf(RUNS, () => cpuMicrosPerOp(LOOKUPS, bySkuOp)),
      // For contrast: the same lookup on a field without an index has to scan.
      scan: await opsPerSecond(size >= 100_000 ? 20 : 100, 1, () => coll.findOne({ stock: 100_000 + pick() })),
    });
    await coll.drop();
  }
  return results;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      compare: { type: 'string', multiple: true, default: [] },
      rounds: { type: 'string', default: '9' },
      processes: { type: 'string', default: '3' },
    },
  });
  const rounds = Number(values.rounds);
  const processes = Number(values.processes);
  if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(processes) || processes < 1) {
    throw new Error('usage: engine.bench.ts [--compare <checkout>]... [--rounds <n>] [--processes <n>]');
  }
  return { compare: values.compare.map((dir) => resolve(dir)), rounds, processes };
}

/** A checkout named by its commit (and `+ changes` when its engine has uncommitted ones). */
function describeCheckout(dir: string): string {
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
  const changed = git('status', '--porcelain', '--', 'packages/embedded-mongo') !== '';
  return `${git('log', '-1', '--format=%h %cs')}${changed ? ' + changes' : ''}`;
}

const COMPARE_ROUNDS_NOTE = [
  "Each engine runs in processes of its own (engine and driver in one process, as above; this checkout's driver and",
  'workload for both), which take turns round after round, the order reversed every other round. A figure is the median',
  'over the rounds of the processes\' mean; "× reference" is the median of the per-round ratio to the reference\'s CPU',
  "time, which moves least with the machine's load (two processes of one checkout differ by up to ~3% on this machine).",
];

function comparisonSection(figures: LookupFigures[], rounds: number, processes: number, count: number): string[] {
  return [
    '## Lookups against another engine, same run (µs per lookup, lower is better)',
    '',
    `${rounds} rounds × ${processes} processes per engine × ${count.toLocaleString('en-US')} lookups of each kind, on a ${SIZE.toLocaleString('en-US')}-document collection.`,
    ...COMPARE_ROUNDS_NOTE,
    '',
    '| Engine | find by _id: µs/round trip | _id: CPU µs/lookup | _id: × reference | find by sku: µs/round trip | sku: CPU µs/lookup | sku: × reference |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...figures.map(
      (f) =>
        `| ${f.label} | ${f.idWall.toFixed(0)} | ${f.idCpu.toFixed(0)} | ${f.idCpuRatio.toFixed(2)} | ${f.skuWall.toFixed(0)} | ${f.skuCpu.toFixed(0)} | ${f.skuCpuRatio.toFixed(2)} |`,
    ),
    '',
  ];
}

function machine(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, Node ${process.version}; load average at start ${load} (shared machine)`;
}

async function main(): Promise<void> {
  const options = readOptions();
  const machineLine = machine();
  let comparison: string[] = [];
  if (options.compare.length > 0) {
    // First, on a machine not yet busy with the rest of the benchmark. The first checkout named is the reference.
    const checkouts: Checkout[] = [
      ...options.compare.map((dir, i) => ({ label: `${i === 0 ? 'reference: ' : ''}${describeCheckout(dir)}`, dir })),
      { label: `this checkout: ${describeCheckout(REPO_ROOT)}`, dir: REPO_ROOT },
    ];
    const count = 2_000;
    const figures = await compareLookups(checkouts, {
      rounds: options.rounds,
      processes: options.processes,
      count,
      size: SIZE,
    });
    comparison = comparisonSection(figures, options.rounds, options.processes, count);
  }
  const engine = await startEmbeddedMongo();
  const client = new MongoClient(`${engine.uri}/bench`, { maxPoolSize: 64 });
  try {
    await client.connect();
    const coll = client.db('bench').collection<BenchProduct>('products');
    await fill(coll, SIZE);
    await opsPerSecond(300, 1, (i) => coll.findOne({ _id: i }));
    const rows = await compare(coll);
    const scale = await scaling(client);

    const lines = [
      '# Embedded MongoDB engine benchmark',
      '',
      `Run: ${new Date().toISOString()}  `,
      `Machine: ${machineLine}  `,
      'Engine and driver run in the same Node process (one event loop); every engine figure is a full round trip through',
      'the official `mongodb` driver over TCP (BSON encode/decode, command dispatch, journal fsync for writes). The',
      'baseline does the same work on in-process JS structures and returns a copy (structuredClone), as a driver would.',
      `Each figure is the best of ${RUNS} runs.`,
      '',
      `## Operations on a ${SIZE.toLocaleString('en-US')}-document collection (ops/s, higher is better)`,
      '',
      '| Operation | Engine via driver | JS Map/array baseline |',
      '| --- | ---: | ---: |',
      ...rows.map((r) => `| ${r.operation} | ${formatRate(r.engine)} | ${formatRate(r.baseline)} |`),
      '',
      '## Lookups as the collection grows (ops/s through the driver)',
      '',
      'Wall-clock ops/s depend on what else the machine runs; the CPU time this process (driver + engine) spends per',
      'lookup does not, and is the flatness check.',
      '',
      '| Documents | find by _id (ops/s) | find by unique sku (ops/s) | _id: CPU µs/lookup | sku: CPU µs/lookup | unindexed field, scan (ops/s, for contrast) |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
      ...scale.map(
        (s) =>
          `| ${s.size.toLocaleString('en-US')} | ${formatRate(s.byId)} | ${formatRate(s.bySku)} | ${s.byIdCpu.toFixed(0)} | ${s.bySkuCpu.toFixed(0)} | ${formatRate(s.scan)} |`,
      ),
      '',
      ...comparison,
    ];
    const report = lines.join('\n');
    console.log(report);
    const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'engine.md');
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, report);
    console.log(`written to ${out}`);
  } finally {
    await client.close();
    await engine.stop();
  }
}

await main();
