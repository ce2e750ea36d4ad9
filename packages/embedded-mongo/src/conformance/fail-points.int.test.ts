import {
  MongoClient,
  MongoNetworkError,
  MongoServerError,
  MongoWriteConcernError,
  type Db,
  type Document,
} from 'mongodb';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../index.js';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

// The failpoint is global to the server: every failpoint here names this file's client (appName), so other clients
// (the driver's monitors, other test files against the same MongoDB) are never failed. Against a real MongoDB the
// server must run with test commands (mongod --setParameter enableTestCommands=1).
const APP = 'conformance-fail-points';

let target: ConformanceTarget;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  target = await openTarget('fail_points', { enableTestCommands: true });
  client = await target.newClient({ appName: APP });
  db = client.db(target.db.databaseName);
});

afterEach(async () => {
  await failPoint({ mode: 'off' });
});

afterAll(async () => {
  await target.close();
});

function failPoint(settings: { mode: unknown; data?: Document }) {
  return target.client.db('admin').command({ configureFailPoint: 'failCommand', ...settings });
}

function failCommand(mode: unknown, data: Document) {
  return failPoint({ mode, data: { appName: APP, ...data } });
}

async function failure(action: () => Promise<unknown>): Promise<Error> {
  return action().then(
    () => {
      throw new Error('expected the command to fail');
    },
    (error: Error) => error,
  );
}

/** True when the server is a replica set member (the driver then retries writes once on retryable errors). */
async function isReplicaSet(): Promise<boolean> {
  const hello = await target.client.db('admin').command({ hello: 1 });
  return typeof hello.setName === 'string';
}

describe('configureFailPoint is a test command', () => {
  it('when the engine runs without test commands, then configureFailPoint is an unknown command (59), as on a production mongod', async (ctx) => {
    // Engine only: it starts a second engine without test commands; a real server's flags are not ours to set.
    ctx.skip(
      target.external,
      'starts a second engine without test commands; the flags of an external server are not ours',
    );
    const plain = await startEmbeddedMongo();
    const other = new MongoClient(plain.uri, { serverSelectionTimeoutMS: 10_000 });
    try {
      const error = await failure(() =>
        other.db('admin').command({ configureFailPoint: 'failCommand', mode: 'alwaysOn', data: {} }),
      );
      expect(error).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
      const commands = await other.db('admin').command({ listCommands: 1 });
      expect(Object.keys(commands.commands as Document)).not.toContain('configureFailPoint');
    } finally {
      await other.close();
      await plain.stop();
    }
  });

  it('when configureFailPoint names an unknown failpoint or runs outside admin, then it fails clearly', async () => {
    const unknown = await failure(() =>
      target.client.db('admin').command({ configureFailPoint: 'noSuchFailPointAnywhere', mode: 'alwaysOn' }),
    );
    expect(unknown).toMatchObject({ code: 266 });
    expect(unknown.message).toContain('noSuchFailPointAnywhere');
    const notAdmin = await failure(() => target.db.command({ configureFailPoint: 'failCommand', mode: 'off' }));
    expect(notAdmin).toMatchObject({ code: 13 });
    const badMode = await failure(() => failPoint({ mode: 'sometimes' }));
    expect(badMode).toMatchObject({ code: 2 });
  });

  it('when hangDuringSnapshotWrite is on, then compaction waits with snapshot.tmp half written until it is turned off', async (ctx) => {
    // The engine's own storage failpoint (mongod has none by this name): the durability tests kill the engine there.
    ctx.skip(target.external, "an engine-only failpoint; a real server's storage is not ours to hold");
    const dbPath = await mkdtemp(join(tmpdir(), 'engine-snapshot-hang-'));
    const engine = await startEmbeddedMongo({ dbPath, enableTestCommands: true, compactThresholdBytes: 32 * 1024 });
    const other = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 10_000 });
    const admin = other.db('admin');
    try {
      const skip = await failure(() =>
        admin.command({ configureFailPoint: 'hangDuringSnapshotWrite', mode: { skip: 1 } }),
      );
      expect(skip).toMatchObject({ code: 2 });
      await admin.command({ configureFailPoint: 'hangDuringSnapshotWrite', mode: { times: 1 } });
      const events = other.db('shop').collection<Row>('events');
      const tmp = join(dbPath, 'snapshot.tmp');
      for (let i = 0; i < 400 && !existsSync(tmp); i++) await events.insertOne({ i, pad: 'z'.repeat(500) });
      expect(existsSync(tmp), 'compaction holds snapshot.tmp').toBe(true);
      // Writes go on into the new journal while the snapshot is held.
      await events.insertOne({ during: true });
      expect(existsSync(tmp)).toBe(true);
      const released = await admin.command({ configureFailPoint: 'hangDuringSnapshotWrite', mode: 'off' });
      expect(released.count).toBe(1);
      for (let i = 0; i < 100 && existsSync(tmp); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(existsSync(tmp), 'the released compaction renamed its snapshot').toBe(false);
      expect(existsSync(join(dbPath, 'snapshot.bson'))).toBe(true);
      expect(await events.countDocuments({ during: true })).toBe(1);
    } finally {
      await other.close();
      await engine.stop();
      await rm(dbPath, { recursive: true, force: true });
    }
  });

  it('when the failpoint is set, then the reply counts the times it fired so far', async () => {
    const first = await failCommand({ times: 1 }, { failCommands: ['count'], errorCode: 2 });
    expect(typeof first.count).toBe('number');
    await failure(() => db.command({ count: 'counted' }));
    const after = await failPoint({ mode: 'off' });
    expect(after.count).toBe((first.count as number) + 1);
  });
});

