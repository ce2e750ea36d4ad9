import { freePort } from '@mercato/testkit';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './lib/paths.js';

const dataDir = mkdtempSync(join(tmpdir(), 'mercato-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm start`'s launcher (after `npm test` built everything) until it prints its summary. */
async function launch(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/src/start.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      MERCATO_DATA_DIR: dataDir,
      MERCATO_SKIP_BUILD: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await expect.poll(() => output, { timeout: 240_000, interval: 500 }).toMatch(/Mercato is running|✘/);
  expect(output, output).toMatch(/Mercato is running/);
  // Every service the launcher started, to check afterwards that none is left behind.
  const children = spawnSync('pgrep', ['-P', String(child.pid)])
    .stdout.toString()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number);
  return { child, exited, output: () => output, children };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it(
    'when started on a fresh data directory, then the shop and API answer, Ctrl-C leaves nothing running, and a restart keeps the data',
    { timeout: 600_000 },
    async () => {
      const port = await freePort();
      const first = await launch(port);
      expect(first.output()).toMatch(/Demo data created/);
      expect(first.output()).toMatch(/admin@mercato\.local/);
      expect(first.children.length).toBeGreaterThanOrEqual(4);

      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<div id="root">');
      expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);
      const products = (await (await fetch(`http://127.0.0.1:${port}/api/products?pageSize=1`)).json()) as {
        pageInfo: { total: number };
      };
      expect(products.pageInfo.total).toBeGreaterThanOrEqual(60);

      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      await expect.poll(() => first.children.filter(isAlive), { timeout: 20_000 }).toEqual([]);

      const second = await launch(port);
      try {
        expect(second.output()).toMatch(/Demo data already present/);
        const again = (await (await fetch(`http://127.0.0.1:${port}/api/products?pageSize=1`)).json()) as {
          pageInfo: { total: number };
        };
        expect(again.pageInfo.total).toBe(products.pageInfo.total);
      } finally {
        second.child.kill('SIGINT');
        await second.exited;
      }
      await expect.poll(() => second.children.filter(isAlive), { timeout: 20_000 }).toEqual([]);
    },
  );
});
