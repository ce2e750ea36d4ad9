import { freePort } from '@mercato/testkit';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { upstreamStates } from './lib/haproxy.js';
import { spawnLauncher, type Launched } from './lib/launch.test-support.js';
import { ROOT } from './lib/paths.js';
import { descendantsOf, stillRunning } from './lib/process-tree.test-support.js';
import type { RuntimeInfo } from './lib/runtime.js';

/**
 * `npm run start:cluster` as a person runs it (the built API, as `npm test` leaves it after its type-check step):
 * it comes up behind HAProxy, restarts an instance killed outright while the proxy keeps answering, and Ctrl-C
 * leaves no process behind. Deadlines are generous: on a loaded 2-core machine the start alone can take a minute.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'mercato-cluster-'));
let launcher: Launched | undefined;
afterAll(async () => {
  // A failed assertion must not leave a cluster running on a data directory that is about to disappear.
  if (launcher && launcher.child.exitCode === null && launcher.child.signalCode === null) {
    process.kill(-(launcher.child.pid ?? 0), 'SIGINT');
    await launcher.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const runtime = () => JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as RuntimeInfo;
const instancePid = (name: string) => runtime().cluster?.instances.find((instance) => instance.name === name)?.pid;
const statusOf = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(10_000) }).then(
    (response) => response.status,
    (error: Error) => `${error.name}: ${(error.cause as { code?: string } | undefined)?.code ?? error.message}`,
  );

describe('npm run start:cluster', () => {
  it(
    'when started with two instances, then the proxy answers, an instance killed with SIGKILL is started again while the proxy keeps answering, and Ctrl-C leaves nothing running',
    { timeout: 300_000 },
    async () => {
      expect(existsSync(join(ROOT, 'apps/api/dist/server.js')), 'build first: npx tsc -b').toBe(true);
      const port = await freePort();
      launcher = spawnLauncher('start-cluster.ts', ['--instances', '2'], { port, dataDir });
      const { child, exited, output: printed } = launcher;

      await expect.poll(printed, { timeout: 240_000, interval: 500 }).toMatch(/Mercato is running|✘/);
      const output = printed();
      expect(output, output).toMatch(/cluster of 2 API instances behind HAProxy/);
      const proxyUrl = /\(proxy (http:\/\/[^)\s]+)\)/.exec(output)?.[1] ?? '';
      expect(proxyUrl).toBe(`http://127.0.0.1:${port}`);
      expect(await statusOf(`${proxyUrl}/api/ready`)).toBe(200);
      const { statsPort = 0, instances = [] } = runtime().cluster ?? {};
      expect(instances.map((instance) => instance.name)).toEqual(['api1', 'api2']);
      const started = descendantsOf(child.pid ?? 0);
      const commands = started.map((service) => service.command);
      expect(commands, commands.join()).toEqual(expect.arrayContaining(['haproxy', 'redis-server']));
      expect(started.map((service) => service.pid)).toEqual(
        expect.arrayContaining(instances.map((instance) => instance.pid)),
      );

      // The proxy is asked all along, one request at a time, from before the kill until api1 is back in rotation.
      const answers: (number | string)[] = [];
      let isProbing = true;
      const probing = (async () => {
        while (isProbing) {
          answers.push(await statusOf(`${proxyUrl}/api/ready`));
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const killed = instances[0]!.pid;
      process.kill(killed, 'SIGKILL');

      await expect.poll(() => instancePid('api1'), { timeout: 120_000, interval: 250 }).not.toBe(killed);
      expect(printed()).toMatch(/api1 exited \(code null\); starting it again on port/);
      expect(await statusOf(`http://127.0.0.1:${instances[0]!.port}/api/ready`)).toBe(200);
      await expect
        .poll(async () => Object.fromEntries(await upstreamStates(statsPort)), { timeout: 60_000, interval: 250 })
        .toEqual({ api1: 'UP', api2: 'UP' });
      isProbing = false;
      await probing;
      expect(answers.filter((answer) => answer !== 200)).toEqual([]);
      expect(answers.length).toBeGreaterThan(5);

      const running = [...started, ...descendantsOf(child.pid ?? 0)];
      process.kill(-(child.pid ?? 0), 'SIGINT');
      expect(await exited).toBe(0);
      expect(printed()).toMatch(/Stopped\./);
      expect(printed()).not.toMatch(/stopped unexpectedly/);
      await expect.poll(() => stillRunning(running), { timeout: 30_000 }).toEqual([]);
    },
  );
});
