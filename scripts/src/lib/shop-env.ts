import { join } from 'node:path';
import { run } from './child.js';
import { ROOT } from './paths.js';
import type { LocalSecrets } from './secrets.js';
import { supervisorEnv } from './services.js';

/** What the launchers (`npm start`, `npm run start:cluster`) found or started for the API to use. */
export interface ShopServices {
  env: NodeJS.ProcessEnv;
  secrets: LocalSecrets;
  port: number;
  publicUrl: string;
  mongoUrl: string | undefined;
  redisUrl: string | undefined;
  sandboxUrl: string | undefined;
  tls?: { certFile: string; keyFile: string } | undefined;
  isDev?: boolean;
}

/**
 * The environment of an API process (and of the seed and the worker): real services from the environment when
 * it names them, otherwise the ones the launcher started, and the per-checkout secrets.
 */
export function apiEnvironment(services: ShopServices): NodeJS.ProcessEnv {
  const { env, secrets, tls } = services;
  return {
    ...supervisorEnv(),
    NODE_ENV: env.NODE_ENV ?? 'development',
    PORT: String(services.port),
    PUBLIC_URL: services.publicUrl,
    // An https PUBLIC_URL is what turns on Secure cookies and HSTS in the API; these make it serve TLS itself.
    ...(tls ? { TLS_CERT_FILE: tls.certFile, TLS_KEY_FILE: tls.keyFile } : {}),
    LOG_LEVEL: env.LOG_LEVEL ?? (services.isDev ? 'info' : 'warn'),
    MONGODB_URI: env.MONGODB_URI ?? `${services.mongoUrl}/mercato`,
    ...(env.REDIS_CLUSTER_NODES ? {} : { REDIS_URL: env.REDIS_URL ?? services.redisUrl }),
    STRIPE_SECRET_KEY: env.STRIPE_SECRET_KEY ?? secrets.STRIPE_SANDBOX_KEY,
    STRIPE_WEBHOOK_SECRET: env.STRIPE_WEBHOOK_SECRET ?? secrets.STRIPE_WEBHOOK_SECRET,
    ...(services.sandboxUrl ? { STRIPE_API_URL: services.sandboxUrl } : {}),
    JWT_SECRET: env.JWT_SECRET ?? secrets.JWT_SECRET,
    DATA_ENCRYPTION_KEYS: env.DATA_ENCRYPTION_KEYS ?? secrets.DATA_ENCRYPTION_KEYS,
    BLIND_INDEX_KEY: env.BLIND_INDEX_KEY ?? secrets.BLIND_INDEX_KEY,
    DEMO_ADMIN_PASSWORD: secrets.DEMO_ADMIN_PASSWORD,
  };
}

/** True when the environment names no Redis (nor Redis Cluster): the launcher starts redis-server itself. */
export function needsOwnRedis(env: NodeJS.ProcessEnv): boolean {
  return !env.REDIS_URL && !env.REDIS_CLUSTER_NODES;
}

/** Builds what `npm start` runs (everything) or what `npm run dev` needs built (engine, sandbox); the exit code. */
export function buildShop(isDev: boolean): Promise<number> {
  return isDev ? run('npx', ['tsc', '-b'], { cwd: ROOT }) : run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
}

/** Indexes, first admin, demo data on first start (apps/api/src/cli/seed.ts); the exit code. */
export function seedDatabase(apiEnv: NodeJS.ProcessEnv, isDev: boolean): Promise<number> {
  return isDev
    ? run(join(ROOT, 'node_modules/.bin/tsx'), ['--conditions=source', join(ROOT, 'apps/api/src/cli/seed.ts')], {
        env: apiEnv,
      })
    : run(process.execPath, [join(ROOT, 'apps/api/dist/cli/seed.js')], { env: apiEnv });
}
