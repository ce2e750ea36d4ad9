import type { Db, Document } from 'mongodb';

/** The app's own MongoClient appName (plugins/mongo.ts): a failpoint aimed at it leaves the tests' connections alone. */
export const APP_MONGO_APP_NAME = 'mercato-api';

/** configureFailPoint's `mode`: 'alwaysOn', 'off', {times: n}, {skip: n}. */
export type FailPointMode = 'alwaysOn' | 'off' | { times: number } | { skip: number };

/**
 * True when the database accepts test commands (configureFailPoint): the embedded engine as the test harness starts
 * it, or a mongod started with `--setParameter enableTestCommands=1`. A production-like MONGODB_URI answers 59.
 */
export async function hasFailPoints(db: Db): Promise<boolean> {
  return db
    .admin()
    .command({ configureFailPoint: 'failCommand', mode: 'off' })
    .then(
      () => true,
      (error: { code?: number }) => {
        if (error.code === 59) return false;
        throw error;
      },
    );
}

/**
 * Runs `run` while MongoDB's `failCommand` failpoint is set for the app's own client (its appName), then turns it
 * off, also when `run` throws. Returns how many times the failpoint fired meanwhile, so a test can prove the fault
 * really happened (and happened once) rather than passing because nothing failed.
 */
export async function withFailPoint(
  db: Db,
  mode: FailPointMode,
  data: Document,
  run: () => Promise<void>,
): Promise<number> {
  const admin = db.admin();
  const armed = await admin.command({
    configureFailPoint: 'failCommand',
    mode,
    data: { appName: APP_MONGO_APP_NAME, ...data },
  });
  let failure: unknown;
  try {
    await run();
  } catch (error) {
    failure = error;
  }
  const disarmed = await admin.command({ configureFailPoint: 'failCommand', mode: 'off' });
  if (failure !== undefined) throw failure;
  return (disarmed.count as number) - (armed.count as number);
}
