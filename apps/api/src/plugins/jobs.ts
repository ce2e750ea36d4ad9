import { Queue, Worker, type Job } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createRedisClient, isCluster, type RedisClient } from '../lib/redis-client.js';

export type JobHandler<T = unknown> = (data: T, job: Job) => Promise<void>;

export interface EnqueueOptions {
  /** Deduplicates: a job with the same id is not added twice while it exists. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

export interface JobQueue {
  /** Registers the handler for a job name; modules call this while they register. */
  define<T>(name: string, handler: JobHandler<T>): void;
  enqueue<T>(name: string, data: T, options?: EnqueueOptions): Promise<void>;
  /**
   * Runs `name` every `everyMs` on one worker across all instances (a BullMQ job scheduler, not a local timer).
   * Returns at once: while Redis is unreachable the schedule is retried in the background, so start-up never waits.
   */
  every(name: string, everyMs: number): void;
  /** True while this process's worker is running and its Redis connection is up (the worker's health check). */
  isWorking(): boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

const QUEUE_NAME = 'mercato';

/**
 * Background jobs on Redis (BullMQ). The worker runs in-process unless RUN_WORKER=false, in which case
 * `npm run worker` (a separate process, or several) picks the jobs up. Retries use exponential backoff.
 */
export const jobsPlugin = fp(
  async (app: FastifyInstance) => {
    const prefix = queuePrefix(app.config.REDIS_KEY_PREFIX, isCluster(app.config));
    // BullMQ needs its own connections (blocking commands, no ioredis keyPrefix). The queue's connection fails fast
    // so an enqueue during a Redis outage errors instead of hanging a request; the worker's waits patiently.
    const queueConnection = createRedisClient(app.config, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    queueConnection.on('error', () => {});
    await queueConnection
      .connect()
      .catch((error: unknown) => app.log.warn({ err: error }, 'job queue: redis not reachable yet'));
    const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix, skipVersionCheck: true });
    queue.on('error', () => {});
    const handlers = new Map<string, JobHandler>();
    let worker: Worker | undefined;
    let isClosing = false;
    let workerConnection: RedisClient | undefined;

    const jobs: JobQueue = {
      define(name, handler) {
        if (handlers.has(name)) throw new Error(`job "${name}" is defined twice`);
        handlers.set(name, handler as JobHandler);
      },
      async enqueue(name, data, options = {}) {
        await queue.add(name, data, {
          jobId: options.jobId,
          delay: options.delayMs,
          attempts: options.attempts ?? 5,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: { count: 1_000 },
          removeOnFail: { count: 5_000 },
        });
      },
      every(name, everyMs) {
        const attempt = async () => {
          if (isClosing) return;
          const scheduled = queue.upsertJobScheduler(name, { every: everyMs }, { name, data: {} }).then(
            () => true,
            () => false,
          );
          if (await Promise.race([scheduled, sleep(5_000).then(() => false)])) return;
          app.log.warn({ job: name }, 'job schedule not registered yet (redis unreachable); retrying');
          setTimeout(() => void attempt(), 5_000).unref();
        };
        void attempt();
      },
      isWorking() {
        return worker?.isRunning() === true && workerConnection?.status === 'ready';
      },
    };
    app.decorate('jobs', jobs);

    app.addHook('onReady', async () => {
      if (!app.config.RUN_WORKER) return;
      workerConnection = createRedisClient(app.config, { maxRetriesPerRequest: null });
      workerConnection.on('error', () => {});
      worker = new Worker(
        QUEUE_NAME,
        async (job) => {
          const handler = handlers.get(job.name);
          if (!handler) throw new Error(`no handler for job "${job.name}"`);
          await handler(job.data, job);
        },
        { connection: workerConnection, prefix, concurrency: 4, skipVersionCheck: true },
      );
      worker.on('failed', (job, error) => app.log.warn({ err: error, job: job?.name, jobId: job?.id }, 'job failed'));
      worker.on('error', (error) => app.log.warn({ err: error }, 'job worker error'));
    });

    app.addHook('onClose', async () => {
      isClosing = true;
      // Let a running job finish, but never let a stuck Redis connection hold shutdown hostage. With Redis gone a
      // job cannot record its end anyway (it is retried once Redis is back), so there is nothing to wait for.
      const canFinishJobs = workerConnection?.status === 'ready';
      if (worker && !(canFinishJobs && (await settlesWithin(worker.close(), 5_000))))
        await settlesWithin(worker.close(true), canFinishJobs ? 2_000 : 500);
      workerConnection?.disconnect();
      await settlesWithin(queue.close(), 2_000);
      queueConnection.disconnect();
    });
  },
  { name: 'jobs', dependencies: ['config'] },
);

/**
 * BullMQ's key prefix. Its scripts touch many keys of one queue at once, so on a Redis Cluster they must share a
 * slot: BullMQ requires the prefix to be a hash tag there (`{mercato:bull}`). A single Redis keeps the plain prefix,
 * so jobs already queued under it by an earlier version are still found after an upgrade.
 */
export function queuePrefix(keyPrefix: string, isClusterMode: boolean): string {
  return isClusterMode ? `{${keyPrefix}bull}` : `${keyPrefix}bull`;
}

/** True when `promise` settles within `ms`; false (and it is left to finish on its own) otherwise. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
