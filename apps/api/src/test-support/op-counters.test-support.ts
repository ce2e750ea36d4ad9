import type { Db } from 'mongodb';

export interface OpCounters {
  insert: number;
  query: number;
  update: number;
  delete: number;
  getmore: number;
  command: number;
}

/** The database server's operation counters (serverStatus `opcounters`, the same on the engine and on MongoDB). */
export async function opCounters(db: Db): Promise<OpCounters> {
  const status = await db.admin().command({ serverStatus: 1 });
  const counters = status.opcounters as Record<keyof OpCounters, unknown>;
  return {
    insert: Number(counters.insert),
    query: Number(counters.query),
    update: Number(counters.update),
    delete: Number(counters.delete),
    getmore: Number(counters.getmore),
    command: Number(counters.command),
  };
}

/** What changed between two readings, with the later reading's own serverStatus command taken out. */
export function opsBetween(before: OpCounters, after: OpCounters): OpCounters {
  return {
    insert: after.insert - before.insert,
    query: after.query - before.query,
    update: after.update - before.update,
    delete: after.delete - before.delete,
    getmore: after.getmore - before.getmore,
    command: after.command - before.command - 1,
  };
}
