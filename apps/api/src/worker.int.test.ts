import { freePort } from '@mercato/testkit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from './test-support/harness.test-support.js';
import { runEntry } from './test-support/process.test-support.js';
import { mailRepoOf } from './test-support/mail.test-support.js';
import { startSmtpListener, type SmtpListener } from './test-support/smtp.test-support.js';

/** The worker entry as its own process, started in `cwd` (where it looks for `.env`), like `npm run worker`. */
function runWorker(cwd: string, env: Record<string, string>) {
  return runEntry('worker.ts', { cwd, env });
}

let smtp: SmtpListener;
let ctx: TestApp;
let dir: string;
beforeAll(async () => {
  smtp = await startSmtpListener();
  ctx = await startTestApp({ RUN_WORKER: 'false', SMTP_URL: smtp.url });
  dir = mkdtempSync(join(tmpdir(), 'mercato-worker-'));
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the standalone worker (npm run worker)', () => {
  it('when settings are missing, then it reads .env and exits with code 78 listing every problem', async () => {
    const configDir = join(dir, 'bad-config');
    mkdirSync(configDir);
    writeFileSync(join(configDir, '.env'), 'REDIS_URL=not-a-redis-url\nMAIL_FROM=x\n');

    const worker = runWorker(configDir, {});

    expect(await worker.exited).toBe(78);
    const { stderr } = worker.output();
    expect(stderr).toMatch(/Invalid configuration/);
    expect(stderr).toMatch(/MONGODB_URI/);
    expect(stderr).toMatch(/STRIPE_SECRET_KEY/);
    expect(stderr).toMatch(/REDIS_URL: must be a redis/); // from .env
    expect(stderr).toMatch(/MAIL_FROM/); // from .env
  });

  it('when the API runs without its in-process worker, then a separate worker delivers the email it queued', async () => {
    const email = 'worker-delivery@example.com';
    const signup = await request(ctx.url, 'POST', '/api/auth/signup', {
      body: { name: 'Queued Shopper', email, password: 'password-1234' },
    });
    expect(signup.status).toBe(202);
    const [queued] = await mailRepoOf(ctx).listTo(email);
    expect(queued?.status).toBe('queued');
    // Nothing in the API process delivers it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.received).toEqual([]);

    const healthPort = await freePort();
    const worker = runWorker(dir, {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PUBLIC_URL: ctx.config.PUBLIC_URL,
      MONGODB_URI: ctx.config.MONGODB_URI,
      REDIS_URL: ctx.config.REDIS_URL,
      REDIS_KEY_PREFIX: ctx.config.REDIS_KEY_PREFIX,
      STRIPE_SECRET_KEY: ctx.config.STRIPE_SECRET_KEY,
      STRIPE_API_URL: ctx.config.STRIPE_API_URL ?? '',
      STRIPE_WEBHOOK_SECRET: ctx.config.STRIPE_WEBHOOK_SECRET,
      JWT_SECRET: ctx.config.JWT_SECRET,
      DATA_ENCRYPTION_KEYS: ctx.config.DATA_ENCRYPTION_KEYS,
      BLIND_INDEX_KEY: ctx.config.BLIND_INDEX_KEY,
      SMTP_URL: smtp.url,
      WORKER_HEALTH_PORT: String(healthPort),
      LOG_FORMAT: 'json',
    });
    try {
      await expect
        .poll(() => smtp.received.filter((mail) => mail.to.includes(email)).length, { timeout: 25_000 })
        .toBe(1);
      await expect.poll(async () => (await mailRepoOf(ctx).listTo(email))[0]?.status).toBe('sent');
      const health = await fetch(`http://127.0.0.1:${healthPort}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({
        status: 'ok',
        checks: { mongo: 'up', redis: 'up', worker: 'up' },
      });
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect(await worker.exited, JSON.stringify(worker.output())).toBe(0);
    expect(worker.output().stdout).toMatch(/job worker running/);
  });
});
