import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

/**
 * A read-through JSON cache on Redis with versioned tags. A key embeds the current version of every tag it
 * depends on; a write bumps the tags it affects, so readers move to fresh keys at once and old entries simply
 * expire. Concurrent misses for one key in a process share one load (single flight). When Redis is down, loads go
 * straight to the source: slower, never broken. A bump that fails during an outage is replayed on reconnect, so
 * entries cached before the outage cannot outlive it.
 */
export function createCache(redis: Redis, log: FastifyBaseLogger) {
  const inflight = new Map<string, Promise<string>>();
  const pendingBumps = new Set<string>();

  redis.on('ready', () => {
    if (pendingBumps.size === 0) return;
    const tags = [...pendingBumps];
    pendingBumps.clear();
    void Promise.all(tags.map((tag) => redis.incr(`v:${tag}`))).catch(() =>
      tags.forEach((tag) => pendingBumps.add(tag)),
    );
  });

  const singleFlight = (key: string, load: () => Promise<string>): Promise<string> => {
    const running = inflight.get(key);
    if (running) return running;
    const promise = load().finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  };

  return {
    /** The cached JSON for `key` (depending on `tags`), loading and storing it on a miss. */
    async getOrLoad(
      options: { key: string; tags: string[]; ttlSeconds: number },
      load: () => Promise<unknown>,
    ): Promise<string> {
      let versions: (string | null)[];
      try {
        versions = await redis.mget(options.tags.map((tag) => `v:${tag}`));
      } catch {
        return singleFlight(`nocache:${options.key}`, async () => JSON.stringify(await load()));
      }
      const fullKey = `c:${options.key}:${versions.map((version) => version ?? '0').join('.')}`;
      const hit = await redis.get(fullKey).catch(() => null);
      if (hit !== null) return hit;
      return singleFlight(fullKey, async () => {
        const value = JSON.stringify(await load());
        await redis.set(fullKey, value, 'EX', options.ttlSeconds).catch(() => undefined);
        return value;
      });
    },

    /** Invalidates everything cached under these tags. Call after the database write has succeeded. */
    async bump(...tags: string[]): Promise<void> {
      try {
        await Promise.all(tags.map((tag) => redis.incr(`v:${tag}`)));
      } catch (error) {
        tags.forEach((tag) => pendingBumps.add(tag));
        log.warn({ err: error, tags }, 'cache invalidation deferred until redis is back');
      }
    },
  };
}

export type Cache = ReturnType<typeof createCache>;
