import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** A connection for commands: one Redis node, or a Redis Cluster routing each command to its slot's node. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: one URL, or a cluster's seed nodes (REDIS_CLUSTER_NODES wins when set). */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: readonly string[] | undefined;
}

/** Options that mean the same on both kinds of connection (ioredis splits them between two option objects). */
export interface ClientOptions {
  keyPrefix?: string;
  connectionName?: string;
  lazyConnect?: boolean;
  /** False: a command issued while Redis is unreachable rejects at once instead of waiting for a reconnect. */
  enableOfflineQueue?: boolean;
  /** null: retry forever (BullMQ's blocking connections require it). */
  maxRetriesPerRequest?: number | null;
  enableAutoPipelining?: boolean;
  connectTimeout?: number;
  retryStrategy?: (attempt: number) => number | null;
  /** Subscribers only: false when the owner re-subscribes itself (and must know when it is not subscribed). */
  autoResubscribe?: boolean;
}

export const isCluster = (target: RedisTarget): boolean => (target.REDIS_CLUSTER_NODES?.length ?? 0) > 0;

/**
 * Opens a command connection to `target`: an ioredis `Cluster` when REDIS_CLUSTER_NODES is set (it follows MOVED
 * and ASK redirections and refreshes the slot map), a plain `Redis` otherwise. Every connection the app opens for
 * commands comes from here, so no code path is left talking to one cluster node as if it were the whole of Redis.
 */
export function createRedisClient(target: RedisTarget, options: ClientOptions = {}): RedisClient {
  const { retryStrategy, enableOfflineQueue, autoResubscribe: _unused, ...common } = options;
  const nodes = target.REDIS_CLUSTER_NODES;
  if (!nodes || nodes.length === 0) return new Redis(target.REDIS_URL, options as RedisOptions);
  const first = new URL(nodes[0] ?? '');
  const clusterOptions: ClusterOptions = {
    keyPrefix: common.keyPrefix,
    lazyConnect: common.lazyConnect,
    enableAutoPipelining: common.enableAutoPipelining,
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(retryStrategy ? { clusterRetryStrategy: retryStrategy } : {}),
    redisOptions: {
      ...nodeCredentials(first),
      connectionName: common.connectionName,
      connectTimeout: common.connectTimeout,
      ...(common.maxRetriesPerRequest === undefined ? {} : { maxRetriesPerRequest: common.maxRetriesPerRequest }),
    },
  };
  return new Cluster(
    nodes.map((node) => {
      const url = new URL(node);
      return { host: url.hostname, port: Number(url.port) };
    }),
    clusterOptions,
  );
}

/**
 * Opens a connection for SUBSCRIBE: always one node. Classic pub/sub on a Redis Cluster is broadcast over the
 * cluster bus, so any node hears every PUBLISH. A plain connection (rather than the Cluster client's internal
 * subscriber, which moves between nodes on its own and says nothing when it does) keeps what the cache's
 * invalidation relies on: its 'ready', 'close' and PING are those of the very socket the messages arrive on, so a
 * gap is always noticed. With a cluster, each process picks one seed node at random, spreading the subscribers;
 * while that node is down the subscription is lost and noticed like any other drop.
 */
export function createSubscriber(target: RedisTarget, options: ClientOptions = {}): Redis {
  const nodes = target.REDIS_CLUSTER_NODES;
  const url = nodes && nodes.length > 0 ? (nodes[Math.floor(Math.random() * nodes.length)] ?? '') : target.REDIS_URL;
  return new Redis(url, options as RedisOptions);
}

function nodeCredentials(url: URL): RedisOptions {
  return {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
