import { freePort } from '@mercato/testkit';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnLauncher, type Launched } from './lib/launch.test-support.js';
import { descendantsOf, stillRunning } from './lib/process-tree.test-support.js';

const dataDir = mkdtempSync(join(tmpdir(), 'mercato-start-'));
const launchers: Pick<Launched, 'child' | 'exited'>[] = [];
afterAll(async () => {
  // A failed assertion must not leave a shop running on a data directory that is about to disappear.
  for (const launcher of launchers) {
    if (launcher.child.exitCode !== null || launcher.child.signalCode !== null) continue;
    process.kill(-(launcher.child.pid ?? 0), 'SIGINT');
    await launcher.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `npm start`'s launcher (after `npm test` built everything) until it prints its summary. */
async function launch(port: number, args: string[] = []) {
  const { child, exited, output } = spawnLauncher('start.ts', args, { port, dataDir });
  launchers.push({ child, exited });
  await expect.poll(output, { timeout: 240_000, interval: 500 }).toMatch(/Mercato is running|✘/);
  expect(output(), output()).toMatch(/Mercato is running/);
  // Every process the launcher started, grandchildren included (redis-server runs under a supervisor), to check
  // afterwards that none is left behind.
  const services = descendantsOf(child.pid ?? 0);
  return { child, exited, output, services };
}

/** A GET over TLS that trusts `ca` only, as `curl --cacert` does. */
function getTrusting(url: string, ca: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    httpsGet(url, { ca, agent: false }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    }).on('error', reject);
  });
}

describe('npm start', () => {
  it(
    'when started on a fresh data directory, then the shop and API answer, Ctrl-C leaves nothing running, a restart keeps the data, and killing the launcher outright takes every service with it',
    { timeout: 600_000 },
    async () => {
      const port = await freePort();
      const first = await launch(port);
      expect(first.output()).toMatch(/Demo data created/);
      expect(first.output()).toMatch(/admin@mercato\.local/);
      const commands = first.services.map((service) => service.command);
      expect(commands, commands.join()).toContain('redis-server');
      expect(commands.filter((command) => command === 'node').length, commands.join()).toBeGreaterThanOrEqual(3);

      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<div id="root">');
      expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);
      const products = (await (await fetch(`http://127.0.0.1:${port}/api/products?pageSize=1`)).json()) as {
        pageInfo: { total: number };
      };
      expect(products.pageInfo.total).toBeGreaterThanOrEqual(60);

      // Ctrl-C in a terminal signals the whole foreground process group, not only the launcher.
      process.kill(-(first.child.pid ?? 0), 'SIGINT');
      expect(await first.exited).toBe(0);
      expect(first.output()).toMatch(/Stopped\./);
      expect(first.output()).not.toMatch(/stopped unexpectedly/);
      await expect.poll(() => stillRunning(first.services), { timeout: 20_000 }).toEqual([]);

      const second = await launch(port);
      try {
        expect(second.output()).toMatch(/Demo data already present/);
        const again = (await (await fetch(`http://127.0.0.1:${port}/api/products?pageSize=1`)).json()) as {
          pageInfo: { total: number };
        };
        expect(again.pageInfo.total).toBe(products.pageInfo.total);
      } finally {
        // The launcher gets no chance to stop anything: each service must notice it is gone by itself.
        second.child.kill('SIGKILL');
        await second.exited;
      }
      await expect.poll(() => stillRunning(second.services), { timeout: 8_000 }).toEqual([]);
    },
  );

  it(
    'when started with --https, then it makes a local certificate once, serves the shop over TLS with HSTS, says how to trust it, and the payment sandbox delivers webhooks to the https endpoint',
    { timeout: 600_000 },
    async () => {
      const port = await freePort();
      const first = await launch(port, ['--https']);
      try {
        const origin = `https://localhost:${port}`;
        expect(first.output()).toContain(`Shop        \x1b[1m${origin}`);
        expect(first.output()).toMatch(/Created a local HTTPS certificate/);
        const caFile = join(dataDir, 'tls', 'ca.crt');
        expect(first.output()).toContain(`sudo cp ${caFile} /usr/local/share/ca-certificates/mercato-localhost.crt`);
        expect(first.output()).toContain(`curl --cacert ${caFile} ${origin}/api/health`);
        expect(statSync(join(dataDir, 'tls', 'localhost.key')).mode & 0o777).toBe(0o600);
        const ca = readFileSync(caFile);

        const health = await getTrusting(`${origin}/api/health`, ca);
        expect(health.status).toBe(200);
        expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect((await getTrusting(`https://127.0.0.1:${port}/`, ca)).status).toBe(200);

        // A checkout session nobody pays, expired at once: its event goes to https://127.0.0.1:<port>/api/webhooks/stripe.
        const sandbox = new URL(/Payments {4}(http:\/\/\S+)/.exec(first.output())?.[1] ?? '');
        const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
          STRIPE_SANDBOX_KEY: string;
        };
        const stripe = new Stripe(secrets.STRIPE_SANDBOX_KEY, {
          host: sandbox.hostname,
          port: Number(sandbox.port),
          protocol: 'http',
        });
        const session = await stripe.checkout.sessions.create({
          mode: 'payment',
          success_url: `${origin}/checkout/success`,
          line_items: [
            { quantity: 1, price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Mug' } } },
          ],
        });
        await stripe.checkout.sessions.expire(session.id);
        const deliveries = async () => {
          const response = await fetch(new URL('/_sandbox/deliveries', sandbox));
          const body = (await response.json()) as { deliveries: { eventType: string; url: string; state: string }[] };
          return body.deliveries.filter((delivery) => delivery.eventType === 'checkout.session.expired');
        };
        await expect
          .poll(deliveries, { timeout: 30_000 })
          .toEqual([
            expect.objectContaining({ url: `https://127.0.0.1:${port}/api/webhooks/stripe`, state: 'delivered' }),
          ]);
      } finally {
        process.kill(-(first.child.pid ?? 0), 'SIGINT');
        expect(await first.exited).toBe(0);
      }

      const again = await launch(port, ['--https']);
      try {
        expect(again.output()).not.toMatch(/Created a local HTTPS certificate/);
        expect(
          (await getTrusting(`https://localhost:${port}/api/ready`, readFileSync(join(dataDir, 'tls', 'ca.crt'))))
            .status,
        ).toBe(200);
      } finally {
        process.kill(-(again.child.pid ?? 0), 'SIGINT');
        expect(await again.exited).toBe(0);
      }
    },
  );
});