describe('failCommand with errorCode', () => {
  it('when insert is failed once with an error code, then the insert fails with that code and is not applied, and the next insert succeeds', async () => {
    const rows = db.collection<Row>('error_code');
    await failCommand({ times: 1 }, { failCommands: ['insert'], errorCode: 8 });

    const error = await failure(() => rows.insertOne({ _id: 1, n: 1 }));

    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 8, codeName: 'UnknownError' });
    expect(error.message).toBe("Failing command via 'failCommand' failpoint");
    expect(await rows.countDocuments()).toBe(0);
    await rows.insertOne({ _id: 2, n: 2 });
    expect(await rows.find().toArray()).toEqual([{ _id: 2, n: 2 }]);
  });

  it('when errorLabels are given, then exactly those labels come back (none for an empty list)', async () => {
    const rows = db.collection<Row>('labels');
    await failCommand(
      { times: 1 },
      {
        failCommands: ['insert'],
        errorCode: 112,
        errorLabels: ['TransientTransactionError'],
      },
    );
    const labelled = (await failure(() => rows.insertOne({ _id: 1 }))) as MongoServerError;
    expect(labelled).toMatchObject({ code: 112, codeName: 'WriteConflict' });
    expect(labelled.errorLabels).toEqual(['TransientTransactionError']);

    await failCommand({ times: 1 }, { failCommands: ['insert'], errorCode: 8, errorLabels: [] });
    const bare = (await failure(() => rows.insertOne({ _id: 1 }))) as MongoServerError;
    expect(bare.errorLabels).toEqual([]);
  });

  it('when a retryable write fails once with a retryable code (91), then a replica set labels it RetryableWriteError and the driver retries it', async () => {
    const rows = db.collection<Row>('retryable_code');
    await failCommand({ times: 1 }, { failCommands: ['insert'], errorCode: 91 });

    const outcome = await rows.insertOne({ _id: 1 }).then(
      () => 'inserted',
      (error: Error) => error,
    );

    if (await isReplicaSet()) {
      expect(outcome).toBe('inserted');
      expect(await rows.countDocuments()).toBe(1);
    } else {
      expect(outcome).toMatchObject({ code: 91, codeName: 'ShutdownInProgress' });
      expect(await rows.countDocuments()).toBe(0);
    }
  });

  it('when only some commands are listed, then others neither fail nor count against times', async () => {
    const rows = db.collection<Row>('listed');
    await failCommand({ times: 1 }, { failCommands: ['delete'], errorCode: 2 });
    await rows.insertOne({ _id: 1 });
    expect(await rows.find().toArray()).toEqual([{ _id: 1 }]);
    await db.command({ ping: 1 });

    expect(await failure(() => rows.deleteOne({ _id: 1 }))).toMatchObject({ code: 2, codeName: 'BadValue' });
    expect(await rows.countDocuments()).toBe(1);
    expect((await rows.deleteOne({ _id: 1 })).deletedCount).toBe(1);
  });

  it('when the mode is {skip: 2}, then the first two matching commands run and the following ones fail', async () => {
    await failCommand({ skip: 2 }, { failCommands: ['count'], errorCode: 2 });
    expect((await db.command({ count: 'skipped' })).n).toBe(0);
    expect((await db.command({ count: 'skipped' })).n).toBe(0);
    expect(await failure(() => db.command({ count: 'skipped' }))).toMatchObject({ code: 2 });
    expect(await failure(() => db.command({ count: 'skipped' }))).toMatchObject({ code: 2 });
  });

  it('when the failpoint names another appName, then this client is not affected', async () => {
    await failPoint({
      mode: 'alwaysOn',
      data: { failCommands: ['count'], errorCode: 2, appName: 'some-other-application' },
    });
    expect((await db.command({ count: 'other_app' })).n).toBe(0);
  });

  it('when a namespace is given, then only commands on that namespace fail', async () => {
    await failCommand('alwaysOn', {
      failCommands: ['find'],
      errorCode: 2,
      namespace: `${db.databaseName}.only_this`,
    });
    expect(await db.collection('not_this').find().toArray()).toEqual([]);
    expect(await failure(() => db.collection('only_this').find().toArray())).toMatchObject({ code: 2 });
  });

  it('when configureFailPoint itself is listed, then it is still never failed', async () => {
    await failCommand('alwaysOn', { failCommands: ['configureFailPoint'], errorCode: 2 });
    await failPoint({ mode: 'off' });
  });
});

