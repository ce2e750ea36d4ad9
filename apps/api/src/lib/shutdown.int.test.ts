import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '@mercato/embedded-mongo';
import { freePort, startRedisServer } from '@mercato/testkit';
import { request, startTestApp } from '../test-support/harness.test-support.js';
import { runEntry } from '../test-support/process.test-support.js';

function runServer(env: Record<string, string>) {
  return runEntry('server.ts', { env });
}

describe('graceful shutdown', () => {
  it('when the app closes during a slow request, then that request still completes and new ones are refused', async () => {
    let release: () => void = () => {};
    const ctx = await startTestApp(
      {},
      {
        beforeListen: (app) => {
          app.get('/api/_test/slow', async () => {
            await new Promise<void>((resolve) => (release = resolve));
            return { finished: true };
          });
        },
      },
    );
    const inFlight = request(ctx.url, 'GET', '/api/_test/slow');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = ctx.close();
    setTimeout(() => release(), 300);

    const response = await inFlight;
    await closing;
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ finished: true });
    await expect(fetch(`${ctx.url}/api/health`, { headers: { connection: 'close' } })).rejects.toThrow();
  });
});

describe('the server process', () => {
  let engine: EmbeddedMongo;
  beforeAll(async () => {
    engine = await startEmbeddedMongo();
  });
  afterAll(() => engine.stop());

  it('when the configuration is invalid, then it exits with code 78 listing every problem', async () => {
    const server = runServer({ PORT: 'not-a-port', REDIS_URL: 'nope' });
    expect(await server.exited).toBe(78);
    const { stderr } = server.output();
    expect(stderr).toMatch(/MONGODB_URI/);
    expect(stderr).toMatch(/REDIS_URL/);
    expect(stderr).toMatch(/STRIPE_SECRET_KEY/);
    expect(stderr).toMatch(/PORT/);
  });

  it('when it receives SIGTERM, then it stops cleanly with exit code 0', async () => {
    const port = await freePort();
    const server = runServer({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: `${engine.uri}/shutdown_test`,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `shutdown${port}:`,
      STRIPE_SECRET_KEY: 'sk_test_unused',
      LOG_FORMAT: 'json',
    });
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.status, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toMatch(/shutting down/);
  });

  it('when Redis went away while it ran, then SIGTERM still stops it within seconds (no wait on a job worker that cannot finish)', async () => {
    const port = await freePort();
    const redis = await startRedisServer();
    const server = runServer({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: `${engine.uri}/shutdown_no_redis_test`,
      REDIS_URL: redis.url,
      STRIPE_SECRET_KEY: 'sk_test_unused',
      LOG_FORMAT: 'json',
    });
    try {
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => undefined))?.status, {
          timeout: 30_000,
          interval: 200,
        })
        .toBe(200);
      // The job worker is now blocked waiting on its Redis connection, which then disappears.
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 500));

      const started = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      server.child.kill('SIGKILL');
      await redis.stop();
    }
  });

  it('when the launcher that supervises it dies during a slow request, then the request completes and it exits 0', async () => {
    const port = await freePort();
    const launcher = spawn('sleep', ['120'], { stdio: 'ignore' });
    const server = runServer({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: `${engine.uri}/shutdown_supervised_test`,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `shutdown${port}:`,
      STRIPE_SECRET_KEY: 'sk_test_unused',
      LOG_FORMAT: 'json',
      MERCATO_SUPERVISOR_PID: String(launcher.pid),
      // A signup hashes at this cost for a few seconds: longer than the supervisor check's 1 s period.
      BCRYPT_COST: '15',
    });
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.status, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(200);

    const signup = request(`http://127.0.0.1:${port}`, 'POST', '/api/auth/signup', {
      body: { name: 'Slow Hash', email: `slow${port}@example.com`, password: 'a long enough password' },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    launcher.kill('SIGKILL');

    expect((await signup).status).toBeLessThan(300);
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toMatch(/supervisor exited/);
    expect(server.output().stdout).not.toMatch(/second shutdown request/);
  });
});
