import { MongoServerError, MongoWriteConcernError, type ClientSession } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

// w: 50 is more data-bearing members than any test replica set has (MongoDB's limit for w is 50 voting members).
const TOO_MANY = 50;
// A tag set no test replica set defines (the driver's `W` type has no room for tag-set names).
const UNKNOWN_TAG_SET = 'noSuchTagSet' as unknown as 'majority';

let target: ConformanceTarget;
let counter = 0;
let name: string;
const sessions: ClientSession[] = [];

beforeAll(async () => {
  target = await openTarget('write-concern');
});

afterAll(async () => {
  for (const s of sessions) await s.endSession().catch(() => undefined);
  await target.close();
});

beforeEach(async () => {
  counter += 1;
  name = `wc${counter}`;
  await target.db.createCollection(name);
});

function coll() {
  return target.db.collection<Row>(name);
}

function session(): ClientSession {
  const s = target.client.startSession();
  sessions.push(s);
  return s;
}

async function failure(action: Promise<unknown>): Promise<MongoServerError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

describe('write concerns a replica set can satisfy', () => {
  it('when writes ask for w: 1, w: majority with wtimeout, or j: true, then they are acknowledged', async () => {
    await coll().insertOne({ w: 1 }, { writeConcern: { w: 1 } });
    await coll().insertOne({ w: 'majority' }, { writeConcern: { w: 'majority', wtimeoutMS: 5000 } });
    await coll().updateOne({ w: 1 }, { $set: { j: true } }, { writeConcern: { w: 1, journal: true } });
    expect(await coll().countDocuments()).toBe(2);
  });

  it('when a transaction commits with w: majority, then it commits', async () => {
    const s = session();
    s.startTransaction({ writeConcern: { w: 'majority', wtimeoutMS: 5000 } });
    await coll().insertOne({ in: 'txn' }, { session: s });
    await s.commitTransaction();
    expect(await coll().countDocuments({ in: 'txn' })).toBe(1);
  });
});

describe('write concerns a replica set cannot satisfy', () => {
  it('when an insert asks for more members than exist, then it reports UnsatisfiableWriteConcern and the write is applied', async () => {
    const error = await failure(coll().insertOne({ _id: 'w50' as never }, { writeConcern: { w: TOO_MANY } }));
    expect(error).toBeInstanceOf(MongoWriteConcernError);
    expect(error.code).toBe(100);
    expect(error.codeName).toBe('UnsatisfiableWriteConcern');
    // As on MongoDB: the write concern is reported after the write, which stays applied.
    expect(await coll().countDocuments({ _id: 'w50' as never })).toBe(1);
  });

  it('when a write names a tag set the configuration does not define, then it reports UnknownReplWriteConcern', async () => {
    const error = await failure(coll().insertOne({ tag: 1 }, { writeConcern: { w: UNKNOWN_TAG_SET } }));
    expect(error).toBeInstanceOf(MongoWriteConcernError);
    expect(error.code).toBe(79);
  });

  it('when a transaction commits with w greater than the members, then commit reports UnsatisfiableWriteConcern', async () => {
    const s = session();
    s.startTransaction({ writeConcern: { w: TOO_MANY } });
    await coll().insertOne({ _id: 'committed' as never }, { session: s });
    const error = await failure(s.commitTransaction());
    expect(error.code).toBe(100);
    // Retrying the commit cannot help, so it is not labelled UnknownTransactionCommitResult.
    expect(error.hasErrorLabel('UnknownTransactionCommitResult')).toBe(false);
    expect(await coll().countDocuments({ _id: 'committed' as never })).toBe(1);
  });

  it('when a transaction commits with an unknown tag set, then commit reports UnknownReplWriteConcern', async () => {
    const s = session();
    s.startTransaction({ writeConcern: { w: UNKNOWN_TAG_SET } });
    await coll().insertOne({ tagged: true }, { session: s });
    const error = await failure(s.commitTransaction());
    expect(error.code).toBe(79);
  });
});
