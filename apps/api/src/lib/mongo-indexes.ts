import type { Db, IndexDescription } from 'mongodb';

/** What a module declares about its collections; created at start-up, idempotently. */
export interface CollectionIndexes {
  collection: string;
  indexes: IndexDescription[];
}

/** Creates every declared index; createIndexes is a no-op for indexes that already exist with the same options. */
export async function ensureIndexes(db: Db, declarations: CollectionIndexes[]): Promise<void> {
  for (const { collection, indexes } of declarations) {
    if (indexes.length > 0) await db.collection(collection).createIndexes(indexes);
  }
}
