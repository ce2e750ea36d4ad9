import { DEV_SECRETS, ZEnvSchema, type TEnv } from './env-schema.js';

/** Thrown at boot when the environment is invalid; lists every problem at once so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface Config extends Omit<TEnv, 'REDIS_URL'> {
  /** The Redis to use; with REDIS_CLUSTER_NODES, its first node (only for messages: connections use the list). */
  REDIS_URL: string;
  isProduction: boolean;
  /** True when the public site is served over HTTPS: cookies get `Secure`, responses get HSTS. */
  isHttps: boolean;
  mongoDbName: string;
  /** The Stripe SDK target: the payment sandbox when STRIPE_API_URL is set, otherwise api.stripe.com. */
  stripeApi: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
}

/** Parses and checks the environment once, at boot. Never read `process.env` anywhere else. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnvSchema.safeParse(pickDefined(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const values = parsed.data;
  const problems = [...checkProductionRules(values, env), ...checkConsistency(values)];
  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = new URL(values.PUBLIC_URL);
  return {
    ...values,
    REDIS_URL: values.REDIS_CLUSTER_NODES?.[0] ?? values.REDIS_URL ?? '',
    PUBLIC_URL: publicUrl.origin,
    isProduction: values.NODE_ENV === 'production',
    isHttps: publicUrl.protocol === 'https:',
    mongoDbName: values.MONGODB_DB ?? (databaseFromUri(values.MONGODB_URI) || 'mercato'),
    stripeApi: values.STRIPE_API_URL ? stripeTarget(values.STRIPE_API_URL) : undefined,
  };
}

function pickDefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') result[key] = value;
  return result;
}

/**
 * Production must bring its own secrets, talk to real Stripe and be served over HTTPS: the public origin decides
 * the cookies' `Secure` flag, HSTS and the Origin check, so a silent `http://localhost:3000` default would break
 * all three.
 */
function checkProductionRules(values: TEnv, env: NodeJS.ProcessEnv): string[] {
  if (values.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  for (const name of ['JWT_SECRET', 'DATA_ENCRYPTION_KEYS', 'BLIND_INDEX_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) {
    if (!env[name]) problems.push(`${name}: is required in production`);
    else if (values[name] === DEV_SECRETS[name])
      problems.push(`${name}: the development value is not allowed in production`);
  }
  if (!env.PUBLIC_URL) problems.push('PUBLIC_URL: is required in production');
  else if (new URL(values.PUBLIC_URL).protocol !== 'https:') problems.push('PUBLIC_URL: must be https in production');
  if (values.STRIPE_API_URL) problems.push('STRIPE_API_URL: the payment sandbox is not allowed in production');
  if (values.STRIPE_SECRET_KEY.startsWith('sk_test_sandbox')) {
    problems.push('STRIPE_SECRET_KEY: a payment-sandbox key is not allowed in production');
  }
  return problems;
}

function checkConsistency(values: TEnv): string[] {
  const problems: string[] = [];
  if ((values.TLS_CERT_FILE === undefined) !== (values.TLS_KEY_FILE === undefined)) {
    problems.push('TLS_CERT_FILE/TLS_KEY_FILE: set both or neither');
  }
  const keyIds = values.DATA_ENCRYPTION_KEYS.split(',').map((entry) => entry.split(':')[0]);
  for (const entry of values.DATA_ENCRYPTION_KEYS.split(',')) {
    const key = Buffer.from(entry.split(':')[1] ?? '', 'base64');
    if (key.length !== 32) problems.push(`DATA_ENCRYPTION_KEYS: key "${entry.split(':')[0]}" must decode to 32 bytes`);
  }
  if (values.DATA_ENCRYPTION_ACTIVE_KEY && !keyIds.includes(values.DATA_ENCRYPTION_ACTIVE_KEY)) {
    problems.push('DATA_ENCRYPTION_ACTIVE_KEY: must name one of the keys in DATA_ENCRYPTION_KEYS');
  }
  if (values.REDIS_URL === undefined && values.REDIS_CLUSTER_NODES === undefined) {
    problems.push('REDIS_URL: is required (or REDIS_CLUSTER_NODES for a Redis Cluster)');
  }
  if ((values.ADMIN_EMAIL === undefined) !== (values.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  return problems;
}

function databaseFromUri(uri: string): string {
  const withoutScheme = uri.replace(/^mongodb(\+srv)?:\/\//, '');
  const slash = withoutScheme.indexOf('/');
  if (slash < 0) return '';
  return decodeURIComponent(withoutScheme.slice(slash + 1).split('?')[0] ?? '');
}

function stripeTarget(url: string): Config['stripeApi'] {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'https:' ? 'https' : 'http';
  return { host: parsed.hostname, port: Number(parsed.port || (protocol === 'https' ? 443 : 80)), protocol };
}
