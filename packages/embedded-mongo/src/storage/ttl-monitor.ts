import { canonicalKey } from '../bson/canonical-key.js';
import { CommittedAccess } from '../data/committed-access.js';
import type { Engine } from '../engine.js';
import type { Doc } from '../bson/values.js';
import { collectPathValues } from '../bson/paths.js';

function expiresAt(doc: Doc, parts: string[], seconds: number): number | undefined {
  let earliest: number | undefined;
  for (const value of collectPathValues(doc, parts).values) {
    if (value instanceof Date && (earliest === undefined || value.getTime() < earliest)) earliest = value.getTime();
  }
  return earliest === undefined ? undefined : earliest + seconds * 1000;
}

/**
 * Deletes documents whose TTL index date (the earliest, for arrays of dates) is older than `expireAfterSeconds`, like
 * mongod's TTL monitor. Documents without a date in the field never expire.
 */
export async function runTtlPass(engine: Engine, now = Date.now()): Promise<number> {
  const access = new CommittedAccess(engine.store, engine.txns);
  for (const collection of engine.store.catalog.all()) {
    for (const index of collection.data.indexes) {
      const seconds = index.spec.expireAfterSeconds;
      if (seconds === undefined) continue;
      const expired: Doc[] = [];
      for (const doc of collection.data.docs.values()) {
        const at = expiresAt(doc, index.paths[0] as string[], seconds);
        if (at !== undefined && at <= now) expired.push(doc);
      }
      const target = access.collection(collection.db, collection.name);
      for (const doc of expired) if (target.get(canonicalKey(doc._id))) target.remove(doc);
    }
  }
  if (access.ops.length === 0) return 0;
  const deleted = access.ops.filter((op) => op.o === 'd').length;
  await engine.store.append(access.ops);
  return deleted;
}
