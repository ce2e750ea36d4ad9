import type { FastifyBaseLogger } from 'fastify';
import type { Db } from 'mongodb';

/**
 * A data migration: `run` must be idempotent (safe to run again after a crash half-way, or by two instances starting
 * at once), because it is recorded only after it finished.
 */
export interface Migration {
  id: string;
  run(db: Db, log: FastifyBaseLogger): Promise<Record<string, number>>;
}

interface MigrationRecord {
  _id: string;
  ranAt: Date;
  result: Record<string, number>;
}

export const MIGRATIONS = 'migrations';

/** Runs, in order, the migrations not recorded as done, and records each one when it finished. */
export async function runMigrations(db: Db, migrations: Migration[], log: FastifyBaseLogger): Promise<string[]> {
  const records = db.collection<MigrationRecord>(MIGRATIONS);
  const ran: string[] = [];
  for (const migration of migrations) {
    if (await records.findOne({ _id: migration.id })) continue;
    const result = await migration.run(db, log);
    await records.updateOne({ _id: migration.id }, { $setOnInsert: { ranAt: new Date(), result } }, { upsert: true });
    log.info({ migration: migration.id, result }, 'migration done');
    ran.push(migration.id);
  }
  return ran;
}
