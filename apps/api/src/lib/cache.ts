import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createTagVersions, type TagVersions } from './cache-versions.js';
import { cachedJsonOf, sizeOf, type CachedJson } from './cached-response.js';
import { MemoryLru } from './memory-lru.js';

export type { CachedJson };

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

/**
 * Bumps the tags and publishes their new versions in one atomic step, so messages leave in the order the versions
 * were taken. ARGV: the channel, then the tag names (KEYS are the prefixed version keys).
 */
const BUMP = `
local versions = {}
local parts = {}
for i, key in ipairs(KEYS) do
  versions[i] = redis.call('INCR', key)
  parts[i] = ARGV[i + 1] .. '=' .. versions[i]
end
redis.call('PUBLISH', ARGV[1], table.concat(parts, ' '))
return versions
`;

type CacheRedis = Redis & {
  cacheLookup(keyCount: number, ...args: string[]): Promise<[string, string | null]>;
  cacheBump(keyCount: number, ...args: string[]): Promise<number[]>;
};

/** Per-entry bookkeeping counted against the memory budget on top of the body (key, tags, object headers). */
const ENTRY_OVERHEAD_BYTES = 256;

export interface CacheOptions {
  /** Budget of the in-process layer in bytes; 0 or absent: no in-process layer (and no subscription). */
  memoryBytes?: number;
}

interface MemoryEntry {
  value: CachedJson;
  tags: readonly string[];
  versions: readonly number[];
}

/**
 * A read-through JSON cache in two layers with versioned tags. A write bumps the tags it affects; an entry
 * computed under older versions is never served again.
 *
 * - Layer 2, Redis: the key of an entry embeds the current version of every tag it depends on, so readers move to
 *   fresh keys at once and old entries simply expire. One round trip (a script reads tag versions and entry).
 * - Layer 1, this process (optional): entries with the versions they were computed under, in a byte-bounded LRU.
 *   The versions themselves are held here too, and every bump is pushed to every instance through Redis pub/sub
 *   (`cache-versions.ts`), so a hit costs no network round trip at all. The instance that writes knows its own
 *   bump before it answers (read-your-writes); the others hear of it within milliseconds. Whenever the
 *   subscription is not confirmed the layer is bypassed, never trusted: reads go to Redis as they would without it.
 *
 * Concurrent misses for one key in a process share one load (single flight). When Redis is down, loads go straight
 * to the source: slower, never broken. A bump that fails during an outage is replayed on reconnect, so entries
 * cached before the outage cannot outlive it.
 */
