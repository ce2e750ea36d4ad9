import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { BSON } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { createTagVersions, type TagVersions } from './cache-versions.js';
import { cachedJsonOf, sizeOf, type CachedJson } from './cached-response.js';
import { MemoryLru } from './memory-lru.js';
import { createSubscriber, type RedisClient, type RedisTarget } from './redis-client.js';

export type { CachedJson };

const { EJSON } = BSON;

/**
 * Reads the tag versions and, with them, the entry in one round trip. KEYS: the tags' version keys, then the
 * entry's base key; the entry key is that base plus the versions read, so it is only known inside the script.
 *
 * Redis Cluster: every key of one cache carries the cache's hash tag (`{cache}`, `{cache:shopper}`), so all the
 * keys a script declares, and the entry key it derives from a declared one, are in one slot on one node.
 */
const LOOKUP = `
local parts = {}
if #KEYS > 1 then
  for i, value in ipairs(redis.call('MGET', unpack(KEYS, 1, #KEYS - 1))) do parts[i] = value or '0' end
end
local versions = table.concat(parts, '.')
return { versions, redis.call('GET', KEYS[#KEYS] .. versions) }
`;

/**
 * Bumps the tags and publishes their new versions in one atomic step, so messages leave in the order the versions
 * were taken. KEYS: the version keys to bump, then the entries to delete before the bump (each: its base key, then
 * its version keys), so an entry holding a shopper's data does not linger in Redis until it expires once the data
 * it copies is gone. ARGV: the channel, how many keys are bumped, their tag names, then each entry's tag count.
 * Every key is declared (ioredis prefixes them; a cluster routes by them) and shares the cache's hash tag.
 *
 * A tag Redis does not know (new, or its counter lost to FLUSHALL, eviction or an empty restart while the
 * instances stayed subscribed) starts at Redis's clock in microseconds rather than at 1. Counting from 1 again
 * would hand out a version an instance may still hold an in-process entry under (made before the loss), and that
 * stale entry would be served as current. The clock is above every version the tag had before (each bump takes
 * Redis more than a microsecond), so a lost counter always comes back higher.
 */
const BUMP = `
local bumped = tonumber(ARGV[2])
local at = bumped + 1
local described = bumped + 3
while at <= #KEYS do
  local count = tonumber(ARGV[described])
  local parts = {}
  for i = 1, count do parts[i] = redis.call('GET', KEYS[at + i]) or '0' end
  redis.call('DEL', KEYS[at] .. table.concat(parts, '.'))
  at = at + 1 + count
  described = described + 1
end
local versions = {}
local parts = {}
for i = 1, bumped do
  local key = KEYS[i]
  local version = redis.call('INCR', key)
  if version == 1 then
    local now = redis.call('TIME')
    version = tonumber(now[1]) * 1000000 + tonumber(now[2])
    redis.call('SET', key, string.format('%.0f', version))
  end
  versions[i] = version
  parts[i] = ARGV[i + 2] .. '=' .. string.format('%.0f', version)
end
redis.call('PUBLISH', ARGV[1], table.concat(parts, ' '))
return versions
`;

type CacheRedis = RedisClient & {
  cacheLookup(keyCount: number, ...args: string[]): Promise<[string, string | null]>;
  cacheBump(keyCount: number, ...args: string[]): Promise<number[]>;
};

/** Per-entry bookkeeping counted against the memory budget on top of the body (key, tags, object headers). */
const ENTRY_OVERHEAD_BYTES = 256;

export interface CacheOptions {
  /** Budget of the in-process layer in bytes; 0 or absent: no in-process layer (and no subscription). */
  memoryBytes?: number;
  /**
   * Names this cache's invalidation channel, so caches of unrelated data (the catalog, shopper state) each hear
   * only their own bumps. Tags live in one namespace in Redis: give them distinct prefixes.
   */
  name?: string;
  /** False: every read loads from the source and nothing is stored (to measure the path without the cache). */
  enabled?: boolean;
  /** Where the invalidation subscription connects (the app's config); required with `memoryBytes`. */
  subscribeTo?: RedisTarget;
}

