import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

/** More tags than this (one per product page seen, plus a few) and the table starts again from empty. */
const MAX_TAGS = 200_000;
/** A subscription that does not answer a PING this long is treated as lost (a silent network partition). */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 3_000;

/** A version bump as published on the channel: `tag=version` pairs separated by spaces. */
export function formatBumpMessage(tags: readonly string[], versions: readonly number[]): string {
  return tags.map((tag, index) => `${tag}=${versions[index]}`).join(' ');
}

/**
 * The cache tags' versions as this process knows them, kept current by a Redis pub/sub subscription: every bump
 * (by any instance) is published with the tag's new version, and the version of a tag first seen is learnt from a
 * Redis read. Versions only grow (Redis INCR), so every update keeps the larger value, and a published version
 * arriving after a read of an even newer one changes nothing.
 *
 * While the subscription is not confirmed (starting, reconnecting, Redis down) `isSynced` is false and nothing
 * here may be trusted: bumps published meanwhile are missed. Losing the subscription therefore forgets every
 * version (`onReset` lets the owner drop what depended on them) and starts a new generation, so a Redis read begun
 * before the loss cannot teach a version afterwards; versions are then learnt afresh from Redis once subscribed.
 */
export function createTagVersions(options: {
  subscriber: Redis;
  channel: string;
  log: FastifyBaseLogger;
  onReset: () => void;
}) {
  const { subscriber, channel, log, onReset } = options;
  const versions = new Map<string, number>();
  let isSynced = false;
  /** Moves on whenever what a Redis read taught may no longer hold (lost subscription, failed bump). */
  let generation = 0;
  /** Moves on with each lost connection, so a SUBSCRIBE answered after a drop does not count. */
  let connection = 0;
  let isClosed = false;

  const raise = (tag: string, version: number) => {
    if (!((versions.get(tag) ?? -1) >= version)) versions.set(tag, version);
  };
  const reset = () => {
    generation += 1;
    versions.clear();
    onReset();
  };
  const lose = () => {
    if (isSynced) log.warn('cache invalidation channel lost; serving without the in-process cache until it is back');
    isSynced = false;
    connection += 1;
    reset();
  };

  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let wentBack = false;
    for (const pair of message.split(' ')) {
      const at = pair.lastIndexOf('=');
      const version = Number(pair.slice(at + 1));
      if (!(at > 0 && Number.isInteger(version))) continue;
      const tag = pair.slice(0, at);
      // A bump to a version below one already known means Redis lost its counters (FLUSHALL, eviction, a restore)
      // while the connection stayed up: entries made under the old numbers could match again, so forget them all.
      // (A bump overtaken by a Redis read of a newer version also lands here; forgetting then is merely wasteful.)
      if ((versions.get(tag) ?? -1) > version) wentBack = true;
      else raise(tag, version);
    }
    if (wentBack || versions.size > MAX_TAGS) reset();
  });
  subscriber.on('ready', () => {
    const subscribedOn = connection;
    subscriber.subscribe(channel).then(
      () => {
        // Only if the connection did not drop (and come back) while SUBSCRIBE was on its way.
        if (subscribedOn === connection && subscriber.status === 'ready') isSynced = true;
      },
      (error: unknown) => {
        if (isClosed) return;
        log.warn({ err: error }, 'cache invalidation channel: subscribe failed; reconnecting');
        subscriber.disconnect(true);
      },
    );
  });
  subscriber.on('close', lose);
  subscriber.on('error', () => {}); // the main connection already reports Redis trouble
  // A failed first attempt is retried by the client like any later reconnect.
  if (subscriber.status === 'wait') subscriber.connect().catch(() => undefined);

  const heartbeat = setInterval(() => {
    if (!isSynced) return;
    const timeout = setTimeout(() => {
      if (isClosed) return;
      log.warn('cache invalidation channel did not answer a ping; reconnecting');
      lose();
      subscriber.disconnect(true);
    }, HEARTBEAT_TIMEOUT_MS);
    timeout.unref();
    subscriber.ping().then(
      () => clearTimeout(timeout),
      () => clearTimeout(timeout),
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    /** True while bumps from every instance are being received: only then may in-process entries be served. */
    get isSynced() {
      return isSynced;
    },

    /** A token for a Redis read about to start; `learn` accepts what it returns only under the same token. */
    readToken(): number {
      return isSynced ? generation : -1;
    },

    /** True when every tag's known version is the one given (an entry computed under them is still current). */
    areCurrent(tags: readonly string[], expected: readonly number[]): boolean {
      if (!isSynced) return false;
      for (let index = 0; index < tags.length; index++) {
        const tag = tags[index];
        if (tag === undefined || versions.get(tag) !== expected[index]) return false;
      }
      return true;
    },

    /** Versions read from Redis under `token`; false (nothing learnt) when the subscription dropped meanwhile. */
    learn(token: number, tags: readonly string[], read: readonly number[]): boolean {
      if (!isSynced || token !== generation) return false;
      tags.forEach((tag, index) => raise(tag, read[index] ?? 0));
      if (versions.size > MAX_TAGS) reset();
      return true;
    },

    /** This instance bumped the tags: known at once, before the write is acknowledged (read-your-writes). */
    bumped(tags: readonly string[], newVersions: readonly number[]): void {
      // Our own bump below a version we knew: Redis lost its counters (see the message handler). Forget them all.
      if (tags.some((tag, index) => (versions.get(tag) ?? -1) > (newVersions[index] ?? Infinity))) {
        reset();
        return;
      }
      tags.forEach((tag, index) => {
        const version = newVersions[index];
        if (version === undefined) versions.delete(tag);
        else raise(tag, version);
      });
    },

    /** A bump that could not reach Redis: these tags' entries must not be served from memory until relearnt. */
    forget(tags: readonly string[]): void {
      generation += 1;
      tags.forEach((tag) => versions.delete(tag));
    },

    async close(): Promise<void> {
      isClosed = true;
      clearInterval(heartbeat);
      isSynced = false;
      subscriber.disconnect();
    },
  };
}

export type TagVersions = ReturnType<typeof createTagVersions>;
