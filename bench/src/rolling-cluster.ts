import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@mercato/testkit';
import { waitForUpstreams } from '../../scripts/src/lib/haproxy.js';
import type { RuntimeInfo } from '../../scripts/src/lib/runtime.js';
import { repoPath } from './support/repo-paths.js';

/** `npm run start:cluster` started by the benchmark, and what it published about itself. */
export interface BenchCluster {
  proxyUrl: string;
  statsPort: number;
  runtime(): RuntimeInfo & { cluster: NonNullable<RuntimeInfo['cluster']> };
  secrets: { JWT_SECRET: string };
  /** Sends `signal` to one instance and waits until the launcher has it back and HAProxy reports it UP. */
  bounce(name: string, signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The very launcher a user runs (scripts/src/start-cluster.ts), with its data in a temporary directory and the
 * proxy on a free port, so the benchmark restarts instances the way an operator would: a signal to a pid, and the
 * launcher starts the instance again. MERCATO_SKIP_BUILD=1 in the environment skips its build step.
 */
export async function startBenchCluster(instances: number): Promise<BenchCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mercato-rolling-'));
  const port = await freePort();
  const child = spawn(
    repoPath('node_modules/.bin/tsx'),
    [repoPath('scripts/src/start-cluster.ts'), '--instances', String(instances)],
    {
      cwd: repoPath(),
      env: { ...process.env, MERCATO_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await until(
    () => output.includes('Press Ctrl-C'),
    child,
    () => output,
    600_000,
  );

  const runtime = () =>
    JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as ReturnType<BenchCluster['runtime']>;
  const { statsPort, proxyUrl } = runtime().cluster;
  const pidOf = (name: string) => runtime().cluster.instances.find((instance) => instance.name === name)?.pid ?? 0;
  return {
    proxyUrl,
    statsPort,
    runtime,
    secrets: JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { JWT_SECRET: string },
    async bounce(name, signal) {
      const before = pidOf(name);
      process.kill(before, signal);
      await until(
        () => pidOf(name) !== before,
        child,
        () => output,
        120_000,
      );
      await waitForUpstreams(statsPort, { [name]: 'UP' }, 60_000);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-(child.pid ?? 0), 'SIGINT');
      await exited;
    },
  };
}

async function until(check: () => boolean, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`the cluster launcher exited:\n${output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for the cluster:\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
