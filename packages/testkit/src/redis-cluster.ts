import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { freePort } from './ports.js';
import { startRedisServer, type RedisServerHandle } from './redis.js';

const run = promisify(execFile);

export interface RedisClusterHandle {
  /** Seed node URLs, as REDIS_CLUSTER_NODES takes them (comma-joined). */
  nodes: string[];
  servers: RedisServerHandle[];
  stop(): Promise<void>;
}

/**
 * Starts a real Redis Cluster of `masters` redis-server processes (no replicas) on free loopback ports and joins
 * them with `redis-cli --cluster create`, returning once every node reports the cluster ok and all 16384 slots
 * covered. Three masters is the smallest cluster redis-cli accepts, and enough for keys to land on different nodes.
 */
export async function startRedisCluster(options: { masters?: number } = {}): Promise<RedisClusterHandle> {
  const masters = options.masters ?? 3;
  const ports: number[] = [];
  while (ports.length < masters) {
    const port = await freeNodePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const servers: RedisServerHandle[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    for (const port of ports) {
      servers.push(
        await startRedisServer({
          port,
          // The node table lives in each server's own temporary directory; AOF is off (test data only).
          args: [
            ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
            ...['--cluster-node-timeout', '3000', '--appendonly', 'no'],
          ],
        }),
      );
    }
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 30_000,
    });
    await Promise.all(ports.map((port) => waitForClusterOk(port, 20_000)));
    return { nodes: ports.map((port) => `redis://127.0.0.1:${port}`), servers, stop };
  } catch (error) {
    await stop();
    throw new Error(`could not start a Redis Cluster: ${(error as Error).message}`, { cause: error });
  }
}

/** A free port whose cluster bus port (port + 10000, Redis's rule) is free and valid too. */
async function freeNodePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort();
    if (port + 10_000 <= 65_535 && (await isFree(port + 10_000))) return port;
  }
  throw new Error('no free port pair (port, port + 10000) for a cluster node');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Polls CLUSTER INFO until the node sees the cluster as ok: gossip needs a moment after `create` returns. */
async function waitForClusterOk(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info']).catch(() => ({ stdout: '' }));
    last = stdout;
    if (/cluster_state:ok/.test(stdout) && /cluster_slots_ok:16384/.test(stdout)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`node 127.0.0.1:${port} did not report cluster_state:ok within ${timeoutMs} ms:\n${last}`);
}
