import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createRedisClient, type RedisClient } from '../lib/redis-client.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Cache, rate-limit counters, locks. Commands fail fast while Redis is down: callers fall back, never hang.
     * A Redis Cluster client when REDIS_CLUSTER_NODES is set: every multi-key command and script must keep its keys
     * in one slot (hash tags; see lib/cache.ts and lib/throttle.ts).
     */
    redis: RedisClient;
  }
}

export const redisPlugin = fp(
  async (app: FastifyInstance) => {
    const redis = createRedisClient(app.config, {
      keyPrefix: app.config.REDIS_KEY_PREFIX,
      lazyConnect: true,
      // No offline queue: while Redis is unreachable a command rejects at once, so a cache read falls back to
      // MongoDB immediately instead of waiting for a reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // Commands issued in the same tick by concurrent requests share one socket write.
      enableAutoPipelining: true,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    });
    let lastWarning = 0;
    redis.on('error', (error: Error) => {
      if (Date.now() - lastWarning < 10_000) return;
      lastWarning = Date.now();
      app.log.warn({ err: error }, 'redis unavailable; serving without cache');
    });
    try {
      await redis.connect();
    } catch (error) {
      app.log.warn({ err: error }, 'redis not reachable at start; the API starts degraded and keeps retrying');
    }
    app.decorate<RedisClient>('redis', redis);
    app.addHook('onClose', async () => {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    });
  },
  { name: 'redis', dependencies: ['config'] },
);
