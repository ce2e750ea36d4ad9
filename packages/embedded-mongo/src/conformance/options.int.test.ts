import type { Collection, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

/**
 * Command options: MongoDB 7.0 (the version the engine claims) rejects what it does not know instead of ignoring it,
 * and an option it knows must have its effect. Expectations are MongoDB 7.0's answers.
 */

let target: ConformanceTarget;
let coll: Collection<Row>;
let counter = 0;

beforeAll(async () => {
  target = await openTarget('options');
});

afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  coll = target.db.collection<Row>(`o${++counter}`);
  await coll.insertMany([
    { _id: 1, x: 11 },
    { _id: 2, x: 22 },
    { _id: 3, x: 33 },
  ]);
});

async function failure(action: () => Promise<unknown>): Promise<MongoServerError> {
  return action().then(
    () => {
      throw new Error('expected the server to refuse');
    },
    (error: unknown) => error as MongoServerError,
  );
}

const HINT_MESSAGE = 'hint provided does not correspond to an existing index';

describe('8.0-only options are refused as 7.0 refuses them', () => {
  it('when updateOne has a sort, then 7.0 rejects the unknown statement field and nothing changes', async () => {
    const error = await failure(() => coll.updateOne({ x: { $gt: 1 } }, { $inc: { x: 1 } }, { sort: { _id: -1 } }));
    expect(error.code).toBe(40415);
    expect(error.message).toContain("BSON field 'update.updates.sort' is an unknown field.");
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d.x)).toEqual([11, 22, 33]);
  });

  it('when replaceOne has a sort, then it is refused the same way', async () => {
    const error = await failure(() => coll.replaceOne({ x: { $gt: 1 } }, { x: 1 }, { sort: { _id: -1 } }));
    expect(error.code).toBe(40415);
    expect(error.message).toContain("'update.updates.sort'");
  });

  it('when findOneAndUpdate has a sort, then it is honoured (findAndModify always had one)', async () => {
    const before = await coll.findOneAndUpdate({}, { $set: { picked: true } }, { sort: { x: -1 } });
    expect(before?._id).toBe(3);
  });
});

describe('unknown fields are rejected with 40415', () => {
  it('when a command carries a field its 7.0 definition does not have, then it is refused', async () => {
    const name = coll.collectionName;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ find: name, filter: {}, bogus: 1 }, "'find.bogus'"],
      [{ aggregate: name, pipeline: [], cursor: {}, bogus: 1 }, "'aggregate.bogus'"],
      [{ insert: name, documents: [{ _id: 9 }], bogus: 1 }, "'insert.bogus'"],
      [{ update: name, updates: [{ q: {}, u: { $set: { y: 1 } } }], bogus: 1 }, "'update.bogus'"],
      [{ delete: name, deletes: [{ q: {}, limit: 0 }], bogus: 1 }, "'delete.bogus'"],
      [{ findAndModify: name, query: {}, remove: true, bogus: 1 }, "'findAndModify.bogus'"],
    ];
    for (const [command, field] of cases) {
      const error = await failure(() => target.db.command(command));
      expect(error.code).toBe(40415);
      expect(error.message).toContain(field);
    }
    expect(await coll.countDocuments()).toBe(3);
  });

  it('when an internal field 7.0 knows is given (readOnce, collectionUUID, …), then the engine names it instead of ignoring it', async () => {
    const outcome = await target.db.command({ find: coll.collectionName, filter: {}, readOnce: true }).then(
      () => undefined,
      (error: unknown) => error as MongoServerError,
    );
    if (target.external) expect(outcome).toBeUndefined();
    else {
      expect(outcome?.code).toBe(238);
      expect(outcome?.message).toContain('readOnce');
    }
  });

  it('when a delete statement has upsert or arrayFilters, then the statement field is rejected', async () => {
    const upsert = await failure(() =>
      target.db.command({ delete: coll.collectionName, deletes: [{ q: { _id: 1 }, limit: 1, upsert: true }] }),
    );
    expect(upsert.code).toBe(40415);
    expect(upsert.message).toContain("'delete.deletes.upsert'");
    const filters = await failure(() =>
      target.db.command({ delete: coll.collectionName, deletes: [{ q: {}, limit: 0, arrayFilters: [] }] }),
    );
    expect(filters.message).toContain("'delete.deletes.arrayFilters'");
    expect(await coll.countDocuments()).toBe(3);
  });

  it('when generic arguments (comment, maxTimeMS, readConcern, allowDiskUse, let) are given, then they are accepted', async () => {
    const docs = await coll
      .find(
        { $expr: { $gt: ['$x', '$$min'] } },
        { comment: 'c', maxTimeMS: 5000, allowDiskUse: true, let: { min: 20 } },
      )
      .toArray();
    expect(docs.map((d) => d._id)).toEqual([2, 3]);
    const rows = await coll
      .aggregate([{ $match: { _id: 1 } }], {
        comment: { tag: 1 },
        maxTimeMS: 5000,
        allowDiskUse: true,
        readConcern: { level: 'local' },
      })
      .toArray();
    expect(rows).toHaveLength(1);
    const result = await coll.updateOne(
      { _id: 1 },
      { $set: { y: 1 } },
      { comment: 'c', bypassDocumentValidation: true },
    );
    expect(result.modifiedCount).toBe(1);
  });
});

