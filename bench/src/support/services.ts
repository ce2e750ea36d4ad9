import { freePort, startRedisServer } from '@mercato/testkit';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNode, spawnTypeScript, waitForHttp, type ServiceProcess } from './child-process.js';
import { repoPath } from './repo-paths.js';

export interface EngineProcess extends ServiceProcess {
  /** `mongodb://127.0.0.1:<port>` (no database). */
  uri: string;
}

/** Starts the embedded MongoDB engine through its CLI, as its own process, on a throw-away data directory. */
export async function startEngineProcess(): Promise<EngineProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'mercato-bench-db-'));
  const port = await freePort();
  const engine = spawnTypeScript(
    'embedded-mongo',
    repoPath('packages/embedded-mongo/src/cli.ts'),
    ['--port', String(port), '--dbpath', dir],
    {},
  );
  try {
    const [, uri] = await engine.waitForOutput(/listening on (mongodb:\/\/\S+)/, 60_000);
    return {
      ...engine,
      uri: uri ?? `mongodb://127.0.0.1:${port}`,
      get hasExited() {
        return engine.hasExited;
      },
      stop: async () => {
        await engine.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface ApiProcess extends ServiceProcess {
  url: string;
}

export interface ApiOptions {
  name: string;
  mongoUri: string;
  redisUrl: string;
  /** Extra variables (BCRYPT_COST, AUTH_RATE_LIMIT_PER_IP, …) on top of the benchmark defaults. */
  env?: Record<string, string>;
  /** Extra Node flags, e.g. `--cpu-prof --cpu-prof-dir=…` to profile the API under load. */
  nodeArgs?: string[];
}

/**
 * The API configured as in production (NODE_ENV=production, JSON logs at warn, fresh secrets), with the global
 * rate limit lifted so the load generator, one IP, is not throttled, and without the in-process job worker so
 * the process measured serves HTTP only (production runs `npm run worker` separately).
 */
export function apiEnvironment(options: ApiOptions, port: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    // Production requires an https public origin, as behind deploy/'s TLS proxy; the benchmark talks plain HTTP to
    // the port and sends no Origin, so only the cookies' Secure flag and HSTS follow from it.
    PUBLIC_URL: `https://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    MONGODB_URI: options.mongoUri,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: `bench${port}:`,
    STRIPE_SECRET_KEY: 'sk_test_bench_unused',
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
    JWT_SECRET: randomBytes(48).toString('base64'),
    DATA_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: randomBytes(32).toString('base64url'),
    RATE_LIMIT_MAX: '1000000000',
    RUN_WORKER: 'false',
    ...options.env,
  };
}

let isBuilt = false;

/** `tsc -b` once per benchmark run: the API and the packages it imports, as `npm run build` compiles them. */
function buildApiOnce(): void {
  if (isBuilt) return;
  execFileSync(repoPath('node_modules/.bin/tsc'), ['-b'], { cwd: repoPath('.'), stdio: 'inherit' });
  isBuilt = true;
}

/**
 * The built API (`apps/api/dist/server.js`, as `npm start` and the Docker image run it: no TypeScript compiler in
 * the process, whose code and caches would count in its memory and GC) as its own process, building it first.
 */
export function spawnBuiltApi(name: string, environment: Record<string, string>, nodeArgs?: string[]) {
  buildApiOnce();
  return spawnNode(name, repoPath('apps/api/dist/server.js'), [], environment, nodeArgs);
}

/** Starts the built API (`spawnBuiltApi`) and waits until /api/health answers. */
export async function startApiProcess(options: ApiOptions): Promise<ApiProcess> {
  const port = await freePort();
  const api = spawnBuiltApi(options.name, apiEnvironment(options, port), options.nodeArgs);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/health`, api, 90_000);
  } catch (error) {
    await api.stop();
    throw error;
  }
  return Object.assign(api, { url });
}

/**
 * An API whose Redis is gone: it starts against a redis-server of its own, which is then stopped, so its
 * REDIS_URL points at a closed port and every cache read falls back to MongoDB. Starting it with REDIS_URL at a
 * closed port from the outset is what we would rather do, but the API cannot start that way (the checkout
 * sweep's onReady hook waits on BullMQ forever; see bench/README.md, "Problems found").
 */
export async function startApiWithRedisDown(options: Omit<ApiOptions, 'redisUrl'>): Promise<ApiProcess> {
  const redis = await startRedisServer();
  try {
    return await startApiProcess({ ...options, redisUrl: redis.url });
  } finally {
    await redis.stop();
  }
}
