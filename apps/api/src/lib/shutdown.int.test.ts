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

  /** A server on a free port with a database of its own and the run's Redis, once it answers `probe`. */
  async function startServer(database: string, env: Record<string, string> = {}, probe = '/api/health') {
    const port = await freePort();
    const server = runServer({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: `${engine.uri}/${database}`,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `shutdown${port}:`,
      STRIPE_SECRET_KEY: 'sk_test_unused',
      LOG_FORMAT: 'json',
      ...env,
    });
    const url = `http://127.0.0.1:${port}`;
    await expect
      .poll(async () => (await fetch(`${url}${probe}`).catch(() => undefined))?.status, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(200);
    return { ...server, url };
  }

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
    const server = await startServer('shutdown_test');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toMatch(/shutting down/);
  });

  it('when Redis went away while it ran, then SIGTERM still stops it within seconds (no wait on a job worker that cannot finish)', async () => {
    const redis = await startRedisServer();
    try {
      const server = await startServer('shutdown_no_redis_test', { REDIS_URL: redis.url }, '/api/ready');
      try {
        // The job worker is now blocked waiting on its Redis connection, which then disappears.
        await redis.kill();
        await new Promise((resolve) => setTimeout(resolve, 500));

        const started = Date.now();
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
        expect(Date.now() - started).toBeLessThan(3_000);
      } finally {
        server.child.kill('SIGKILL');
      }
    } finally {
      await redis.stop();
    }
  });

  it('when the launcher that supervises it dies during a slow request, then the request completes and it exits 0', async () => {
    const launcher = spawn('sleep', ['120'], { stdio: 'ignore' });
    const server = await startServer('shutdown_supervised_test', {
      MERCATO_SUPERVISOR_PID: String(launcher.pid),
      // A signup hashes at this cost for a few seconds: longer than the supervisor check's 1 s period.
      BCRYPT_COST: '15',
    });

    const signup = request(server.url, 'POST', '/api/auth/signup', {
      body: { name: 'Slow Hash', email: `slow${Date.now()}@example.com`, password: 'a long enough password' },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    launcher.kill('SIGKILL');

    expect((await signup).status).toBeLessThan(300);
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toMatch(/supervisor exited/);
    expect(server.output().stdout).not.toMatch(/second shutdown request/);
  });
});