describe('failCommand with closeConnection', () => {
  it('when the connection is closed on insert without retryable writes, then the driver reports a network error and nothing is written', async () => {
    const noRetry = await target.newClient({ appName: APP, retryWrites: false });
    const rows = noRetry.db(db.databaseName).collection<Row>('closed');
    await failCommand({ times: 1 }, { failCommands: ['insert'], closeConnection: true });

    const error = await failure(() => rows.insertOne({ _id: 1 }));

    expect(error).toBeInstanceOf(MongoNetworkError);
    expect(await rows.countDocuments()).toBe(0);
    // The pool reconnects: the failpoint fired once, the next insert goes through.
    await rows.insertOne({ _id: 2 });
    expect(await rows.find().toArray()).toEqual([{ _id: 2 }]);
  });

  it('when the connection is closed on insert with retryable writes (the default), then a replica set retries once and a standalone reports the network error', async () => {
    const rows = db.collection<Row>('closed_retry');
    await failCommand({ times: 1 }, { failCommands: ['insert'], closeConnection: true });

    const outcome = await rows.insertOne({ _id: 1 }).then(
      () => 'inserted',
      (error: Error) => error,
    );

    if (await isReplicaSet()) {
      // Retryable writes (driver specification): one retry on a new connection, which the failpoint lets through.
      expect(outcome).toBe('inserted');
      expect(await rows.countDocuments()).toBe(1);
    } else {
      expect(outcome).toBeInstanceOf(MongoNetworkError);
      expect(await rows.countDocuments()).toBe(0);
    }
  });
});

describe('failCommand with blockConnection', () => {
  it('when a command is blocked, then it runs after at least blockTimeMS, and other connections are not held up', async () => {
    const rows = db.collection<Row>('blocked');
    await rows.insertOne({ _id: 1 });
    await failCommand({ times: 1 }, { failCommands: ['find'], blockConnection: true, blockTimeMS: 400 });

    const started = Date.now();
    const blocked = rows.find().toArray();
    // Another client (another connection) is served meanwhile.
    expect(await target.db.collection<Row>('blocked').countDocuments()).toBe(1);
    const quick = Date.now() - started;
    expect(await blocked).toEqual([{ _id: 1 }]);
    const elapsed = Date.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(395);
    expect(quick).toBeLessThan(400);
  });

  it('when blockConnection comes with an error code, then the command waits and then fails', async () => {
    await failCommand({ times: 1 }, { failCommands: ['count'], blockConnection: true, blockTimeMS: 200, errorCode: 2 });
    const started = Date.now();
    expect(await failure(() => db.command({ count: 'blocked' }))).toMatchObject({ code: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
  });
});

describe('failCommand with writeConcernError', () => {
  it('when insert gets a writeConcernError, then the document is written and the driver reports the write concern error', async () => {
    const rows = db.collection<Row>('wce');
    await failCommand(
      { times: 1 },
      {
        failCommands: ['insert'],
        writeConcernError: {
          code: 64,
          codeName: 'WriteConcernFailed',
          errmsg: 'waiting for replication timed out',
          errInfo: { wtimeout: true },
        },
      },
    );

    const error = await failure(() => rows.insertOne({ _id: 1, n: 1 }));

    expect(error).toBeInstanceOf(MongoWriteConcernError);
    expect(error).toMatchObject({ code: 64, errInfo: { wtimeout: true } });
    expect(await rows.find().toArray()).toEqual([{ _id: 1, n: 1 }]);
    // times: 1 — the next write is clean.
    await rows.insertOne({ _id: 2, n: 2 });
    expect(await rows.countDocuments()).toBe(2);
  });

  it('when an errorCode is set too, then the command fails with it, is not applied, and the writeConcernError has no effect', async () => {
    const rows = db.collection<Row>('wce_and_code');
    await failCommand(
      { times: 1 },
      { failCommands: ['insert'], errorCode: 8, writeConcernError: { code: 64, errmsg: 'x' } },
    );

    const error = await failure(() => rows.insertOne({ _id: 1 }));

    expect(error).not.toBeInstanceOf(MongoWriteConcernError);
    expect(error).toMatchObject({ code: 8 });
    expect(await rows.countDocuments()).toBe(0);
  });

  it('when a writeConcernError is set for a command without a write concern, then it does not apply and does not count', async () => {
    await failCommand({ times: 1 }, { failCommands: ['ping', 'insert'], writeConcernError: { code: 64, errmsg: 'x' } });
    const pong = await db.command({ ping: 1 });
    expect(pong.writeConcernError).toBeUndefined();
    const error = await failure(() => db.collection<Row>('wce_ping').insertOne({ _id: 1 }));
    expect(error).toBeInstanceOf(MongoWriteConcernError);
  });
});
