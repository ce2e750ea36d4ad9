import type { CachedJson } from '../../lib/cache.js';

/** A cached answer and whether it came straight from the cache (`x-cache: hit`) or was built from MongoDB. */
export interface CatalogAnswer extends CachedJson {
  isHit: boolean;
}

/**
 * Tells hits from misses around a cache that does not report them (`lib/cache.ts`). A request is a miss when its
 * own load ran, or when a load for the same key finished while it waited: it joined that load (single flight) and
 * waited for MongoDB like the request that started it. The second test may call a hit that merely overlapped a
 * load a miss, never the reverse, so a hit rate computed from these errs low. State is kept only per key being
 * waited for, so it stays as small as the number of requests in flight.
 */
export function createOutcomeTracker() {
  const watches = new Map<string, { waiting: number; loadsDone: number }>();

  return async function withOutcome(
    key: string,
    load: () => Promise<unknown>,
    get: (countedLoad: () => Promise<unknown>) => Promise<CachedJson>,
  ): Promise<CatalogAnswer> {
    const watch = watches.get(key) ?? { waiting: 0, loadsDone: 0 };
    watches.set(key, watch);
    watch.waiting += 1;
    const doneBefore = watch.loadsDone;
    let isLoader = false;
    try {
      const answer = await get(async () => {
        isLoader = true;
        try {
          return await load();
        } finally {
          watch.loadsDone += 1;
        }
      });
      return { ...answer, isHit: !isLoader && watch.loadsDone === doneBefore };
    } finally {
      watch.waiting -= 1;
      if (watch.waiting === 0) watches.delete(key);
    }
  };
}
