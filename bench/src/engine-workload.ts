import type { Document } from 'mongodb';

/** Shared shape of the benchmark documents: a small product record. */
export interface BenchProduct extends Document {
  _id: number;
  sku: string;
  category: string;
  price: number;
  stock: number;
  tags: string[];
  createdAt: Date;
}

export const CATEGORIES = [
  'kitchen',
  'apparel',
  'garden',
  'toys',
  'books',
  'audio',
  'office',
  'sport',
  'beauty',
  'pets',
];

/** Deterministic product number `i` (same data for the engine and the baseline). */
export function makeProduct(i: number): BenchProduct {
  return {
    _id: i,
    sku: `SKU-${String(i).padStart(7, '0')}`,
    category: CATEGORIES[i % CATEGORIES.length] as string,
    price: ((i * 7919) % 50_000) + 100,
    stock: (i * 31) % 200,
    tags: [`t${i % 17}`, `t${i % 5}`],
    createdAt: new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000),
  };
}

/** A cheap deterministic pseudo-random sequence (so runs are comparable). */
export function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Runs `op` `count` times with `concurrency` in flight and returns operations per second. */
export async function opsPerSecond(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown> | unknown,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await op(i);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/** Formats ops/s with thousands separators. */
export function formatRate(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

/** Runs a measurement several times and keeps the best rate (the machine is shared, so slow runs are noise). */
export async function bestOf(runs: number, measure: () => Promise<number>): Promise<number> {
  let best = 0;
  for (let i = 0; i < runs; i++) best = Math.max(best, await measure());
  return best;
}

/** CPU time (user + system, microseconds) this process spends per operation: steadier than wall time on a busy host. */
export async function cpuMicrosPerOp(count: number, op: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await op(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

/** The lowest of several CPU-per-op measurements. */
export async function lowestOf(runs: number, measure: () => Promise<number>): Promise<number> {
  let lowest = Infinity;
  for (let i = 0; i < runs; i++) lowest = Math.min(lowest, await measure());
  return lowest;
}
