import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';

/** A cached response: the JSON text and its ETag, computed once when the entry is filled. */
export interface CachedJson {
  json: string;
  etag: string;
}

/**
 * Reads the tag versions and, with them, the entry in one round trip. The entry key is built inside the script, so
 * it carries the client's key prefix explicitly (ioredis prefixes only declared KEYS). Single-instance Redis only.
 */
const LOOKUP = `
local parts = {}
for i, value in ipairs(redis.call('MGET', unpack(KEYS))) do parts[i] = value or '0' end
local versions = table.concat(parts, '.')
return { versions, redis.call('GET', ARGV[1] .. versions) }
`;

type LookupRedis = Redis & { cacheLookup(keyCount: number, ...args: string[]): Promise<[string, string | null]> };

/**
 * A read-through JSON cache on Redis with versioned tags. A key embeds the current version of every tag it
 * depends on; a write bumps the tags it affects, so readers move to fresh keys at once and old entries simply
 * expire. A hit costs one Redis round trip (tags and entry read by one script). Concurrent misses for one key in a
 * process share one load (single flight). When Redis is down, loads go straight to the source: slower, never
 * broken. A bump that fails during an outage is replayed on reconnect, so entries cached before the outage cannot
 * outlive it.
 */
export function createCache(redis: Redis, log: FastifyBaseLogger, keyPrefix: string) {
  const inflight = new Map<string, Promise<CachedJson>>();
  const pendingBumps = new Set<string>();
  if (!('cacheLookup' in redis)) redis.defineCommand('cacheLookup', { lua: LOOKUP });
  const lookupRedis = redis as LookupRedis;

  redis.on('ready', () => {
    if (pendingBumps.size === 0) return;
    const tags = [...pendingBumps];
    pendingBumps.clear();
    void Promise.all(tags.map((tag) => redis.incr(`v:${tag}`))).catch(() =>
      tags.forEach((tag) => pendingBumps.add(tag)),
    );
  });

  const singleFlight = (key: string, load: () => Promise<CachedJson>): Promise<CachedJson> => {
    const running = inflight.get(key);
    if (running) return running;
    const promise = load().finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  };

  const encode = (value: unknown): CachedJson => {
    const json = JSON.stringify(value);
    return { json, etag: `W/"${createHash('sha1').update(json).digest('base64url').slice(0, 20)}"` };
  };

  return {
    /** The cached JSON for `key` (depending on `tags`), loading and storing it on a miss. */
    async getOrLoad(
      options: { key: string; tags: string[]; ttlSeconds: number },
      load: () => Promise<unknown>,
    ): Promise<CachedJson> {
      const entryBase = `c:${options.key}:`;
      let versions: string;
      let hit: string | null;
      try {
        [versions, hit] = await lookupRedis.cacheLookup(
          options.tags.length,
          ...options.tags.map((tag) => `v:${tag}`),
          `${keyPrefix}${entryBase}`,
        );
      } catch {
        return singleFlight(`nocache:${options.key}`, async () => encode(await load()));
      }
      if (hit) {
        const newline = hit.indexOf('\n');
        return { etag: hit.slice(0, newline), json: hit.slice(newline + 1) };
      }
      const entryKey = `${entryBase}${versions}`;
      return singleFlight(entryKey, async () => {
        const value = encode(await load());
        await redis.set(entryKey, `${value.etag}\n${value.json}`, 'EX', options.ttlSeconds).catch(() => undefined);
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
