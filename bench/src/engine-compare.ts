// Same-run lookup comparison of engine checkouts (`npm run bench:engine -- --compare <checkout>`): each checkout's
// engine and a driver run in a forked process of their own (engine-lookup-worker.ts), and the processes take turns
// round after round, so a burst of other work on the shared machine spoils one round of one checkout, not a figure.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LookupRequest, LookupResult } from './engine-lookup-worker.js';
import { median } from './support/load.js';

/** A checkout of the repository whose engine is measured (its `packages/embedded-mongo/src`). */
export interface Checkout {
  label: string;
  dir: string;
}

/** Medians over the rounds, in microseconds per lookup. */
export interface LookupFigures {
  label: string;
  idWall: number;
  idCpu: number;
  skuWall: number;
  skuCpu: number;
  /**
   * CPU per lookup as a multiple of the first checkout's in the same round (the median of those ratios): two
   * checkouts measured back to back share the machine's state, so this moves less than either figure alone.
   */
  idCpuRatio: number;
  skuCpuRatio: number;
}

export interface CompareOptions {
  rounds: number;
  /** Lookups of each kind per round. */
  count: number;
  /** Documents in the collection. */
  size: number;
  /**
   * Processes per checkout. One process can be a few percent faster or slower than another running the same code
   * (where its heap and code landed): with several, that evens out instead of passing for a difference of the code.
   */
  processes: number;
}

interface Worker {
  checkout: Checkout;
  child: ChildProcess;
  ask(request: LookupRequest): Promise<LookupResult>;
}

function startWorker(checkout: Checkout, size: number): Promise<Worker> {
  const entry = fileURLToPath(new URL('./engine-lookup-worker.ts', import.meta.url));
  const child = fork(entry, [checkout.dir, String(size)], {
    execArgv: ['--import', 'tsx', '--conditions=source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${checkout.label}: worker exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  return next().then(() => ({
    checkout,
    child,
    ask(request) {
      const answer = next() as Promise<LookupResult>;
      child.send(request);
      return answer;
    },
  }));
}

interface Samples {
  idWall: number[];
  idCpu: number[];
  skuWall: number[];
  skuCpu: number[];
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Runs find-by-_id and find-by-unique-sku lookups against each checkout's engine, in `processes` processes per
 * checkout that take turns (the order reversed every other round), and returns per checkout the median over the
 * rounds of its processes' mean wall time and CPU time per lookup, and the median of its CPU time as a multiple of the
 * first checkout's in the same round.
 */
export async function compareLookups(checkouts: Checkout[], options: CompareOptions): Promise<LookupFigures[]> {
  const workers: Worker[] = [];
  try {
    // One at a time: filling the collections is the heavy part, and they should not compete for the cores.
    for (let p = 0; p < options.processes; p++) {
      for (const checkout of checkouts) workers.push(await startWorker(checkout, options.size));
    }
    const perCheckout: Samples[] = checkouts.map(() => ({ idWall: [], idCpu: [], skuWall: [], skuCpu: [] }));
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? [...workers] : [...workers].reverse();
      const thisRound = new Map<Checkout, Samples>(
        checkouts.map((checkout) => [checkout, { idWall: [], idCpu: [], skuWall: [], skuCpu: [] }]),
      );
      for (const worker of order) {
        const byId = await worker.ask({ kind: 'id', count: options.count });
        const bySku = await worker.ask({ kind: 'sku', count: options.count });
        const sample = thisRound.get(worker.checkout) as Samples;
        sample.idWall.push(byId.wallMicros);
        sample.idCpu.push(byId.cpuMicros);
        sample.skuWall.push(bySku.wallMicros);
        sample.skuCpu.push(bySku.cpuMicros);
      }
      checkouts.forEach((checkout, c) => {
        const sample = thisRound.get(checkout) as Samples;
        const into = perCheckout[c] as Samples;
        into.idWall.push(mean(sample.idWall));
        into.idCpu.push(mean(sample.idCpu));
        into.skuWall.push(mean(sample.skuWall));
        into.skuCpu.push(mean(sample.skuCpu));
      });
    }
    const first = perCheckout[0] as Samples;
    const ratios = (values: number[], reference: number[]) =>
      median(values.map((v, i) => v / (reference[i] as number)));
    return checkouts.map((checkout, c) => {
      const sample = perCheckout[c] as Samples;
      return {
        label: checkout.label,
        idWall: median(sample.idWall),
        idCpu: median(sample.idCpu),
        skuWall: median(sample.skuWall),
        skuCpu: median(sample.skuCpu),
        idCpuRatio: ratios(sample.idCpu, first.idCpu),
        skuCpuRatio: ratios(sample.skuCpu, first.skuCpu),
      };
    });
  } finally {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.child.exitCode !== null) return resolve();
            worker.child.once('exit', () => resolve());
            worker.child.send('stop');
            setTimeout(() => worker.child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
  }
}
