import { startEmbeddedMongo, type EmbeddedMongo } from '@mercato/embedded-mongo';
import { freePort } from '@mercato/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runEntry, type EntryProcess } from '../test-support/process.test-support.js';
import { startProxy, type TestProxy } from '../test-support/proxy.test-support.js';

/**
 * The rolling restart at small scale, with real processes: two API instances (`server.ts`, as the launcher runs
 * them) behind HAProxy, reads flowing through the proxy while each instance in turn gets SIGTERM and a new process
 * takes its port. With the drain (readiness fails before the server closes) not one read may fail.
 */
const DRAIN_MS = 1_000;

let engine: EmbeddedMongo;
let proxy: TestProxy | undefined;
const running = new Map<string, EntryProcess>();
const ports = new Map<string, number>();

beforeAll(async () => {
  engine = await startEmbeddedMongo();
  for (const name of ['api1', 'api2']) ports.set(name, await freePort());
  await Promise.all([...ports.keys()].map((name) => start(name)));
  proxy = await startProxy([...ports].map(([name, port]) => ({ name, port })));
});
afterAll(async () => {
  await proxy?.stop();
  for (const server of running.values()) server.child.kill('SIGKILL');
  await engine.stop();
});

async function start(name: string): Promise<void> {
  const port = ports.get(name)!;
  const server = runEntry('server.ts', {
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: `${engine.uri}/rolling_restart`,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: 'rolling-restart:',
      STRIPE_SECRET_KEY: 'sk_test_unused',
      RUN_WORKER: 'false',
      RATE_LIMIT_MAX: '1000000',
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      LOG_LEVEL: 'warn',
    },
  });
  running.set(name, server);
  const deadline = Date.now() + 60_000;
  while ((await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`${name} not ready:\n${server.output().stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('rolling restart behind HAProxy', () => {
  it('when each instance in turn gets SIGTERM and is started again, then no request through the proxy fails', async () => {
    const failures: string[] = [];
    let requests = 0;
    let isLoading = true;
    const paths = ['/api/products', '/api/categories', '/api/store', '/api/health'];
    const load = Promise.all(
      Array.from({ length: 4 }, async (_, worker) => {
        for (let turn = worker; isLoading; turn++) {
          // Every fourth request is a POST, which the proxy never replays: only the drain keeps it from failing.
          const isPost = turn % 4 === 3;
          const path = isPost ? '/api/auth/refresh' : paths[turn % paths.length]!;
          requests += 1;
          const status = await fetch(`${proxy!.url}${path}`, { method: isPost ? 'POST' : 'GET' }).then(
            async (response) => (await response.arrayBuffer(), response.status),
            (error: Error) => error.message,
          );
          // The POST carries no refresh cookie: a 4xx is its right answer; a 5xx or no answer is a failure.
          if (typeof status !== 'number' || status >= 500 || (!isPost && status !== 200))
            failures.push(`${path}: ${status}`);
        }
      }),
    );

    for (const name of ports.keys()) {
      const server = running.get(name)!;
      server.child.kill('SIGTERM');
      await proxy!.waitFor({ [name]: 'DOWN' });
      expect(await server.exited).toBe(0);
      await start(name);
      await proxy!.waitFor({ [name]: 'UP' });
    }
    isLoading = false;
    await load;

    expect(requests).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});