describe('a hint naming no index fails (BadValue) instead of being ignored', () => {
  beforeEach(async () => {
    await coll.createIndex({ x: 1 });
  });

  it('when update, delete and findAndModify name a missing index, then each fails with code 2', async () => {
    for (const action of [
      () => coll.updateOne({ x: 11 }, { $set: { y: 1 } }, { hint: 'nope_1' }),
      () => coll.updateMany({}, { $set: { y: 1 } }, { hint: { nope: 1 } }),
      () => coll.replaceOne({ x: 11 }, { x: 12 }, { hint: 'nope_1' }),
      () => coll.deleteOne({ x: 11 }, { hint: 'nope_1' }),
      () => coll.deleteMany({}, { hint: { nope: 1 } }),
      () => coll.findOneAndUpdate({ x: 11 }, { $set: { y: 1 } }, { hint: { nope: 1 } }),
      () => coll.findOneAndDelete({ x: 11 }, { hint: { nope: 1 } }),
    ]) {
      const error = await failure(action);
      expect(error.code).toBe(2);
      expect(error.message).toContain(HINT_MESSAGE);
    }
    expect(await coll.countDocuments({ y: { $exists: true } })).toBe(0);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('when count, countDocuments and find name a missing index, then each fails with code 2', async () => {
    for (const action of [
      () => target.db.command({ count: coll.collectionName, query: {}, hint: 'nope_1' }),
      () => coll.countDocuments({}, { hint: 'nope_1' }),
      () => coll.find({}, { hint: { nope: 1 } }).toArray(),
    ]) {
      const error = await failure(action);
      expect(error.code).toBe(2);
      expect(error.message).toContain(HINT_MESSAGE);
    }
  });

  it('when the hint names an existing index, then the operations run', async () => {
    expect((await coll.updateOne({ x: 11 }, { $set: { y: 1 } }, { hint: 'x_1' })).modifiedCount).toBe(1);
    expect(await coll.countDocuments({ x: { $gt: 0 } }, { hint: { x: 1 } })).toBe(3);
    expect((await coll.deleteOne({ x: 22 }, { hint: { _id: 1 } })).deletedCount).toBe(1);
  });
});

describe('noCursorTimeout keeps an idle find cursor open', () => {
  it('when a cursor asks for noCursorTimeout, then it outlives the idle timeout (200 ms on the engine here)', async () => {
    const short = await openTarget('options-cursors', { cursorTimeoutMs: 200 });
    try {
      const rows = short.db.collection<Row>('c');
      await rows.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
      const kept = rows.find({}, { batchSize: 1, noCursorTimeout: true }).sort({ _id: 1 });
      const dropped = rows.find({}, { batchSize: 1 }).sort({ _id: 1 });
      expect((await kept.next())?._id).toBe(1);
      expect((await dropped.next())?._id).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect((await kept.toArray()).map((d) => d._id)).toEqual([2, 3]);
      if (!short.external) {
        // MongoDB's default idle timeout is 10 minutes: only the engine's 200 ms can be shown expiring here.
        const error = await failure(() => dropped.toArray());
        expect(error.code).toBe(43);
      } else await dropped.close();
    } finally {
      await short.close();
    }
  });
});
