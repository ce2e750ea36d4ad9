import type { Db, IndexDescription } from 'mongodb';

/** What a module declares about its collections; created at start-up, idempotently. */
export interface CollectionIndexes {
  collection: string;
  indexes: IndexDescription[];
  /** Names of indexes an earlier version created that the declarations now replace; dropped at start-up. */
  retired?: string[];
}

/** MongoDB's "ns not found" (26) and "index not found" (27): already gone, e.g. another instance dropped it first. */
const ALREADY_GONE = new Set([26, 27]);

/**
 * Creates every declared index (createIndexes is a no-op for indexes that already exist with the same options) and
 * drops the retired ones, so several instances starting at once all succeed.
 */
export async function ensureIndexes(db: Db, declarations: CollectionIndexes[]): Promise<void> {
  for (const { collection, indexes, retired = [] } of declarations) {
    if (indexes.length > 0) await db.collection(collection).createIndexes(indexes);
    for (const name of retired) {
      await db
        .collection(collection)
        .dropIndex(name)
        .catch((error: { code?: number }) => {
          if (!ALREADY_GONE.has(error.code ?? 0)) throw error;
        });
    }
  }
}
