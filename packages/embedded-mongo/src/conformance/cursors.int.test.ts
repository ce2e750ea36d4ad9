import { Long, type Collection, type CommandStartedEvent } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

const TOTAL = 10_000;
let target: ConformanceTarget;
let events: CommandStartedEvent[];
let big: Collection<Row>;

beforeAll(async () => {
  target = await openTarget('cursors');
  const client = await target.newClient({ monitorCommands: true });
  events = [];
  client.on('commandStarted', (event) => events.push(event));
  big = client.db(target.db.databaseName).collection<Row>('big');
  const docs = Array.from({ length: TOTAL }, (_, i) => ({ _id: i, n: i, bucket: i % 10, pad: 'x'.repeat(50) }));
  await big.insertMany(docs);
});

afterAll(async () => {
  await target.close();
});

describe('cursor paging over 10,000 documents', () => {
  it('when iterating everything with batchSize 500, then every document arrives once, in order, over getMore calls', async () => {
    events.length = 0;
    const seen: number[] = [];
    for await (const doc of big.find({}, { batchSize: 500 }).sort({ _id: 1 })) seen.push(doc._id as number);
    expect(seen).toHaveLength(TOTAL);
    expect(seen.every((id, i) => id === i)).toBe(true);
    const getMores = events.filter((e) => e.commandName === 'getMore');
    expect(getMores.length).toBeGreaterThanOrEqual(19);
  });

  it('when reading with toArray and the default batch size, then the whole collection is returned', async () => {
    const docs = await big.find({ bucket: 3 }).toArray();
    expect(docs).toHaveLength(TOTAL / 10);
  });

  it('when a find leaves documents behind, then the cursor id is a non-zero Int64', async () => {
    const reply = await target.db.command({ find: 'big', filter: {}, batchSize: 2 });
    expect(reply.cursor.id).toBeInstanceOf(Long);
    expect(reply.cursor.id.isZero()).toBe(false);
    expect(reply.cursor.firstBatch).toHaveLength(2);
    expect(reply.cursor.ns).toBe(`${target.db.databaseName}.big`);
    await target.db.command({ killCursors: 'big', cursors: [reply.cursor.id] });
  });

  it('when a cursor is exhausted in the first batch, then its id is 0', async () => {
    const reply = await target.db.command({ find: 'big', filter: { _id: 5 } }, { promoteLongs: false });
    expect(reply.cursor.id).toBeInstanceOf(Long);
    expect(reply.cursor.id.isZero()).toBe(true);
  });

  it('when a cursor is closed early, then killCursors reports it killed and getMore fails with CursorNotFound', async () => {
    const reply = await target.db.command({ find: 'big', filter: {}, batchSize: 10 });
    const killed = await target.db.command({ killCursors: 'big', cursors: [reply.cursor.id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    const error = await target.db.command({ getMore: reply.cursor.id, collection: 'big' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 43 });
  });

  it('when paging with skip and limit after a sort, then pages do not overlap', async () => {
    const page = async (n: number) =>
      (
        await big
          .find({}, { projection: { _id: 1 } })
          .sort({ n: -1 })
          .skip(n * 100)
          .limit(100)
          .toArray()
      ).map((d) => d._id);
    const [first, second] = [await page(0), await page(1)];
    expect(first[0]).toBe(TOTAL - 1);
    expect(second[0]).toBe(TOTAL - 101);
    expect(new Set([...first, ...second]).size).toBe(200);
  });

  it('when an aggregation returns many documents, then they are paged through getMore as well', async () => {
    const docs = await big
      .aggregate([{ $match: { bucket: { $lt: 5 } } }, { $project: { n: 1 } }], { batchSize: 1000 })
      .toArray();
    expect(docs).toHaveLength(TOTAL / 2);
  });

  it('when documents change while a cursor pages through an indexed query, then none is returned twice', async () => {
    await big.createIndex({ bucket: 1 });
    const seen = new Set<unknown>();
    let duplicates = 0;
    let read = 0;
    for await (const doc of big.find({ bucket: 7 }, { batchSize: 100 })) {
      if (seen.has(doc._id)) duplicates++;
      seen.add(doc._id);
      if (++read === 150) await big.updateMany({ bucket: 7 }, { $set: { touched: true } });
    }
    expect(duplicates).toBe(0);
    expect(seen.size).toBe(TOTAL / 10);
  });

  it('when counting the collection, then both count paths agree', async () => {
    expect(await big.countDocuments()).toBe(TOTAL);
    expect(await big.estimatedDocumentCount()).toBe(TOTAL);
    expect(await big.countDocuments({ bucket: 0 })).toBe(TOTAL / 10);
  });
});
