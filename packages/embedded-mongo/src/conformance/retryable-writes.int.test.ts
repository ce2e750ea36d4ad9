import {
  Long,
  MongoClient,
  MongoServerError,
  type ClientSession,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type Document,
} from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDropReplyProxy, type DropReplyProxy } from './drop-reply-proxy.test-support.js';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let session: ClientSession;
let txnNumber = 0;
let counter = 0;
let name: string;

beforeAll(async () => {
  target = await openTarget('retryable-writes');
});

afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  await session?.endSession();
  // causalConsistency off: the commands below are sent as written (no readConcern added by the driver).
  session = target.client.startSession({ causalConsistency: false });
  counter += 1;
  name = `rw${counter}`;
});

/** Sends a write command as a retryable write of the session (lsid from the session, txnNumber given). */
function send(command: Document, txn = txnNumber): Promise<Document> {
  return target.db.command({ ...command, txnNumber: Long.fromNumber(txn) }, { session });
}

function next(): number {
  txnNumber += 1;
  return txnNumber;
}

function coll() {
  return target.db.collection<Row>(name);
}

describe('a retried write is applied once (same lsid and txnNumber)', () => {
  it('when an insert is sent twice, then the documents are inserted once and both replies count them', async () => {
    const insert = { insert: name, documents: [{ _id: 1 }, { _id: 2 }], ordered: true };
    const txn = next();
    const first = await send(insert, txn);
    const retry = await send(insert, txn);
    expect(first.n).toBe(2);
    expect(retry.n).toBe(2);
    expect(retry.writeErrors).toBeUndefined();
    expect(await coll().countDocuments()).toBe(2);
  });

  it('when an update with $inc and an upsert is sent twice, then it is applied once and the replies match', async () => {
    await coll().insertOne({ _id: 10 as never, x: 0 });
    const update = {
      update: name,
      updates: [
        { q: { _id: 10 }, u: { $inc: { x: 1 } } },
        { q: { _id: 20 }, u: { $inc: { y: 1 } }, upsert: true },
      ],
      ordered: false,
    };
    const txn = next();
    const first = await send(update, txn);
    const retry = await send(update, txn);
    expect(first).toMatchObject({ n: 2, nModified: 1, upserted: [{ index: 1, _id: 20 }] });
    expect(retry).toMatchObject({ n: first.n, nModified: first.nModified, upserted: first.upserted });
    expect(await coll().find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 10, x: 1 },
      { _id: 20, y: 1 },
    ]);
  });

  it('when a single-document delete is sent twice, then only one document is deleted', async () => {
    await coll().insertMany([{ tag: 'a' }, { tag: 'a' }, { tag: 'a' }]);
    const remove = { delete: name, deletes: [{ q: { tag: 'a' }, limit: 1 }] };
    const txn = next();
    expect((await send(remove, txn)).n).toBe(1);
    expect((await send(remove, txn)).n).toBe(1);
    expect(await coll().countDocuments({ tag: 'a' })).toBe(2);
  });

  it('when a findAndModify is sent twice, then the retry answers the first result without modifying again', async () => {
    await coll().insertOne({ _id: 60 as never, x: 1 });
    const command = { findAndModify: name, query: { _id: 60 }, update: { $inc: { x: 1 } }, new: true };
    const txn = next();
    const first = await send(command, txn);
    const retry = await send(command, txn);
    expect(first.value).toEqual({ _id: 60, x: 2 });
    expect(retry.value).toEqual(first.value);
    expect(retry.lastErrorObject).toEqual(first.lastErrorObject);
    expect(await coll().findOne({ _id: 60 as never })).toEqual({ _id: 60, x: 2 });
  });

  it('when a findAndModify remove is sent twice, then the retry returns the removed document and removes nothing else', async () => {
    await coll().insertMany([
      { _id: 70 as never, f: 1 },
      { _id: 80 as never, f: 1 },
    ]);
    const command = { findAndModify: name, query: { f: 1 }, sort: { _id: 1 }, remove: true };
    const txn = next();
    const first = await send(command, txn);
    const retry = await send(command, txn);
    expect(first.value).toEqual({ _id: 70, f: 1 });
    expect(retry.value).toEqual(first.value);
    expect(await coll().countDocuments()).toBe(1);
  });

  it('when a batch failed part-way, then its retry skips what was applied and runs only what failed', async () => {
    await coll().insertOne({ _id: 'b' as never });
    const insert = { insert: name, documents: [{ _id: 'a' }, { _id: 'b' }], ordered: false };
    const txn = next();
    const first = await send(insert, txn);
    expect(first.n).toBe(1);
    expect(first.writeErrors?.[0]).toMatchObject({ index: 1, code: 11000 });
    await coll().deleteOne({ _id: 'b' as never });
    // 'a' was applied (inserting it again would be a duplicate): only 'b' runs again, and now succeeds.
    const retry = await send(insert, txn);
    expect(retry.n).toBe(2);
    expect(retry.writeErrors).toBeUndefined();
    expect(await coll().countDocuments()).toBe(2);
  });

  it('when a newer txnNumber was used, then a write with an older one fails with TransactionTooOld', async () => {
    const older = next();
    const newer = next();
    await send({ insert: name, documents: [{ _id: 'new' }] }, newer);
    const error = (await send({ insert: name, documents: [{ _id: 'old' }] }, older).catch(
      (e: unknown) => e,
    )) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(225);
    expect(await coll().countDocuments({ _id: 'old' as never })).toBe(0);
  });

  it('when a multi-document update is sent as a retryable write, then that statement fails with InvalidOptions', async () => {
    await coll().insertOne({ m: 1 });
    const reply = await send({ update: name, updates: [{ q: {}, u: { $set: { m: 2 } }, multi: true }] }, next());
    expect(reply.writeErrors?.[0]).toMatchObject({ index: 0, code: 72 });
    expect(await coll().countDocuments({ m: 2 })).toBe(0);
  });

  it('when a command other than a write carries a txnNumber outside a transaction, then it is refused', async () => {
    const error = (await send({ find: name, filter: {} }, next()).catch((e: unknown) => e)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(50768);
  });
});

