import { describe, expect, it } from 'vitest';
import { DEV_SECRETS } from './env-schema.js';
import { ConfigError, loadConfig } from './load-config.js';

const minimal = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/shop',
  REDIS_URL: 'redis://127.0.0.1:6379',
  STRIPE_SECRET_KEY: 'sk_test_123',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('when only the three service variables are set, then development defaults fill the rest', () => {
    const config = loadConfig(minimal);
    expect(config.NODE_ENV).toBe('development');
    expect(config.PORT).toBe(3000);
    expect(config.mongoDbName).toBe('shop');
    expect(config.stripeApi).toBeUndefined();
    expect(config.isHttps).toBe(false);
    expect(config.BCRYPT_COST).toBeGreaterThanOrEqual(12);
  });

  it('when several variables are missing or invalid, then every problem is listed at once', () => {
    const problems = problemsOf({ PORT: 'eighty', REDIS_URL: 'http://x', STORE_CURRENCY: 'usd' });
    expect(problems.join('\n')).toMatch(/MONGODB_URI/);
    expect(problems.join('\n')).toMatch(/REDIS_URL: must be a redis/);
    expect(problems.join('\n')).toMatch(/STRIPE_SECRET_KEY/);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/STORE_CURRENCY/);
    expect(problems.length).toBeGreaterThanOrEqual(5);
  });

  it('when production runs with development secrets, then it refuses to start', () => {
    const problems = problemsOf({
      ...minimal,
      NODE_ENV: 'production',
      JWT_SECRET: DEV_SECRETS.JWT_SECRET,
      STRIPE_API_URL: 'http://127.0.0.1:12111',
    });
    expect(problems).toContain('JWT_SECRET: the development value is not allowed in production');
    expect(problems).toContain('DATA_ENCRYPTION_KEYS: is required in production');
    expect(problems).toContain('BLIND_INDEX_KEY: is required in production');
    expect(problems).toContain('STRIPE_WEBHOOK_SECRET: is required in production');
    expect(problems).toContain('STRIPE_API_URL: the payment sandbox is not allowed in production');
    expect(problems).toContain('PUBLIC_URL: is required in production');
  });

  it('when production is given a plain-http PUBLIC_URL, then it is reported with every other problem', () => {
    const problems = problemsOf({
      ...minimal,
      NODE_ENV: 'production',
      PUBLIC_URL: 'http://shop.example.com',
      JWT_SECRET: 'a'.repeat(48),
      STRIPE_SECRET_KEY: 'sk_test_sandbox_123',
    });
    expect(problems).toEqual([
      'DATA_ENCRYPTION_KEYS: is required in production',
      'BLIND_INDEX_KEY: is required in production',
      'STRIPE_WEBHOOK_SECRET: is required in production',
      'PUBLIC_URL: must be https in production',
      'STRIPE_SECRET_KEY: a payment-sandbox key is not allowed in production',
    ]);
  });

  it('when production has its own secrets, then it starts', () => {
    const config = loadConfig({
      ...minimal,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://shop.example.com',
      JWT_SECRET: 'a'.repeat(48),
      DATA_ENCRYPTION_KEYS: `prod1:${Buffer.alloc(32, 7).toString('base64')}`,
      BLIND_INDEX_KEY: 'b'.repeat(44),
      STRIPE_WEBHOOK_SECRET: 'whsec_real',
    });
    expect(config.isProduction).toBe(true);
    expect(config.isHttps).toBe(true);
  });

  it('when an encryption key is not 32 bytes or the active key is unknown, then both are reported', () => {
    const problems = problemsOf({ ...minimal, DATA_ENCRYPTION_KEYS: 'k1:c2hvcnQ=', DATA_ENCRYPTION_ACTIVE_KEY: 'k2' });
    expect(problems).toEqual([
      'DATA_ENCRYPTION_KEYS: key "k1" must decode to 32 bytes',
      'DATA_ENCRYPTION_ACTIVE_KEY: must name one of the keys in DATA_ENCRYPTION_KEYS',
    ]);
  });

  it('when STRIPE_API_URL points at the sandbox, then the SDK target is derived from it', () => {
    const config = loadConfig({ ...minimal, STRIPE_API_URL: 'http://127.0.0.1:12111' });
    expect(config.stripeApi).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
  });

  it('when bcrypt cost is below 12, then it is rejected', () => {
    expect(problemsOf({ ...minimal, BCRYPT_COST: '10' }).join()).toMatch(/BCRYPT_COST: must be at least 12/);
  });
});

describe('.env.example', () => {
  it('when compared with the schema, then it documents every variable and nothing else', async () => {
    const { readFileSync } = await import('node:fs');
    const { ZEnvSchema } = await import('./env-schema.js');
    const text = readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8');
    const documented = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(ZEnvSchema.shape).sort());
  });
});