interface MemoryEntry {
  value: unknown;
  tags: readonly string[];
  versions: readonly number[];
}

/** How one kind of cached value is stored in Redis and held in memory. */
interface Codec<V> {
  /** The value a load produced, and its text for Redis. */
  encode(loaded: unknown): { value: V; stored: string };
  /** A value read back from Redis (a hit). */
  decode(stored: string): V;
  /** What to keep in memory for a freshly loaded value (later readers see it as a hit). */
  asKept(value: V): V;
  /** Bytes the value holds in memory (its stored text is given, already measured). */
  bytes(value: V, stored: string): number;
  /** Called once the value is held in memory, for values that grow later (compressed copies). */
  retain?(value: V, grow: (bytes: number) => void): void;
  /** The value to keep in memory, given how to find it there again later (`reread`): responses carry it. */
  bind?(value: V, reread: () => V | undefined): V;
}

/** Responses: the JSON text with its ETag, sent as bytes and compressed once per encoding. */
const RESPONSE: Codec<CachedJson> = {
  encode(loaded) {
    const value = cachedJsonOf(JSON.stringify(loaded), { isHit: false });
    return { value, stored: `${value.etag}\n${value.json}` };
  },
  decode(stored) {
    const newline = stored.indexOf('\n');
    return cachedJsonOf(stored.slice(newline + 1), { etag: stored.slice(0, newline), isHit: true });
  },
  asKept: (value) => ({ ...value, isHit: true }),
  bytes: (value) => sizeOf(value),
  retain: (value, grow) => value.copies.retain(grow),
  bind: (value, reread) => ({ ...value, reread }),
};

/**
 * Values that code reads rather than sends: anything a MongoDB document holds (ObjectIds and Dates come back as
 * themselves; stored in Redis as relaxed Extended JSON). A value from memory is shared by every reader, so its plain
 * objects and arrays are frozen: a caller that tried to change one would throw instead of corrupting what the next
 * request reads.
 */
