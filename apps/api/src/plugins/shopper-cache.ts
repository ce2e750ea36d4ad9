import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createCache, type Cache, type CacheUse } from '../lib/cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Per-shopper hot state in front of MongoDB: session liveness, carts, the coupons they carry. MongoDB stays the
     * only durable copy; every write there invalidates what is cached here (docs/decisions/0010).
     */
    shopperCache: Cache;
  }
}

/**
 * A cache of its own, apart from the catalog's: its own memory budget (a flood of sessions does not evict the
 * listings) and its own invalidation channel (each instance hears only the bumps it can use).
 */
export const shopperCachePlugin = fp(
  async (app: FastifyInstance) => {
    const cache = createCache(app.redis, app.log, app.config.REDIS_KEY_PREFIX, {
      name: 'shopper',
      memoryBytes: app.config.SHOPPER_MEMORY_CACHE_BYTES,
      subscribeTo: app.config,
      enabled: app.config.SHOPPER_CACHE,
    });
    app.decorate('shopperCache', cache);
    app.addHook('onClose', () => cache.close());
  },
  { name: 'shopper-cache', dependencies: ['config', 'redis'] },
);

/** Session liveness: believed for SESSION_CACHE_SECONDS at most (every session-ending write invalidates it anyway). */
export const sessionCacheOf = (app: FastifyInstance): CacheUse => ({
  cache: app.shopperCache,
  ttlSeconds: app.config.SESSION_CACHE_SECONDS,
});

/** Carts and the coupons they carry: kept as long as catalog entries (every write invalidates them anyway). */
export const shopperStateCacheOf = (app: FastifyInstance): CacheUse => ({
  cache: app.shopperCache,
  ttlSeconds: app.config.CACHE_TTL_SECONDS,
});
