import { z } from 'zod';

/**
 * Development-only secrets. They exist so `npm run dev` works with nothing configured; production refuses them
 * (see `checkProductionRules` in load-config.ts), and the launcher generates per-machine secrets for `npm start` anyway.
 */
export const DEV_SECRETS = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789abcdef',
  DATA_ENCRYPTION_KEYS: 'dev1:ZGV2LW9ubHktZGF0YS1rZXktMzItYnl0ZXMtbG9uZyE=',
  BLIND_INDEX_KEY: 'dev-only-blind-index-key-change-me-0123456789',
  STRIPE_WEBHOOK_SECRET: 'whsec_dev_only_secret',
} as const;

/** SEARCH_CANDIDATE_LIMIT when unset (benchmarks that run the search engine without a config use it too). */
export const SEARCH_CANDIDATE_DEFAULT = 1_000;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().nonnegative();

/** Every environment variable the API reads. `.env.example` documents each one; keep them in step. */
export const ZEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),

  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  /** Emit driver command events (tests count queries with them); off in normal operation. */
  MONGODB_MONITOR_COMMANDS: booleanFlag.default(false),
  CACHE_TTL_SECONDS: positiveInt.max(86_400).default(600),
  /**
   * Most products with options one listing reads to count its option facets (Size M: 12) and filter by them; a
   * listing holding more says `facets.isCapped` and counts the newest ones (docs/search.md).
   */
  CATALOG_OPTION_FACET_LIMIT: positiveInt.max(100_000).default(5_000),
  /**
   * Most products one search reads and ranks (the MongoDB engine's candidates, best tiers first); a query matching
   * more says `isCapped` and totals, ranks and counts those (docs/search.md). Suggestions read 100 whatever this is.
   */
  SEARCH_CANDIDATE_LIMIT: positiveInt.max(100_000).default(SEARCH_CANDIDATE_DEFAULT),
  /** Budget of each instance's in-process catalog cache (layer 1, in front of Redis); 0 turns that layer off. */
  CATALOG_MEMORY_CACHE_BYTES: nonNegativeInt.max(4 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /**
   * Session checks, carts and the coupons they carry, served from cache (in process and Redis) in front of MongoDB.
   * `false` reads them from MongoDB on every request (benchmarks compare the two; nothing else needs it off).
   */
  SHOPPER_CACHE: booleanFlag.default(true),
  /** Budget of each instance's in-process shopper-state cache; 0 keeps only the Redis layer. */
  SHOPPER_MEMORY_CACHE_BYTES: nonNegativeInt.max(4 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  /**
   * How long a cached "this session is live" may be believed without MongoDB. Ending a session invalidates it at
   * once everywhere; this bounds the one case invalidation cannot reach: an instance that ended a session while it
   * could not reach Redis.
   */
  SESSION_CACHE_SECONDS: positiveInt.max(60).default(5),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .optional(),
  /** One Redis (or a primary behind Sentinel/managed failover). Required unless REDIS_CLUSTER_NODES is set. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /**
   * A Redis Cluster instead: comma-separated seed node URLs (`redis://[:password@]host:port`, all with the same
   * credentials and scheme). When set, REDIS_URL is not used.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((node) => node.trim())
        .filter((node) => node.length > 0),
    )
    .pipe(z.array(z.string().regex(/^rediss?:\/\/[^/]+:\d+\/?$/, 'each node must be redis://host:port')).min(1))
    .optional(),
  /**
   * Prefix of every Redis key. No braces: Redis Cluster reads the first `{…}` of a key as its hash tag, and the
   * code places its own tags (one slot per cache, per throttle subject, for the job queue) after the prefix.
   */
  REDIS_KEY_PREFIX: z
    .string()
    .max(64)
    .regex(/^[^{}]*$/, 'must not contain { or } (Redis Cluster hash tags)')
    .default('mercato:'),

  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key (sk_test_… or sk_live_…)'),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').default(DEV_SECRETS.STRIPE_WEBHOOK_SECRET),
  STRIPE_API_URL: z.url().optional(),

  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_SECRETS.JWT_SECRET),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(15 * 60),
  REFRESH_TOKEN_TTL_DAYS: positiveInt.max(365).default(30),
  BCRYPT_COST: z.coerce.number().int().min(12, 'must be at least 12').max(15).default(12),
  AUTH_RATE_LIMIT_PER_IP: positiveInt.default(30),
  AUTH_RATE_LIMIT_PER_ACCOUNT: positiveInt.default(10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(15 * 60),
  /** Refreshes per account per window: every page load of a signed-in shopper refreshes once, on each device. */
  AUTH_REFRESH_RATE_LIMIT_PER_ACCOUNT: positiveInt.default(120),
  DATA_ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/,
      'must be keyId:base64Key[,keyId:base64Key…]',
    )
    .default(DEV_SECRETS.DATA_ENCRYPTION_KEYS),
  DATA_ENCRYPTION_ACTIVE_KEY: z.string().optional(),
  /**
   * Keys the HMAC blind indexes that let staff find an order or email by address without storing it in clear.
   * Unlike DATA_ENCRYPTION_KEYS it is not rotated by `keys:rotate`: changing it needs `keys:rotate --reindex`.
   */
  BLIND_INDEX_KEY: z.string().min(32, 'must be at least 32 characters').default(DEV_SECRETS.BLIND_INDEX_KEY),

  /** Retention (docs/privacy.md): how long each kind of record outlives its purpose. */
  RETENTION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
  SESSION_RETENTION_DAYS: positiveInt.max(3650).default(30),
  CART_RETENTION_DAYS: positiveInt.max(3650).default(90),
  MAIL_BODY_RETENTION_DAYS: nonNegativeInt.max(3650).default(30),
  MAIL_LOG_RETENTION_DAYS: positiveInt.max(3650).default(365),
  NOTIFICATION_RETENTION_DAYS: positiveInt.max(3650).default(365),
  AUDIT_RETENTION_DAYS: positiveInt.max(3650).default(730),
  UNPAID_ORDER_RETENTION_DAYS: positiveInt.max(3650).default(90),
  /** Exports a shopper can download per day (each is audit-logged). */
  EXPORT_RATE_LIMIT_PER_DAY: positiveInt.max(1000).default(5),

  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Mercato <shop@localhost>'),

  /**
   * On SIGTERM/SIGINT, how long the instance keeps serving with readiness failing before it closes, so a load
   * balancer that probes `/api/ready` takes it out of rotation first (longer than the probe interval × failures to
   * mark it down). 0: close at once (one instance, nothing to drain to).
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  RUN_WORKER: booleanFlag.default(true),
  /** When set, the standalone worker (`npm run worker`) answers `GET /health` on this port for container probes. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  RATE_LIMIT_MAX: positiveInt.default(300),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60),
  BODY_LIMIT_BYTES: positiveInt.max(50 * 1024 * 1024).default(256 * 1024),
  WEB_DIST_DIR: z.string().optional(),

  STORE_NAME: z.string().min(1).max(80).default('Mercato'),
  STORE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .default('USD'),
  SHIPPING_FLAT_RATE: nonNegativeInt.default(499),
  FREE_SHIPPING_THRESHOLD: nonNegativeInt.default(5000),
  LOYALTY_THRESHOLD: nonNegativeInt.default(20000),
  /** How often the background job releases abandoned checkouts and finishes interrupted fulfilments. */
  CHECKOUT_SWEEP_INTERVAL_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  CHECKOUT_SESSION_TTL_MINUTES: z.coerce.number().int().min(30).max(1440).default(30),

  /** Password of the demo admin the launcher's one-time seed creates (generated per checkout by `npm start`). */
  DEMO_ADMIN_PASSWORD: z.string().min(8).max(128).optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8).max(128).optional(),
});

export type TEnv = z.infer<typeof ZEnvSchema>;
