import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A redis-server shared by the run; each test file takes its own logical database or key prefix. */
    redisUrl: string;
  }
}

/** Starts one real redis-server for the whole run unless REDIS_URL points at one already. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.REDIS_URL;
  if (external) {
    project.provide('redisUrl', external);
    return async () => {};
  }
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
