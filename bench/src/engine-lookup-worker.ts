// One engine checkout's lookups, in a process of its own (forked by engine-compare.ts): starts the engine of the
// checkout named by argv[2] in this process, fills a collection through the official driver, then measures lookups
// when the parent asks, so two checkouts can take turns in one run without sharing a process, a JIT or a driver.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { makeProduct, sequence, type BenchProduct } from './engine-workload.js';

/** What the parent sends: measure `count` lookups of one kind. */
export interface LookupRequest {
  kind: 'id' | 'sku';
  count: number;
}

/** What the worker answers: wall-clock and process CPU time per lookup (driver + engine), in microseconds. */
export interface LookupResult {
  wallMicros: number;
  cpuMicros: number;
}

const checkout = process.argv[2];
const size = Number(process.argv[3] ?? 10_000);
if (!checkout || !process.send) throw new Error('usage: forked with <engine checkout> [documents]');

type StartEngine = () => Promise<{ uri: string; stop(): Promise<void> }>;
const entry = pathToFileURL(join(checkout, 'packages/embedded-mongo/src/index.ts')).href;
const { startEmbeddedMongo } = (await import(entry)) as { startEmbeddedMongo: StartEngine };
const engine = await startEmbeddedMongo();
const client = new MongoClient(`${engine.uri}/bench`);
await client.connect();
const coll = client.db('bench').collection<BenchProduct>('products');
for (let start = 0; start < size; start += 5_000) {
  const batch = Array.from({ length: Math.min(5_000, size - start) }, (_, i) => makeProduct(start + i));
  await coll.insertMany(batch, { ordered: false });
}
await coll.createIndex({ sku: 1 }, { unique: true });
const random = sequence(size);
const pick = () => Math.floor(random() * size);
const lookups = {
  id: () => coll.findOne({ _id: pick() }),
  sku: () => coll.findOne({ sku: makeProduct(pick()).sku }),
};
for (let i = 0; i < 500; i++) await lookups.id();
for (let i = 0; i < 500; i++) await lookups.sku();

process.on('message', (message: LookupRequest | 'stop') => {
  if (message === 'stop') {
    void client
      .close()
      .then(() => engine.stop())
      .then(() => process.exit(0));
    return;
  }
  void (async () => {
    const op = lookups[message.kind];
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let i = 0; i < message.count; i++) await op();
    const used = process.cpuUsage(cpu);
    const wall = Number(process.hrtime.bigint() - started) / 1e3;
    const result: LookupResult = {
      wallMicros: wall / message.count,
      cpuMicros: (used.user + used.system) / message.count,
    };
    process.send?.(result);
  })();
});
process.send('ready');
