import { MongoServerError, type ClientSession, type MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let other: MongoClient;
let counter = 0;
let name: string;
const sessions: ClientSession[] = [];

beforeAll(async () => {
  target = await openTarget('transaction-ddl');
  other = await target.newClient();
});

afterAll(async () => {
  for (const s of sessions) await s.endSession().catch(() => undefined);
  await target.close();
});

beforeEach(() => {
  counter += 1;
  name = `ddl${counter}`;
});

function session(): ClientSession {
  const s = target.client.startSession();
  sessions.push(s);
  return s;
}

/** The collection names another client sees (outside the transaction). */
async function visibleOutside(): Promise<string[]> {
  return (await other.db(target.db.databaseName).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
}

async function indexNames(collection: string): Promise<string[]> {
  return (await target.db.collection(collection).listIndexes().toArray()).map((index) => index.name as string).sort();
}

describe('create inside a transaction (MongoDB 4.4+)', () => {
  it('when a transaction creates a collection and writes to it, then others see both only after commit', async () => {
    const s = session();
    s.startTransaction();
    await target.db.createCollection(name, { session: s });
    await target.db.collection<Row>(name).insertOne({ _id: 'first' as never }, { session: s });
    expect(await target.db.collection<Row>(name).countDocuments({}, { session: s })).toBe(1);
    expect(await visibleOutside()).not.toContain(name);
    await s.commitTransaction();
    expect(await visibleOutside()).toContain(name);
    expect(await target.db.collection<Row>(name).find().toArray()).toEqual([{ _id: 'first' }]);
  });

  it('when the transaction aborts, then the collection it created does not exist', async () => {
    const s = session();
    s.startTransaction();
    await target.db.createCollection(name, { session: s });
    await s.abortTransaction();
    expect(await visibleOutside()).not.toContain(name);
  });

  it('when a transaction creates a collection that exists, then it fails with NamespaceExists and the transaction is aborted', async () => {
    await target.db.createCollection(name);
    const s = session();
    s.startTransaction();
    await target.db.collection<Row>('elsewhere').insertOne({ note: 'in txn' }, { session: s });
    const error = (await target.db.createCollection(name, { session: s }).catch((e: unknown) => e)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(48);
    const commit = (await s.commitTransaction().catch((e: unknown) => e)) as MongoServerError;
    expect(commit.code).toBe(251);
    expect(await target.db.collection<Row>('elsewhere').countDocuments({ note: 'in txn' })).toBe(0);
  });
});

describe('createIndexes inside a transaction (MongoDB 4.4+)', () => {
  it('when an index is created on a collection that does not exist, then both appear at commit and the index is enforced', async () => {
    const s = session();
    s.startTransaction();
    await target.db.collection<Row>(name).createIndex({ sku: 1 }, { unique: true, session: s });
    await target.db.collection<Row>(name).insertOne({ sku: 'mug' }, { session: s });
    expect(await visibleOutside()).not.toContain(name);
    await s.commitTransaction();
    expect(await indexNames(name)).toEqual(['_id_', 'sku_1']);
    const duplicate = (await target.db
      .collection<Row>(name)
      .insertOne({ sku: 'mug' })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(duplicate.code).toBe(11000);
  });

  it('when a unique index created in the transaction is violated inside it, then the write fails with E11000', async () => {
    const s = session();
    s.startTransaction();
    await target.db.createCollection(name, { session: s });
    const created = await target.db.command(
      { createIndexes: name, indexes: [{ key: { sku: 1 }, name: 'sku_1', unique: true }] },
      { session: s },
    );
    expect(created).toMatchObject({ numIndexesBefore: 1, numIndexesAfter: 2 });
    await target.db.collection<Row>(name).insertOne({ sku: 'cap' }, { session: s });
    const error = (await target.db
      .collection<Row>(name)
      .insertOne({ sku: 'cap' }, { session: s })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(error.code).toBe(11000);
    await s.abortTransaction().catch(() => undefined);
    expect(await visibleOutside()).not.toContain(name);
  });

  it('when a new index is created on a collection that existed before the transaction, then it fails with OperationNotSupportedInTransaction', async () => {
    await target.db.collection<Row>(name).insertOne({ a: 1 });
    const s = session();
    s.startTransaction();
    const error = (await target.db
      .collection<Row>(name)
      .createIndex({ b: 1 }, { session: s })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(263);
    await s.abortTransaction().catch(() => undefined);
    expect(await indexNames(name)).toEqual(['_id_']);
  });

  it('when an index that already exists is requested inside a transaction, then it succeeds without change', async () => {
    await target.db.collection<Row>(name).createIndex({ a: 1 });
    const s = session();
    s.startTransaction();
    await target.db.collection<Row>(name).createIndex({ a: 1 }, { session: s });
    await target.db.collection<Row>(name).insertOne({ a: 2 }, { session: s });
    await s.commitTransaction();
    expect(await indexNames(name)).toEqual(['_id_', 'a_1']);
    expect(await target.db.collection<Row>(name).countDocuments()).toBe(1);
  });

  it('when an index is created on a collection the transaction created and already wrote to, then it fails with OperationNotSupportedInTransaction', async () => {
    const s = session();
    s.startTransaction();
    await target.db.createCollection(name, { session: s });
    await target.db.collection<Row>(name).insertOne({ a: 1 }, { session: s });
    const error = (await target.db
      .collection<Row>(name)
      .createIndex({ a: 1 }, { session: s })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(error.code).toBe(263);
    await s.abortTransaction().catch(() => undefined);
  });
});