const VALUE: Codec<unknown> = {
  encode(loaded) {
    const stored = EJSON.stringify(loaded ?? null, { relaxed: true });
    return { value: deepFreeze(EJSON.parse(stored, { relaxed: true })), stored };
  },
  decode: (stored) => deepFreeze(EJSON.parse(stored, { relaxed: true })),
  asKept: (value) => value,
  // UTF-16 text and object overhead: roughly twice the stored text, twice again for the objects around it.
  bytes: (_value, stored) => stored.length * 4,
};

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  // Only plain objects and arrays: an ObjectId or a Date is a class instance (a buffer inside cannot be frozen).
  if (!(Array.isArray(value) || prototype === Object.prototype || prototype === null)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

/** An entry to delete from Redis along with a bump: its key and the tags it was cached under (see BUMP). */
export interface CacheEntryRef {
  key: string;
  tags: readonly string[];
}

/** One Redis Cluster hash tag per cache: its scripts read and write several of its keys in one step. */
function slotOf(cacheName: string | undefined): string {
  return cacheName ? `{cache:${cacheName}}` : '{cache}';
}

/**
 * The pub/sub channel on which the cache named `cacheName` announces every bump to every instance, as
 * `tag=version` pairs separated by spaces.
 */
export function versionsChannel(keyPrefix: string, cacheName?: string): string {
  return cacheName ? `${keyPrefix}cache:${cacheName}:versions` : `${keyPrefix}cache:versions`;
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
 * to the source: slower, never broken. A bump that fails during an outage is replayed on reconnect (with the
 * deletions that went with it), so entries cached before the outage cannot outlive it.
 */
export function createCache(redis: RedisClient, log: FastifyBaseLogger, keyPrefix: string, options: CacheOptions = {}) {
  const inflight = new Map<string, Promise<unknown>>();
  const pendingBumps = new Set<string>();
  /** Entries to delete that an outage kept from going with their bump: deleted when the bump is replayed. */
  const pendingDrops = new Map<string, CacheEntryRef>();
  const channel = versionsChannel(keyPrefix, options.name);
  const slot = slotOf(options.name);
  const versionKey = (tag: string) => `${slot}v:${tag}`;
  const entryBaseOf = (key: string) => `${slot}c:${key}:`;
  if (!('cacheLookup' in redis)) redis.defineCommand('cacheLookup', { lua: LOOKUP });
  if (!('cacheBump' in redis)) redis.defineCommand('cacheBump', { lua: BUMP });
  const scripts = redis as CacheRedis;

  const isEnabled = options.enabled ?? true;
  const memoryBytes = isEnabled ? (options.memoryBytes ?? 0) : 0;
  const memory = memoryBytes > 0 ? new MemoryLru<MemoryEntry>(memoryBytes) : undefined;
  // Named per instance, so an operator (or a test) can tell the instances' subscriptions apart in CLIENT LIST.
  const subscriberName = `${keyPrefix.replace(/[^\w:.-]/g, '_')}cache-subscriber-${randomBytes(4).toString('hex')}`;
  const versions: TagVersions | undefined = memory
    ? createTagVersions({
        subscriber: subscriberFor(options.subscribeTo, subscriberName),
        channel,
        log,
        onReset: () => memory.clear(),
      })
    : undefined;
  const counts = { memoryHits: 0, redisHits: 0, loads: 0 };

  const sendBump = async (tags: string[], drop: readonly CacheEntryRef[] = []): Promise<void> => {
    const dropKeys = drop.flatMap((entry) => [entryBaseOf(entry.key), ...entry.tags.map(versionKey)]);
    const newVersions = await scripts.cacheBump(
      tags.length + dropKeys.length,
      ...tags.map(versionKey),
      ...dropKeys,
      channel,
      String(tags.length),
      ...tags,
      ...drop.map((entry) => String(entry.tags.length)),
    );
    versions?.bumped(tags, newVersions);
  };

  const defer = (tags: readonly string[], drop: readonly CacheEntryRef[]) => {
    tags.forEach((tag) => pendingBumps.add(tag));
    drop.forEach((entry) => pendingDrops.set(entry.key, entry));
  };

  redis.on('ready', () => {
    if (pendingBumps.size === 0) return;
    const tags = [...pendingBumps];
    const drop = [...pendingDrops.values()];
    pendingBumps.clear();
    pendingDrops.clear();
    sendBump(tags, drop).catch(() => defer(tags, drop));
  });

  function singleFlight<V>(key: string, load: () => Promise<V>): Promise<V> {
    const running = inflight.get(key);
    if (running) return running as Promise<V>;
    const promise = load().finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }

  /** Keeps an entry read or computed under `versionList` (read from Redis under `token`) in layer 1. */
  function keep<V>(
    codec: Codec<V>,
    key: string,
    tags: readonly string[],
    versionList: string,
    kept: { value: V; stored: string },
    token: number,
    ttlMs: number,
  ): void {
    if (!memory || !versions) return;
    const read = versionList.split('.').map(Number);
    if (!versions.learn(token, tags, read)) return;
    const value = codec.bind ? codec.bind(kept.value, () => peek(key) as V | undefined) : kept.value;
    const entry: MemoryEntry = { value, tags, versions: read };
    memory.set(key, entry, codec.bytes(value, kept.stored) + key.length + ENTRY_OVERHEAD_BYTES, ttlMs);
    codec.retain?.(value, (bytes) => memory.grow(key, entry, bytes));
  }

  /** The value held in this process for `key`, if it is there and current (the subscription confirmed). */
  function peek(key: string): unknown {
    if (!memory || !versions?.isSynced) return undefined;
    const entry = memory.get(key);
    if (!entry || !versions.areCurrent(entry.tags, entry.versions)) return undefined;
    counts.memoryHits += 1;
    return entry.value;
  }

  /** The value for `key` from memory, else Redis, else `load` (stored in both), as `codec` holds it. */
  async function read<V>(
    codec: Codec<V>,
    options: { key: string; tags: readonly string[]; ttlSeconds: number },
    load: () => Promise<unknown>,
  ): Promise<V> {
    const { key, tags, ttlSeconds } = options;
    if (!isEnabled) return codec.encode(await load()).value;
    const held = peek(key);
    if (held !== undefined) return held as V;
    const token = versions?.readToken() ?? -1;
    const entryBase = entryBaseOf(key);
    let versionList: string;
    let hit: string | null;
    try {
      [versionList, hit] = await scripts.cacheLookup(tags.length + 1, ...tags.map(versionKey), entryBase);
    } catch {
      return singleFlight(`nocache:${key}`, async () => codec.encode(await load()).value);
    }
    if (hit) {
      counts.redisHits += 1;
      const value = codec.decode(hit);
      keep(codec, key, tags, versionList, { value, stored: hit }, token, ttlSeconds * 1_000);
      return value;
    }
    const entryKey = `${entryBase}${versionList}`;
    return singleFlight(entryKey, async () => {
      counts.loads += 1;
      const built = codec.encode(await load());
      await redis.set(entryKey, built.stored, 'EX', ttlSeconds).catch(() => undefined);
      // Later readers get it from memory as a hit; the requests that waited for this load answer a miss.
      keep(codec, key, tags, versionList, { ...built, value: codec.asKept(built.value) }, token, ttlSeconds * 1_000);
      return built.value;
    });
  }

  /**
   * Invalidates the tags, and deletes the current Redis copy of the entries named in `drop` (and this process's
   * copy) in the same step: for entries that copy a shopper's data, which must go when the data goes.
   */
  async function invalidate(tags: string[], drop: readonly CacheEntryRef[] = []): Promise<void> {
    if (tags.length === 0 || !isEnabled) return;
    for (const entry of drop) memory?.delete(entry.key);
    try {
      await sendBump(tags, drop);
    } catch (error) {
      versions?.forget(tags);
      defer(tags, drop);
      log.warn({ err: error, tags }, 'cache invalidation deferred until redis is back');
    }
  }

  return {
    /** The cached JSON response for `key` (depending on `tags`), loading and storing it on a miss. */
    getOrLoad(
      options: { key: string; tags: readonly string[]; ttlSeconds: number },
      load: () => Promise<unknown>,
    ): Promise<CachedJson> {
      return read(RESPONSE, options, load);
    },

    /**
     * The cached value for `key`, for code to read (not to send): a document-like value (see VALUE), frozen and
     * shared with other readers. `null` is a value like any other (e.g. "no cart yet").
     */
    getOrLoadValue<T>(
      options: { key: string; tags: readonly string[]; ttlSeconds: number },
      load: () => Promise<T>,
    ): Promise<T> {
      return read(VALUE, options, load) as Promise<T>;
    },

    /**
     * The value `getOrLoadValue` would answer for `key` right now from this process's memory, without a promise:
     * undefined when it is not held there (or not current), and the caller must then ask `getOrLoadValue`. For the
     * hot-read path, which answers a request in one step when everything it needs is held.
     */
    held<T>(key: string): T | undefined {
      return peek(key) as T | undefined;
    },

    /** Invalidates everything cached under these tags, on every instance. Call after the database write succeeded. */
    bump: (...tags: string[]): Promise<void> => invalidate(tags),

    invalidate,

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

/** The invalidation subscription's own connection: one node even on a Redis Cluster (see `createSubscriber`). */
function subscriberFor(target: RedisTarget | undefined, connectionName: string): Redis {
  if (!target) throw new Error('createCache: an in-process layer (memoryBytes) needs subscribeTo');
  // Like the app's main connection: fail fast while Redis is down, keep retrying in the background.
  return createSubscriber(target, {
    autoResubscribe: false,
    connectionName,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
  });
}

/** A cache as one kind of data uses it: where, and how long an entry may live. */
export interface CacheUse {
  cache: Cache;
  ttlSeconds: number;
}
