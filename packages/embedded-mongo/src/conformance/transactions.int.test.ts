import { MongoServerError, type ClientSession, type Collection, type MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let other: MongoClient;
let accounts: Collection<Row>;
let ledger: Collection<Row>;
let counter = 0;
const sessions: ClientSession[] = [];

function session(): ClientSession {
  const s = target.client.startSession();
  sessions.push(s);
  return s;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

beforeAll(async () => {
  target = await openTarget('transactions', { transactionLifetimeMs: 800 });
  other = await target.newClient();
  if (target.external) {
    await target.client
      .db('admin')
      .command({ setParameter: 1, transactionLifetimeLimitSeconds: 1 })
      .catch(() => undefined);
  }
});

afterAll(async () => {
  for (const s of sessions) await s.endSession().catch(() => undefined);
  await target.close();
});

beforeEach(async () => {
  counter++;
  accounts = target.db.collection<Row>(`accounts${counter}`);
  ledger = target.db.collection<Row>(`ledger${counter}`);
  // Collections are created up front: a real MongoDB needs them to exist for some operations in transactions.
  await accounts.insertMany([
    { _id: 'alice' as never, balance: 100 },
    { _id: 'bob' as never, balance: 50 },
  ]);
  await ledger.insertOne({ _id: 'seed' as never });
});

function otherView(coll: Collection<Row>): Collection<Row> {
  return other.db(target.db.databaseName).collection<Row>(coll.collectionName);
}

describe('commit and abort', () => {
  it('when withTransaction commits, then writes to two collections become visible together', async () => {
    await session().withTransaction(async (s) => {
      await accounts.updateOne({ _id: 'alice' as never }, { $inc: { balance: -30 } }, { session: s });
      await accounts.updateOne({ _id: 'bob' as never }, { $inc: { balance: 30 } }, { session: s });
      await ledger.insertOne({ from: 'alice', to: 'bob', amount: 30 }, { session: s });
    });
    expect((await otherView(accounts).find().sort({ _id: 1 }).toArray()).map((d) => d.balance)).toEqual([70, 80]);
    expect(await otherView(ledger).countDocuments({ amount: 30 })).toBe(1);
  });

  it('when a transaction is open, then its writes are invisible outside until commit', async () => {
    const s = session();
    s.startTransaction();
    await accounts.updateOne({ _id: 'alice' as never }, { $set: { balance: 0 } }, { session: s });
    await ledger.insertOne({ note: 'pending' }, { session: s });
    expect((await otherView(accounts).findOne({ _id: 'alice' as never }))?.balance).toBe(100);
    expect(await otherView(ledger).countDocuments({ note: 'pending' })).toBe(0);
    await s.commitTransaction();
    expect((await otherView(accounts).findOne({ _id: 'alice' as never }))?.balance).toBe(0);
  });

  it('when a transaction is aborted, then none of its writes remain', async () => {
    const s = session();
    s.startTransaction();
    await accounts.deleteOne({ _id: 'bob' as never }, { session: s });
    await ledger.insertOne({ note: 'aborted' }, { session: s });
    await s.abortTransaction();
    expect(await accounts.countDocuments({ _id: 'bob' as never })).toBe(1);
    expect(await ledger.countDocuments({ note: 'aborted' })).toBe(0);
  });

  it('when the callback throws, then withTransaction aborts and rethrows', async () => {
    const failure = session().withTransaction(async (s) => {
      await ledger.insertOne({ note: 'doomed' }, { session: s });
      throw new Error('payment declined');
    });
    await expect(failure).rejects.toThrow('payment declined');
    expect(await ledger.countDocuments({ note: 'doomed' })).toBe(0);
  });
});

describe('isolation', () => {
  it('when a transaction reads its own writes, then find, countDocuments and aggregate see them', async () => {
    await session().withTransaction(async (s) => {
      await ledger.insertMany([{ k: 1 }, { k: 2 }], { session: s });
      await accounts.updateOne({ _id: 'bob' as never }, { $inc: { balance: 1 } }, { session: s });
      expect(await ledger.countDocuments({ k: { $exists: true } }, { session: s })).toBe(2);
      expect((await accounts.findOne({ _id: 'bob' as never }, { session: s }))?.balance).toBe(51);
      const [sum] = await ledger.aggregate([{ $group: { _id: null, k: { $sum: '$k' } } }], { session: s }).toArray();
      expect(sum?.k).toBe(3);
    });
  });

  it('when another client commits after the transaction started, then the transaction keeps reading its snapshot', async () => {
    const s = session();
    s.startTransaction();
    expect((await accounts.findOne({ _id: 'alice' as never }, { session: s }))?.balance).toBe(100);
    await otherView(accounts).updateOne({ _id: 'bob' as never }, { $set: { balance: 999 } });
    await otherView(ledger).insertOne({ note: 'outside' });
    expect((await accounts.findOne({ _id: 'bob' as never }, { session: s }))?.balance).toBe(50);
    expect(await ledger.countDocuments({ note: 'outside' }, { session: s })).toBe(0);
    await s.commitTransaction();
    expect(await ledger.countDocuments({ note: 'outside' })).toBe(1);
  });
});

describe('write conflicts', () => {
  it('when two transactions write the same document, then the second fails with WriteConflict labelled TransientTransactionError', async () => {
    const first = session();
    const second = session();
    first.startTransaction();
    second.startTransaction();
    await accounts.updateOne({ _id: 'alice' as never }, { $inc: { balance: -1 } }, { session: first });
    await ledger.findOne({}, { session: second });
    const error = await accounts
      .updateOne({ _id: 'alice' as never }, { $inc: { balance: -2 } }, { session: second })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(112);
    expect((error as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
    await second.abortTransaction().catch(() => undefined);
    await first.commitTransaction();
    expect((await accounts.findOne({ _id: 'alice' as never }))?.balance).toBe(99);
  });

  it('when a document changed after the snapshot, then writing it in the transaction conflicts', async () => {
    const s = session();
    s.startTransaction();
    await ledger.findOne({}, { session: s });
    await otherView(accounts).updateOne({ _id: 'alice' as never }, { $inc: { balance: 5 } });
    const error = await accounts
      .updateOne({ _id: 'alice' as never }, { $inc: { balance: 1 } }, { session: s })
      .catch((e: unknown) => e);
    expect((error as MongoServerError).code).toBe(112);
    await s.abortTransaction().catch(() => undefined);
  });

  it('when concurrent withTransaction calls update one counter, then retries make every call succeed', async () => {
    const transfer = (delay: number) =>
      session().withTransaction(async (s) => {
        const account = await accounts.findOne({ _id: 'alice' as never }, { session: s });
        await sleep(delay);
        await accounts.updateOne(
          { _id: 'alice' as never },
          { $set: { balance: (account?.balance as number) - 10 } },
          { session: s },
        );
        await sleep(delay);
      });
    await Promise.all([transfer(50), transfer(20), transfer(5)]);
    expect((await accounts.findOne({ _id: 'alice' as never }))?.balance).toBe(70);
  });

  it('when a transaction violates a unique index, then it fails with E11000 and leaves nothing behind', async () => {
    await ledger.createIndex({ ref: 1 }, { unique: true });
    await ledger.insertOne({ ref: 'r1' });
    const failure = session().withTransaction(async (s) => {
      await accounts.updateOne({ _id: 'bob' as never }, { $inc: { balance: 10 } }, { session: s });
      await ledger.insertOne({ ref: 'r1' }, { session: s });
    });
    await expect(failure).rejects.toMatchObject({ code: 11000 });
    expect((await accounts.findOne({ _id: 'bob' as never }))?.balance).toBe(50);
  });
});

describe('checkout-style transaction', () => {
  it('when stock is reserved with a conditional update inside a transaction, then order and stock commit together', async () => {
    const products = target.db.collection<Row>(`products${counter}`);
    const orders = target.db.collection<Row>(`orders${counter}`);
    await products.insertOne({ _id: 'mug' as never, stock: 3 });
    await orders.insertOne({ _id: 'seed' as never });
    const reserve = (qty: number) =>
      session().withTransaction(async (s) => {
        const updated = await products.findOneAndUpdate(
          { _id: 'mug' as never, stock: { $gte: qty } },
          { $inc: { stock: -qty } },
          { session: s, returnDocument: 'after' },
        );
        if (!updated) throw new Error('INSUFFICIENT_STOCK');
        await orders.insertOne({ product: 'mug', qty }, { session: s });
      });
    const results = await Promise.allSettled([reserve(2), reserve(2), reserve(1)]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled').length;
    const ordered = (await orders.find({ product: 'mug' }).toArray()).reduce((n, o) => n + (o.qty as number), 0);
    const stock = (await products.findOne({ _id: 'mug' as never }))?.stock as number;
    expect(fulfilled).toBeGreaterThanOrEqual(1);
    expect(ordered + stock).toBe(3);
    expect(stock).toBeGreaterThanOrEqual(0);
  });
});

describe('lifetime', () => {
  it('when a transaction outlives the lifetime limit, then it is aborted and commit reports NoSuchTransaction', async () => {
    const s = session();
    s.startTransaction();
    await ledger.insertOne({ note: 'slow' }, { session: s });
    await sleep(target.external ? 65_000 : 2_000);
    const error = (await s.commitTransaction().catch((e: unknown) => e)) as MongoServerError;
    expect(error.code).toBe(251);
    expect(error.hasErrorLabel('TransientTransactionError')).toBe(true);
    expect(await ledger.countDocuments({ note: 'slow' })).toBe(0);
  }, 90_000);
});
