import type { FastifyInstance } from 'fastify';

const PROBE_TIMEOUT_MS = 1_500;

/** Pings MongoDB and Redis, each bounded by a short timeout so a hung dependency cannot hang the probe. */
export async function checkDependencies(app: FastifyInstance): Promise<{ mongo: 'up' | 'down'; redis: 'up' | 'down' }> {
  const [mongo, redis] = await Promise.all([
    probe(() => app.mongo.db.command({ ping: 1 })),
    probe(() => app.redis.ping()),
  ]);
  return { mongo, redis };
}

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
