import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '@mercato/testkit';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** Runs the CLI from source (node + tsx's loader, one process, so signals reach it directly). */
function runCli(args: string[]): { child: ChildProcess; lines: Promise<string[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = new Promise<string[]>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`CLI did not announce itself; stdout: ${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('State is kept in memory')) {
        clearTimeout(timer);
        resolve(out.trim().split('\n'));
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`CLI exited early; stdout: ${out}`));
    });
  });
  return { child, lines };
}

describe('the payments:start command', () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    if (running && running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  });

  it('when started with a port, key and webhook, then it prints the ready line first, serves that key and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { child, lines } = runCli([
      '--port',
      String(port),
      '--secret-key',
      'sk_test_sandbox_cli',
      '--webhook-url',
      'http://127.0.0.1:9/hook',
      '--webhook-secret',
      'whsec_cli',
    ]);
    running = child;

    const output = await lines;
    const stripe = new Stripe('sk_test_sandbox_cli', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    });
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'once' });
    const endpoints = await stripe.webhookEndpoints.list();
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');

    expect(output[0]).toBe(`Payment sandbox listening on http://127.0.0.1:${port}`);
    expect(output).toContain('Secret key: sk_test_sandbox_cli');
    expect(output).toContain('Webhook secret: whsec_cli (for http://127.0.0.1:9/hook)');
    expect(coupon.object).toBe('coupon');
    expect(endpoints.data.map((endpoint) => endpoint.url)).toEqual(['http://127.0.0.1:9/hook']);
    expect(code).toBe(0);
  });

  it('when started without options, then it takes a free port, prints a generated key, says no webhook endpoint is registered, and exits 0 on SIGINT', async () => {
    const { child, lines } = runCli([]);
    running = child;

    const output = await lines;
    const port = /^Payment sandbox listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(output[0] ?? '')?.[1];
    const secretKey = /^Secret key: (sk_test_sandbox_\w+)$/.exec(output[1] ?? '')?.[1] as string;
    const stripe = new Stripe(secretKey, {
      host: '127.0.0.1',
      port: Number(port),
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    });
    const endpoints = await stripe.webhookEndpoints.list();
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');

    expect(port).toBeDefined();
    expect(secretKey).toBeDefined();
    expect(output[2]).toBe(
      'Webhook endpoints: none registered, events are recorded but not sent (pass --webhook-url <url>).',
    );
    expect(output.join('\n')).not.toContain('whsec_');
    expect(endpoints.data).toEqual([]);
    expect(code).toBe(0);
  });

  it('when given an unknown option, then it prints the usage and exits 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--no-such-flag'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    const [code] = await once(child, 'exit');

    expect(code).toBe(2);
    expect(stderr).toContain('unknown option --no-such-flag');
    expect(stderr).toContain('Usage: npm run payments:start');
  });
});
