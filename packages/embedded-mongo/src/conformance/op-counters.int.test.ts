import { Long, type Collection, type Db, type MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

// serverStatus.opcounters counts every client's work, and the driver's monitor sends hello on its own. So the counted
// work goes through one client with a single pooled connection and a monitor that polls once at connect, and the
// harness's default client (whose monitor polls every 10 s) is closed. Against a real MongoDB, which other clients
// and its own background work share, each counter must grow at least as much as expected; on the engine, exactly.

const COUNTERS = ['insert', 'query', 'update', 'delete', 'getmore', 'command'] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;

let target: ConformanceTarget;
let client: MongoClient;
let db: Db;
let counter = 0;

beforeAll(async () => {
  target = await openTarget('op-counters');
  await target.client.close();
  client = await target.newClient({ maxPoolSize: 1, heartbeatFrequencyMS: 600_000 });
  db = client.db(target.db.databaseName);
});

afterAll(async () => {
  await target.close();
});

async function readCounters(): Promise<Counters> {
  const status = await db.admin().command({ serverStatus: 1 });
  const raw = status.opcounters as Record<string, unknown>;
  return Object.fromEntries(COUNTERS.map((name) => [name, Number(raw[name])])) as Counters;
}

/** How much each counter grew while `work` ran: the second serverStatus (counted before it replies) taken out. */
async function growth(work: () => Promise<unknown>): Promise<Counters> {
  const before = await readCounters();
  await work();
  const after = await readCounters();
  const grown = Object.fromEntries(COUNTERS.map((name) => [name, after[name] - before[name]])) as Counters;
  grown.command -= 1;
  return grown;
}

function expectGrowth(actual: Counters, expected: Partial<Counters>): void {
  const full: Counters = { insert: 0, query: 0, update: 0, delete: 0, getmore: 0, command: 0, ...expected };
  if (!target.external) {
    expect(actual).toEqual(full);
    return;
  }
  for (const name of COUNTERS) expect(actual[name], name).toBeGreaterThanOrEqual(full[name]);
}

/** A fresh collection holding `docs` (written before counting starts). */
async function seeded(docs: Row[]): Promise<Collection<Row>> {
  counter += 1;
  const coll = db.collection<Row>(`ops${counter}`);
  if (docs.length > 0) await coll.insertMany(docs);
  else await db.createCollection(coll.collectionName);
  return coll;
}

const three = (): Row[] => [
  { _id: 1, tag: 'a' },
  { _id: 2, tag: 'a' },
  { _id: 3, tag: 'b' },
];

describe('serverStatus reports opcounters', () => {
  it('when serverStatus is read, then opcounters and opcountersRepl hold the six counters as 64-bit integers', async () => {
    const status = await db.admin().command({ serverStatus: 1 }, { promoteLongs: false });
    for (const section of ['opcounters', 'opcountersRepl']) {
      for (const name of COUNTERS) expect(status[section][name], `${section}.${name}`).toBeInstanceOf(Long);
    }
    // A primary applies no replicated operations (a real one may report some from before it was elected).
    if (!target.external) {
      expect(Object.keys(status.opcountersRepl)).toEqual([...COUNTERS]);
      expect(COUNTERS.map((name) => Number(status.opcountersRepl[name]))).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });

  it('when serverStatus is read twice in a row, then only command grew, by one: serverStatus counts itself', async () => {
    const first = await readCounters();
    const second = await readCounters();
    const grown = COUNTERS.map((name) => second[name] - first[name]);
    if (target.external) expect(grown[5]).toBeGreaterThanOrEqual(1);
    else expect(grown).toEqual([0, 0, 0, 0, 0, 1]);
  });
});

describe('reads', () => {
  it('when find runs, then query grows by one', async () => {
    const coll = await seeded(three());
    expectGrowth(await growth(() => coll.find({ tag: 'a' }).toArray()), { query: 1 });
  });

  it('when a find needs a getMore, then query and getmore grow by one each', async () => {
    const coll = await seeded(three());
    const rows = await growth(() => coll.find().batchSize(2).toArray());
    expectGrowth(rows, { query: 1, getmore: 1 });
  });

  it('when aggregate, countDocuments, estimatedDocumentCount and distinct run, then each is one command, not a query', async () => {
    const coll = await seeded(three());
    expectGrowth(await growth(() => coll.aggregate([{ $match: { tag: 'a' } }]).toArray()), { command: 1 });
    expectGrowth(await growth(() => coll.countDocuments({ tag: 'a' })), { command: 1 });
    expectGrowth(await growth(() => coll.estimatedDocumentCount()), { command: 1 });
    expectGrowth(await growth(() => coll.distinct('tag')), { command: 1 });
  });

  it('when a find is explained, then only the explain command counts (the find is planned, not run)', async () => {
    const coll = await seeded(three());
    expectGrowth(await growth(() => coll.find({ tag: 'a' }).explain('executionStats')), { command: 1 });
  });
});

describe('writes', () => {
  it('when insertMany inserts three documents, then insert grows by three and command not at all', async () => {
    const coll = await seeded([]);
    expectGrowth(await growth(() => coll.insertMany(three())), { insert: 3 });
  });

  it('when a bulkWrite sends two update statements, then update grows by two; an updateMany of many documents by one', async () => {
    const coll = await seeded(three());
    const bulk = () =>
      coll.bulkWrite([
        { updateOne: { filter: { _id: 1 }, update: { $set: { x: 1 } } } },
        { updateMany: { filter: { tag: 'a' }, update: { $set: { y: 1 } } } },
      ]);
    expectGrowth(await growth(bulk), { update: 2 });
    expectGrowth(await growth(() => coll.updateMany({}, { $set: { z: 1 } })), { update: 1 });
  });

  it('when deleteOne and deleteMany run, then delete grows by one each (statements, not documents)', async () => {
    const coll = await seeded(three());
    expectGrowth(await growth(() => coll.deleteOne({ _id: 3 })), { delete: 1 });
    expectGrowth(await growth(() => coll.deleteMany({ tag: 'a' })), { delete: 1 });
  });

  it('when findOneAndUpdate runs, then it is one command, not an update', async () => {
    const coll = await seeded(three());
    expectGrowth(await growth(() => coll.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } })), { command: 1 });
  });

  it('when an aggregation ends in $out or $merge, then its documents count as inserts or updates besides the command', async () => {
    const coll = await seeded(three());
    expectGrowth(await growth(() => coll.aggregate([{ $out: `${coll.collectionName}_out` }]).toArray()), {
      command: 1,
      insert: 3,
    });
    const merge = [{ $merge: { into: `${coll.collectionName}_merged` } }];
    expectGrowth(await growth(() => coll.aggregate(merge).toArray()), { command: 1, update: 3 });
  });
});

