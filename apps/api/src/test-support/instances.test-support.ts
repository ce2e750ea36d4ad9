import type { TestApp } from './harness.test-support.js';

/**
 * The environment that makes a new test app another instance of `shop`'s shop: the same database, Redis (or Redis
 * Cluster) and key prefix, and the same secrets, so tokens signed and data sealed by one are valid on the other.
 */
export function sameShopEnv(shop: TestApp): Record<string, string> {
  const { config } = shop;
  return {
    MONGODB_URI: config.MONGODB_URI,
    REDIS_URL: config.REDIS_URL,
    ...(config.REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES: config.REDIS_CLUSTER_NODES.join(',') } : {}),
    REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
    JWT_SECRET: config.JWT_SECRET,
    DATA_ENCRYPTION_KEYS: config.DATA_ENCRYPTION_KEYS,
    BLIND_INDEX_KEY: config.BLIND_INDEX_KEY,
  };
}
