import { freePort } from '@mercato/testkit';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  haproxyCommand,
  upstreamStats,
  waitForUpstreams,
  writeHaproxyConfig,
} from '../../../../scripts/src/lib/haproxy.js';

export interface TestProxy {
  /** The shop through HAProxy, e.g. http://127.0.0.1:41234 */
  url: string;
  statsPort: number;
  /** Waits until HAProxy reports these instances in these states (e.g. `{ api2: 'DOWN' }`). */
  waitFor(states: Record<string, string>, timeoutMs?: number): Promise<void>;
  /** HAProxy's counters for the backend and each instance (requests, 5xx, retries, redispatches). */
  stats(): ReturnType<typeof upstreamStats>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real HAProxy (Debian's `haproxy`, installed by `npm test` through system-deps) in front of the given instances,
 * with the very configuration `npm run start:cluster` uses (scripts/src/lib/haproxy.ts); returns once it reports
 * every instance UP. `haproxy -c` is implied: HAProxy refuses to start on an invalid configuration.
 */
export async function startProxy(instances: { name: string; port: number }[]): Promise<TestProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'mercato-haproxy-'));
  const [port, statsPort] = [await freePort(), await freePort()];
  const config = writeHaproxyConfig(dir, { port, statsPort, upstreams: instances, checkIntervalMs: 200 });
  const [command = 'haproxy', ...args] = haproxyCommand(config);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`haproxy did not start (${error.message}): apt-get install haproxy`)),
    ),
  );
  const waitFor = (states: Record<string, string>, timeoutMs = 15_000) =>
    waitForUpstreams(statsPort, states, timeoutMs);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitFor(Object.fromEntries(instances.map(({ name }) => [name, 'UP']))), spawnFailed]);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    statsPort,
    waitFor,
    stats: () => upstreamStats(statsPort),
    output: () => output,
    stop,
  };
}

/**
 * A JSON POST sent from another loopback address (127.0.0.2, 127.0.0.3, …; all of 127/8 is local on Linux), so the
 * proxy sees a client other than the tests' 127.0.0.1, as a shop sees two shoppers. Resolves with the status.
 */
export function postFrom(
  localAddress: string,
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(path, url),
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.once('error', reject);
    outgoing.end(payload);
  });
}