describe("the driver's retry after a lost reply", () => {
  let proxy: DropReplyProxy;
  let client: MongoClient;
  const started: CommandStartedEvent[] = [];
  const failed: CommandFailedEvent[] = [];

  beforeAll(async () => {
    const { primary } = await target.db.admin().command({ hello: 1 });
    proxy = await startDropReplyProxy(String(primary));
    // Directly to the proxy: the replica set's member list names the server itself, which would bypass it.
    client = new MongoClient(`mongodb://${proxy.address}/${target.db.databaseName}?directConnection=true`, {
      serverSelectionTimeoutMS: 10_000,
      monitorCommands: true,
    });
    client.on('commandStarted', (event) => started.push(event));
    client.on('commandFailed', (event) => failed.push(event));
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await proxy?.close();
  });

  function viaProxy() {
    return client.db(target.db.databaseName).collection<Row>(name);
  }

  /** The attempts the driver made for a command, and whether all carried the same txnNumber. */
  function attempts(command: string): { count: number; sameTxnNumber: boolean } {
    const sent = started.filter((e) => e.commandName === command && e.command[command] === name);
    const numbers = new Set(sent.map((e) => String(e.command.txnNumber)));
    return { count: sent.length, sameTxnNumber: numbers.size === 1 && !numbers.has('undefined') };
  }

  it('when the reply to insertOne is lost, then the driver retries and the document exists once', async () => {
    proxy.dropNextReplyTo('insert', name);
    const result = await viaProxy().insertOne({ _id: 'once' as never });
    expect(result.acknowledged).toBe(true);
    expect(proxy.dropped).toBeGreaterThanOrEqual(1);
    expect(attempts('insert')).toEqual({ count: 2, sameTxnNumber: true });
    expect(failed.some((e) => e.commandName === 'insert')).toBe(true);
    expect(await coll().countDocuments({ _id: 'once' as never })).toBe(1);
  });

  it('when the reply to an $inc updateOne is lost, then the retry does not increment again', async () => {
    await coll().insertOne({ _id: 'counter' as never, n: 0 });
    proxy.dropNextReplyTo('update', name);
    const result = await viaProxy().updateOne({ _id: 'counter' as never }, { $inc: { n: 1 } });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(attempts('update')).toEqual({ count: 2, sameTxnNumber: true });
    expect((await coll().findOne({ _id: 'counter' as never }))?.n).toBe(1);
  });

  it('when the reply to findOneAndUpdate is lost, then the retry returns the same document, modified once', async () => {
    await coll().insertOne({ _id: 'stock' as never, left: 5 });
    proxy.dropNextReplyTo('findAndModify', name);
    const after = await viaProxy().findOneAndUpdate(
      { _id: 'stock' as never, left: { $gte: 2 } },
      { $inc: { left: -2 } },
      { returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 'stock', left: 3 });
    expect(attempts('findAndModify')).toEqual({ count: 2, sameTxnNumber: true });
    expect((await coll().findOne({ _id: 'stock' as never }))?.left).toBe(3);
  });

  it('when the reply to an insertMany batch is lost, then every document exists once', async () => {
    proxy.dropNextReplyTo('insert', name);
    const docs = Array.from({ length: 5 }, (_, i) => ({ _id: `many${i}` as never }));
    const result = await viaProxy().insertMany(docs);
    expect(result.insertedCount).toBe(5);
    expect(await coll().countDocuments({ _id: { $regex: '^many' } as never })).toBe(5);
  });
});
