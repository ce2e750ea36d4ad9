import { freePort } from '@mercato/testkit';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT } from './lib/paths.js';

/**
 * deploy/ cannot run here (no Docker engine), so what can be checked is: both files are valid for the tools that
 * run them (Debian's docker-compose and Caddy), the stack they describe, as those tools read it, has the same
 * processes and health checks as `npm run start:cluster`, and Debian's Caddy, given the Caddyfile's proxy in front of
 * two stand-in instances, routes, retries and rewrites X-Forwarded-For as the API needs.
 */
let work: string;
beforeAll(() => {
  // The Compose file reads `.env.production` beside it; the example stands in for it, in a copy of deploy/.
  work = mkdtempSync(join(tmpdir(), 'mercato-deploy-'));
  for (const file of ['compose.yaml', 'Caddyfile', 'Dockerfile'])
    copyFileSync(join(ROOT, 'deploy', file), join(work, file));
  writeFileSync(join(work, '.env.production'), readFileSync(join(ROOT, 'deploy/env.production.example')));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const caddyEnv = () => ({
  SHOP_DOMAIN: 'shop.example.com',
  HOME: work,
  XDG_DATA_HOME: join(work, 'data'),
  XDG_CONFIG_HOME: join(work, 'config'),
});
const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(command, args, { cwd: work, encoding: 'utf8', env: { ...process.env, ...env } });

interface ComposeService {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string>;
  stop_grace_period?: string;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, unknown>;
}

/** The stack as docker-compose resolves it (anchors merged, env_file read in), parsed. */
function composeConfig(): { services: Record<string, ComposeService> } {
  const resolved = run('docker-compose', ['-f', 'compose.yaml', '-p', 'mercato', 'config']);
  expect(resolved.status, resolved.stderr).toBe(0);
  return parseYaml(resolved.stdout) as { services: Record<string, ComposeService> };
}

interface ReverseProxy {
  handler: 'reverse_proxy';
  upstreams?: { dial: string }[];
  dynamic_upstreams?: unknown;
  health_checks?: {
    active?: { uri?: string; expect_status?: number; interval?: number; timeout?: number; fails?: number };
  };
  load_balancing?: { retries?: number; try_duration?: number; try_interval?: number; retry_match?: unknown[] };
  headers?: { request?: { set?: Record<string, string[]>; add?: Record<string, string[]> } };
}

/** The Caddyfile as Caddy adapts it to its JSON configuration. */
function caddyConfig(): Record<string, unknown> {
  const adapted = run('caddy', ['adapt', '--config', 'Caddyfile', '--adapter', 'caddyfile'], caddyEnv());
  expect(adapted.status, adapted.stderr).toBe(0);
  return JSON.parse(adapted.stdout) as Record<string, unknown>;
}

/** Every object in `value` (depth first) that `is` accepts. */
function findAll<T>(value: unknown, is: (node: Record<string, unknown>) => boolean): T[] {
  if (Array.isArray(value)) return value.flatMap((item) => findAll<T>(item, is));
  if (value === null || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  return [...(is(node) ? [node as T] : []), ...Object.values(node).flatMap((child) => findAll<T>(child, is))];
}

const reverseProxyOf = (config: unknown) => {
  const proxies = findAll<ReverseProxy>(config, (node) => node.handler === 'reverse_proxy');
  expect(proxies).toHaveLength(1);
  return proxies[0]!;
};

/** Compose's duration ("20s", "1m30s") in milliseconds. */
function composeDuration(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
  return [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)].reduce(
    (total, [, amount, unit]) => total + Number(amount) * (units[unit ?? 's'] ?? 0),
    0,
  );
}

const NS_PER_MS = 1_000_000;
/** The API's own limit on closing after the drain (apps/api/src/lib/shutdown.ts, SHUTDOWN_TIMEOUT_MS). */
const API_CLOSE_TIMEOUT_MS = 15_000;

describe('deploy/ files', () => {
  it('when Debian’s docker-compose reads compose.yaml, then it is valid', () => {
    const checked = run('docker-compose', ['-f', 'compose.yaml', '-p', 'mercato', 'config', '-q']);
    expect(checked.status, checked.stderr).toBe(0);
  });

  it('when docker-compose reads env.production.example, then no comment ends up inside a value', () => {
    // docker-compose (1.x) keeps an inline `# …` as part of the value: JWT_SECRET would be the comment's text.
    for (const [name, service] of Object.entries(composeConfig().services))
      for (const [key, value] of Object.entries(service.environment ?? {}))
        expect(String(value), `${name}: ${key}`).not.toMatch(/(^|\s)#/);
  });

  it('when Caddy reads the Caddyfile, then it is valid', () => {
    const checked = run('caddy', ['validate', '--config', 'Caddyfile', '--adapter', 'caddyfile'], caddyEnv());
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout + checked.stderr).toContain('Valid configuration');
  });

  it('when compared with the local cluster, then Compose runs the same processes: replica set, Redis with AOF, API instances without the worker, one worker, a proxy', () => {
    const { services } = composeConfig();
    const instances = Object.keys(services).filter((name) => /^api\d+$/.test(name));

    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['mongo1', 'mongo2', 'mongo3', 'mongo-init', 'redis', 'worker', 'proxy']),
    );
    expect(instances.length).toBeGreaterThanOrEqual(2);
    for (const name of instances) {
      const environment = services[name]!.environment ?? {};
      expect(environment.RUN_WORKER, name).toBe('false');
      expect(environment.TRUST_PROXY, name).toBe('true');
      expect(environment.MONGODB_URI, name).toMatch(/replicaSet=rs0/);
    }
    expect(services.worker!.environment?.RUN_WORKER).toBe('true');
    expect(services.worker!.environment?.WORKER_HEALTH_PORT).toBeDefined();
    expect(services.worker!.healthcheck?.test?.join(' ')).toContain('/health');
    expect(services.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(Object.keys(services.proxy!.depends_on ?? {})).toEqual(expect.arrayContaining(instances));
  });

  it('when Caddy’s configuration is read with the instances’, then each instance is its own health-checked upstream, taken out before its drain ends and given time to close, and retries are as HAProxy’s', () => {
    const { services } = composeConfig();
    const instances = Object.keys(services).filter((name) => /^api\d+$/.test(name));
    const proxy = reverseProxyOf(caddyConfig());

    // One upstream per instance: Caddy runs no active health check for upstreams it looks up (`dynamic`).
    expect(proxy.dynamic_upstreams).toBeUndefined();
    expect(proxy.upstreams?.map((upstream) => upstream.dial).sort()).toEqual(
      instances.map((name) => `${name}:3000`).sort(),
    );
    const active = proxy.health_checks?.active ?? {};
    expect(active.uri).toBe('/api/ready');
    expect(active.expect_status).toBe(200);
    // Caddy marks an instance down after `fails` failed checks (1 unless set): the worst case, a check that
    // times out each time, must end before the drain does, or the proxy sends requests to a closed instance.
    const takenOutWithinMs = ((active.interval ?? 0) + (active.timeout ?? 0)) * (active.fails ?? 1);
    expect(takenOutWithinMs).toBeGreaterThan(0);
    for (const name of instances) {
      const drainMs = Number(services[name]!.environment?.SHUTDOWN_DRAIN_MS ?? 0);
      expect(drainMs, name).toBeGreaterThan(takenOutWithinMs / NS_PER_MS);
      expect(composeDuration(services[name]!.stop_grace_period ?? '10s'), name).toBeGreaterThan(
        drainMs + API_CLOSE_TIMEOUT_MS,
      );
    }

    const balancing = proxy.load_balancing ?? {};
    expect(balancing.retries).toBeGreaterThanOrEqual(1);
    expect(balancing.try_duration).toBeGreaterThan(0);
    // A refused connection is retried for any method; other errors only for GET/HEAD (HAProxy: disable-l7-retry
    // unless METH_GET, where GET covers HEAD).
    expect(balancing.retry_match).toEqual([{ method: ['GET', 'HEAD'] }]);
  });

  it('when Caddy’s configuration is read, then it trusts no client’s X-Forwarded-For, so TRUST_PROXY=true counts the address Caddy sees', () => {
    const config = caddyConfig();
    const proxy = reverseProxyOf(config);

    expect(findAll(config, (node) => 'trusted_proxies' in node)).toEqual([]);
    const headerOps = { ...proxy.headers?.request?.set, ...proxy.headers?.request?.add };
    expect(Object.keys(headerOps).map((name) => name.toLowerCase())).not.toContain('x-forwarded-for');
  });

  it(
    'when Debian’s Caddy runs the Caddyfile’s proxy in front of two instances, then it replaces a forged X-Forwarded-For, routes around a draining instance before its drain ends, and retries past one that is gone',
    { timeout: 60_000 },
    async () => {
      const { services } = composeConfig();
      const drainMs = Number(services.api1!.environment?.SHUTDOWN_DRAIN_MS);
      const [one, two] = [await standIn('api1'), await standIn('api2')];
      const caddy = await runCaddy(caddyConfig(), [one.port, two.port]);
      try {
        // api2 is draining from the start: once Caddy has had its 503 (a second check arrives only after the first
        // answer was taken in), only api1 answers. Without waiting, least_conn's coin tosses between two idle
        // upstreams can give eight api1 answers in a row before any check, and the next request goes to api2.
        two.isReady = false;
        await two.checkedAgain();
        await two.checkedAgain();
        await expect
          .poll(async () => (await caddy.getMany(8)).map((answer) => answer.instance), { timeout: 15_000 })
          .toEqual(Array(8).fill('api1'));
        const forged = await caddy.get({ 'x-forwarded-for': '203.0.113.7, 198.51.100.7' });
        expect(forged).toEqual({ status: 200, instance: 'api1', forwardedFor: '127.0.0.1' });

        // api2 back, then api1 starts draining: Caddy stops sending to it before the drain would close it.
        two.isReady = true;
        await expect
          .poll(async () => (await caddy.getMany(8)).some((answer) => answer.instance === 'api2'), { timeout: 15_000 })
          .toBe(true);
        one.isReady = false;
        const drainStarted = Date.now();
        let lastOnOne = drainStarted;
        while (Date.now() - drainStarted < drainMs + 500) {
          const answer = await caddy.get();
          expect(answer.status).toBe(200);
          if (answer.instance === 'api1') lastOnOne = Date.now();
        }
        expect(lastOnOne - drainStarted).toBeLessThan(drainMs);

        // api1 ready again, then gone without a drain (kill -9): until a check notices, requests Caddy picks it
        // for are refused and tried again on api2. GETs only: Caddy's retry of a request with a body after a refused
        // connection fails with a 502 (caddyserver/caddy#7546, in Debian's 2.6.2; fixed upstream in 2026).
        one.isReady = true;
        await expect
          .poll(async () => (await caddy.getMany(8)).some((answer) => answer.instance === 'api1'), { timeout: 15_000 })
          .toBe(true);
        await one.checkedAgain();
        await one.stop();
        const afterKill = await Promise.all(Array.from({ length: 12 }, () => caddy.get()));
        expect(afterKill.map((answer) => `${answer.status} ${answer.instance}`)).toEqual(Array(12).fill('200 api2'));
      } finally {
        await caddy.stop();
        await one.stop();
        await two.stop();
      }
    },
  );
});

interface StandIn {
  name: string;
  port: number;
  isReady: boolean;
  /** Resolves at the next readiness check Caddy makes (so the next one is a full interval away). */
  checkedAgain(): Promise<void>;
  stop(): Promise<void>;
}

/** An API instance as Caddy sees it: `/api/ready` (200, or 503 while draining) and an answer saying who answered. */
async function standIn(name: string): Promise<StandIn> {
  let onCheck: (() => void) | undefined;
  const instance: StandIn = {
    name,
    port: await freePort(),
    isReady: true,
    checkedAgain: () => new Promise<void>((resolve) => (onCheck = resolve)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((request, response) => {
    if (request.url === '/api/ready') {
      response.writeHead(instance.isReady ? 200 : 503).end();
      onCheck?.();
      onCheck = undefined;
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ instance: name, forwardedFor: request.headers['x-forwarded-for'] }));
  });
  await new Promise<void>((resolve) => server.listen(instance.port, '127.0.0.1', resolve));
  return instance;
}

interface Answer {
  status: number;
  instance?: string;
  forwardedFor?: string;
}

/**
 * Debian's Caddy on the adapted Caddyfile, changed only where this machine differs from the stack: it listens on
 * a loopback port without automatic HTTPS and without its admin endpoint, and the upstreams are the stand-ins.
 */
async function runCaddy(config: Record<string, unknown>, upstreamPorts: number[]) {
  const port = await freePort();
  const proxy = reverseProxyOf(config);
  proxy.upstreams = upstreamPorts.map((upstreamPort) => ({ dial: `127.0.0.1:${upstreamPort}` }));
  const servers = findAll<{ listen?: string[]; automatic_https?: unknown }>(config, (node) => 'listen' in node);
  expect(servers).toHaveLength(1);
  servers[0]!.listen = [`127.0.0.1:${port}`];
  servers[0]!.automatic_https = { disable: true };
  const file = join(work, 'caddy.json');
  writeFileSync(file, JSON.stringify({ ...config, admin: { disabled: true } }));
  const child = spawn('caddy', ['run', '--config', file], {
    cwd: work,
    env: { ...process.env, ...caddyEnv() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const get = (headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const outgoing = httpRequest(
        { host: '127.0.0.1', port, path: '/api/products', headers: { ...headers, host: 'shop.example.com' } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.once('end', () => {
            const parsed = response.statusCode === 200 ? (JSON.parse(body) as Omit<Answer, 'status'>) : {};
            resolve({ status: response.statusCode ?? 0, ...parsed });
          });
        },
      );
      outgoing.once('error', reject);
      outgoing.end();
    });
  const caddy = {
    get,
    /** `count` GETs one after another. */
    async getMany(count: number): Promise<Answer[]> {
      const answers: Answer[] = [];
      for (let index = 0; index < count; index++) answers.push(await get());
      return answers;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
  try {
    await expect
      .poll(
        () =>
          caddy.get().then(
            (answer) => answer.status,
            () => 0,
          ),
        { timeout: 15_000 },
      )
      .toBe(200);
  } catch (error) {
    await caddy.stop();
    throw new Error(`Caddy did not answer:\n${output}`, { cause: error });
  }
  return caddy;
}