export function createCache(redis: Redis, log: FastifyBaseLogger, keyPrefix: string, options: CacheOptions = {}) {
  const inflight = new Map<string, Promise<CachedJson>>();
  const pendingBumps = new Set<string>();
  const channel = `${keyPrefix}cache:versions`;
  if (!('cacheLookup' in redis)) redis.defineCommand('cacheLookup', { lua: LOOKUP });
  if (!('cacheBump' in redis)) redis.defineCommand('cacheBump', { lua: BUMP });
  const scripts = redis as CacheRedis;

  const memoryBytes = options.memoryBytes ?? 0;
  const memory = memoryBytes > 0 ? new MemoryLru<MemoryEntry>(memoryBytes) : undefined;
  // Named per instance, so an operator (or a test) can tell the instances' subscriptions apart in CLIENT LIST.
  const subscriberName = `${keyPrefix.replace(/[^\w:.-]/g, '_')}cache-subscriber-${randomBytes(4).toString('hex')}`;
  const versions: TagVersions | undefined = memory
    ? createTagVersions({
        subscriber: redis.duplicate({ autoResubscribe: false, connectionName: subscriberName }),
        channel,
        log,
        onReset: () => memory.clear(),
      })
    : undefined;
  const counts = { memoryHits: 0, redisHits: 0, loads: 0 };

  const sendBump = async (tags: string[]): Promise<void> => {
    const newVersions = await scripts.cacheBump(tags.length, ...tags.map((tag) => `v:${tag}`), channel, ...tags);
    versions?.bumped(tags, newVersions);
  };

  redis.on('ready', () => {
    if (pendingBumps.size === 0) return;
    const tags = [...pendingBumps];
    pendingBumps.clear();
    sendBump(tags).catch(() => tags.forEach((tag) => pendingBumps.add(tag)));
  });

  const singleFlight = (key: string, load: () => Promise<CachedJson>): Promise<CachedJson> => {
    const running = inflight.get(key);
    if (running) return running;
    const promise = load().finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  };

  /** Keeps an entry read or computed under `versionList` (read from Redis under `token`) in layer 1. */
  const keep = (
    key: string,
    tags: readonly string[],
    versionList: string,
    value: CachedJson,
    token: number,
    ttlMs: number,
  ) => {
    if (!memory || !versions) return;
    const read = versionList.split('.').map(Number);
    if (!versions.learn(token, tags, read)) return;
    const entry: MemoryEntry = { value, tags, versions: read };
    memory.set(key, entry, sizeOf(value) + key.length + ENTRY_OVERHEAD_BYTES, ttlMs);
    value.copies.retain((bytes) => memory.grow(key, entry, bytes));
  };

  return {
    /** The cached JSON for `key` (depending on `tags`), loading and storing it on a miss. */
    async getOrLoad(
      options: { key: string; tags: readonly string[]; ttlSeconds: number },
      load: () => Promise<unknown>,
    ): Promise<CachedJson> {
      const { key, tags, ttlSeconds } = options;
      if (memory && versions?.isSynced) {
        const entry = memory.get(key);
        if (entry && versions.areCurrent(entry.tags, entry.versions)) {
          counts.memoryHits += 1;
          return entry.value;
        }
      }
      const token = versions?.readToken() ?? -1;
      const entryBase = `c:${key}:`;
      let versionList: string;
      let hit: string | null;
      try {
        [versionList, hit] = await scripts.cacheLookup(
          tags.length,
          ...tags.map((tag) => `v:${tag}`),
          `${keyPrefix}${entryBase}`,
        );
      } catch {
        return singleFlight(`nocache:${key}`, async () => cachedJsonOf(JSON.stringify(await load()), { isHit: false }));
      }
      if (hit) {
        counts.redisHits += 1;
        const newline = hit.indexOf('\n');
        const value = cachedJsonOf(hit.slice(newline + 1), { etag: hit.slice(0, newline), isHit: true });
        keep(key, tags, versionList, value, token, ttlSeconds * 1_000);
        return value;
      }
      const entryKey = `${entryBase}${versionList}`;
      return singleFlight(entryKey, async () => {
        counts.loads += 1;
        const built = cachedJsonOf(JSON.stringify(await load()), { isHit: false });
        await redis.set(entryKey, `${built.etag}\n${built.json}`, 'EX', ttlSeconds).catch(() => undefined);
        // Later readers get it from memory as a hit; the requests that waited for this load answer a miss.
        keep(key, tags, versionList, { ...built, isHit: true }, token, ttlSeconds * 1_000);
        return built;
      });
    },

    /** Invalidates everything cached under these tags, on every instance. Call after the database write succeeded. */
    async bump(...tags: string[]): Promise<void> {
      if (tags.length === 0) return;
      try {
        await sendBump(tags);
      } catch (error) {
        versions?.forget(tags);
        tags.forEach((tag) => pendingBumps.add(tag));
        log.warn({ err: error, tags }, 'cache invalidation deferred until redis is back');
      }
    },

    /** What the cache holds and how it answered so far (tests, diagnostics). */
    stats() {
      return {
        memory: !memory ? ('off' as const) : versions?.isSynced ? ('on' as const) : ('bypassed' as const),
        memoryEntries: memory?.size ?? 0,
        memoryBytes: memory?.bytes ?? 0,
        subscriberName: memory ? subscriberName : undefined,
        ...counts,
      };
    },

    async close(): Promise<void> {
      await versions?.close();
    },
  };
}

export type Cache = ReturnType<typeof createCache>;