describe('failures, retries and transactions', () => {
  it('when an ordered insert fails on its second document, then the two attempted count; unordered, all three', async () => {
    const coll = await seeded([{ _id: 2 }]);
    const docs = [{ _id: 1 }, { _id: 2 }, { _id: 3 }];
    expectGrowth(await growth(() => coll.insertMany(docs).catch(() => undefined)), { insert: 2 });
    const unordered = () => coll.insertMany(docs, { ordered: false }).catch(() => undefined);
    expectGrowth(await growth(unordered), { insert: 3 });
  });

  it('when find, getMore, update and count fail, then they still count; an unknown command does not', async () => {
    const coll = await seeded(three());
    const fails = (work: () => Promise<unknown>) => () =>
      work().then(
        () => expect.unreachable(),
        () => undefined,
      );
    expectGrowth(await growth(fails(() => coll.find({ _id: { $bad: 1 } }).toArray())), { query: 1 });
    const getMore = { getMore: Long.fromNumber(123456789), collection: coll.collectionName };
    expectGrowth(await growth(fails(() => db.command(getMore))), { getmore: 1 });
    expectGrowth(await growth(fails(() => coll.updateOne({ _id: 1 }, { $set: { _id: 9 } }))), { update: 1 });
    expectGrowth(await growth(fails(() => db.command({ count: coll.collectionName, query: { $bad: 1 } }))), {
      command: 1,
    });
    const unknown = await growth(() => db.command({ frobnicate: 1 }).catch((e: unknown) => e));
    expectGrowth(unknown, {});
  });

  it('when a retryable write is retried with the same txnNumber, then the retry counts no documents again', async () => {
    const coll = await seeded([]);
    // Its own client: a server session that jumped to a txnNumber of ours is useless to the driver afterwards.
    const retrying = await target.newClient({ maxPoolSize: 1, heartbeatFrequencyMS: 600_000 });
    const session = retrying.startSession({ causalConsistency: false });
    const rdb = retrying.db(db.databaseName);
    await rdb.command({ ping: 1 });
    const insert = { insert: coll.collectionName, documents: [{ _id: 1 }, { _id: 2 }], txnNumber: Long.fromNumber(1) };
    try {
      expectGrowth(await growth(() => rdb.command(insert, { session })), { insert: 2 });
      expectGrowth(await growth(() => rdb.command(insert, { session })), {});
    } finally {
      await session.endSession();
      await retrying.close();
    }
  });

  it('when a transaction commits or aborts, then its statements count as they run, plus commit or abort', async () => {
    const coll = await seeded(three());
    const session = client.startSession();
    try {
      const committed = await growth(() =>
        session.withTransaction(async () => {
          await coll.insertOne({ _id: 4 }, { session });
          await coll.find({}, { session }).toArray();
        }),
      );
      expectGrowth(committed, { insert: 1, query: 1, command: 1 });
      const aborted = await growth(async () => {
        session.startTransaction();
        await coll.updateOne({ _id: 4 }, { $set: { x: 1 } }, { session });
        await session.abortTransaction();
      });
      expectGrowth(aborted, { update: 1, command: 1 });
    } finally {
      await session.endSession();
    }
  });
});
