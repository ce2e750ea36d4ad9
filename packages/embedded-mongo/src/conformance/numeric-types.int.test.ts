import { Decimal128, Double, Int32, Long, type Collection, type Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let coll: Collection<Row>;
let counter = 0;

beforeAll(async () => {
  target = await openTarget('numeric-types');
});

afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  coll = target.db.collection<Row>(`n${++counter}`);
});

/** Reads a document without promoting BSON numbers to JS numbers, to see the stored types. */
async function raw(id: unknown): Promise<Document | null> {
  return coll.findOne({ _id: id as never }, { promoteValues: false });
}

describe('numeric type preservation', () => {
  it('when Int32, Double, Int64 and Decimal128 are stored, then each reads back with its own type', async () => {
    await coll.insertOne({ _id: 1, i: 5, d: new Double(5), l: Long.fromNumber(5), dec: Decimal128.fromString('5.50') });
    const doc = await raw(1);
    expect(doc?.i).toBeInstanceOf(Int32);
    expect(doc?.d).toBeInstanceOf(Double);
    expect(doc?.l).toBeInstanceOf(Long);
    expect(doc?.dec).toBeInstanceOf(Decimal128);
    expect(String(doc?.dec)).toBe('5.50');
  });

  it('when $inc adds an int to an Int32, then the result stays Int32', async () => {
    await coll.insertOne({ _id: 1, stock: 10 });
    await coll.updateOne({ _id: 1 }, { $inc: { stock: -3 } });
    const doc = await raw(1);
    expect(doc?.stock).toBeInstanceOf(Int32);
    expect(doc?.stock.valueOf()).toBe(7);
  });

  it('when $inc adds an int to an integral Double, then the result stays a Double', async () => {
    await coll.insertOne({ _id: 1, rating: new Double(4) });
    await coll.updateOne({ _id: 1 }, { $inc: { rating: 1 } });
    const doc = await raw(1);
    expect(doc?.rating).toBeInstanceOf(Double);
    expect(doc?.rating.valueOf()).toBe(5);
  });

  it('when $inc adds a fraction to an Int32, then the result becomes a Double', async () => {
    await coll.insertOne({ _id: 1, v: 1 });
    await coll.updateOne({ _id: 1 }, { $inc: { v: 0.5 } });
    const doc = await raw(1);
    expect(doc?.v).toBeInstanceOf(Double);
    expect(doc?.v.valueOf()).toBe(1.5);
  });

  it('when $inc overflows an Int32, then the result is promoted to Int64', async () => {
    await coll.insertOne({ _id: 1, v: 2147483647 });
    await coll.updateOne({ _id: 1 }, { $inc: { v: 1 } });
    const doc = await raw(1);
    expect(doc?.v).toBeInstanceOf(Long);
    expect(doc?.v.toString()).toBe('2147483648');
  });

  it('when $inc adds to an Int64, then the result stays Int64 and exact beyond 2^53', async () => {
    await coll.insertOne({ _id: 1, v: Long.fromString('9007199254740993') });
    await coll.updateOne({ _id: 1 }, { $inc: { v: 2 } });
    const doc = await raw(1);
    expect(doc?.v).toBeInstanceOf(Long);
    expect(doc?.v.toString()).toBe('9007199254740995');
  });

  it('when $mul multiplies an Int32 by an int, then the result stays Int32', async () => {
    await coll.insertOne({ _id: 1, v: 6 });
    await coll.updateOne({ _id: 1 }, { $mul: { v: 7 } });
    const doc = await raw(1);
    expect(doc?.v).toBeInstanceOf(Int32);
    expect(doc?.v.valueOf()).toBe(42);
  });

  it('when another field is updated, then untouched numeric fields keep their types', async () => {
    await coll.insertOne({ _id: 1, d: new Double(2), l: Long.fromNumber(3), name: 'a' });
    await coll.updateOne({ _id: 1 }, { $set: { name: 'b' } });
    const doc = await raw(1);
    expect(doc?.d).toBeInstanceOf(Double);
    expect(doc?.l).toBeInstanceOf(Long);
  });

  it('when a pipeline update leaves a field unchanged, then its type is kept', async () => {
    await coll.insertOne({ _id: 1, d: new Double(2), qty: 3 });
    await coll.updateOne({ _id: 1 }, [{ $set: { qty: { $add: ['$qty', 1] } } }]);
    const doc = await raw(1);
    expect(doc?.d).toBeInstanceOf(Double);
    expect(doc?.qty.valueOf()).toBe(4);
  });

  it('when a pipeline update adds an int to an integral Double, then the result stays a Double', async () => {
    await coll.insertOne({ _id: 1, rating: new Double(5) });
    await coll.updateOne({ _id: 1 }, [{ $set: { rating: { $add: ['$rating', 1] } } }]);
    await coll.updateOne({ _id: 2 }, [{ $set: { v: { $add: [new Double(1), 1] } } }], { upsert: true });
    const [doc, upserted] = [await raw(1), await raw(2)];
    expect(doc?.rating).toBeInstanceOf(Double);
    expect(doc?.rating.valueOf()).toBe(6);
    expect(upserted?.v).toBeInstanceOf(Double);
    expect(upserted?.v.valueOf()).toBe(2);
  });

  it('when a pipeline update adds to an Int64 beyond 2^53, then the result is an exact Int64', async () => {
    await coll.insertOne({ _id: 1, v: Long.fromString('9007199254740993') });
    await coll.updateOne({ _id: 1 }, [{ $set: { v: { $add: ['$v', 2] } } }]);
    const doc = await raw(1);
    expect(doc?.v).toBeInstanceOf(Long);
    expect(doc?.v.toString()).toBe('9007199254740995');
  });

  it('when a pipeline update adds Int32 values, then the sum is an Int32 if it fits and an Int64 if not', async () => {
    await coll.insertOne({ _id: 1, max: 2147483647 });
    await coll.updateOne({ _id: 1 }, [
      { $set: { over: { $add: ['$max', 1] }, back: { $add: ['$max', 1, -1] }, small: { $add: [2, 3] } } },
    ]);
    const doc = await raw(1);
    expect(doc?.over).toBeInstanceOf(Long);
    expect(doc?.over.toString()).toBe('2147483648');
    expect(doc?.back).toBeInstanceOf(Int32);
    expect(doc?.back.valueOf()).toBe(2147483647);
    expect(doc?.small).toBeInstanceOf(Int32);
  });

  it('when a pipeline update multiplies or subtracts, then int stays int, long stays long and a double wins', async () => {
    await coll.insertOne({ _id: 1, i: 6, l: Long.fromString('9007199254740993'), d: new Double(2) });
    await coll.updateOne({ _id: 1 }, [
      {
        $set: {
          iTimesI: { $multiply: ['$i', 7] },
          iTimesD: { $multiply: ['$i', '$d'] },
          iOverflow: { $multiply: ['$i', 1_000_000_000] },
          lMinusI: { $subtract: ['$l', 1] },
          dMinusI: { $subtract: ['$d', 2] },
        },
      },
    ]);
    const doc = await raw(1);
    expect(doc?.iTimesI).toBeInstanceOf(Int32);
    expect(doc?.iTimesI.valueOf()).toBe(42);
    expect(doc?.iTimesD).toBeInstanceOf(Double);
    expect(doc?.iTimesD.valueOf()).toBe(12);
    expect(doc?.iOverflow).toBeInstanceOf(Long);
    expect(doc?.iOverflow.toString()).toBe('6000000000');
    expect(doc?.lMinusI).toBeInstanceOf(Long);
    expect(doc?.lMinusI.toString()).toBe('9007199254740992');
    expect(doc?.dMinusI).toBeInstanceOf(Double);
    expect(doc?.dMinusI.valueOf()).toBe(0);
  });

  it('when a pipeline update carries values into other fields, then their BSON types are kept', async () => {
    await coll.insertOne({
      _id: 1,
      d: new Double(3),
      l: Long.fromString('9007199254740993'),
      dec: Decimal128.fromString('1.10'),
    });
    await coll.updateOne({ _id: 1 }, [
      {
        $set: {
          copy: { d: '$d', l: '$l', dec: '$dec' },
          fallback: { $ifNull: ['$missing', '$d'] },
          chosen: { $cond: [{ $gt: ['$d', 1] }, '$l', 0] },
        },
      },
    ]);
    const doc = await raw(1);
    expect(doc?.copy.d).toBeInstanceOf(Double);
    expect(doc?.copy.l).toBeInstanceOf(Long);
    expect(doc?.copy.l.toString()).toBe('9007199254740993');
    expect(doc?.copy.dec).toBeInstanceOf(Decimal128);
    expect(String(doc?.copy.dec)).toBe('1.10');
    expect(doc?.fallback).toBeInstanceOf(Double);
    expect(doc?.chosen).toBeInstanceOf(Long);
  });

  it('when a pipeline update changes a nested field, then the fields beside it keep their types', async () => {
    await coll.insertOne({ _id: 1, stats: { views: new Double(1), total: Long.fromNumber(7), n: 1 } });
    await coll.updateOne({ _id: 1 }, [{ $set: { 'stats.views': { $add: ['$stats.views', 1] } } }]);
    const doc = await raw(1);
    expect(doc?.stats.views).toBeInstanceOf(Double);
    expect(doc?.stats.views.valueOf()).toBe(2);
    expect(doc?.stats.total).toBeInstanceOf(Long);
    expect(doc?.stats.n).toBeInstanceOf(Int32);
  });

  it('when a pipeline update replaces the root with merged objects, then carried and computed numbers keep their types', async () => {
    await coll.insertOne({ _id: 1, d: new Double(4), n: Long.fromNumber(1) });
    await coll.updateOne({ _id: 1 }, [{ $replaceWith: { $mergeObjects: ['$$ROOT', { n: { $add: ['$n', 1] } }] } }]);
    const doc = await raw(1);
    expect(doc?.d).toBeInstanceOf(Double);
    expect(doc?.n).toBeInstanceOf(Long);
    expect(doc?.n.toString()).toBe('2');
  });

  it('when a pipeline update stores a number from an operator without typed support, then the engine refuses naming it', async () => {
    await coll.insertOne({ _id: 1, d: new Double(3) });
    const outcome = await coll.updateOne({ _id: 1 }, [{ $set: { top: { $sqrt: '$d' } } }]).then(
      () => undefined,
      (error: unknown) => error as { code?: unknown; message: string },
    );
    if (target.external) {
      // MongoDB keeps the Double; the engine must never store an Int32 instead.
      expect(outcome).toBeUndefined();
      expect((await raw(1))?.top).toBeInstanceOf(Double);
    } else {
      expect(outcome?.code).toBe(238);
      expect(outcome?.message).toContain('$sqrt');
      expect((await raw(1))?.top).toBeUndefined();
    }
  });

  it('when $type queries by int, double and long, then each finds its own kind', async () => {
    await coll.insertMany([
      { _id: 'i', v: 1 },
      { _id: 'd', v: new Double(1) },
      { _id: 'l', v: Long.fromNumber(1) },
    ]);
    expect((await coll.find({ v: { $type: 'int' } }).toArray()).map((d) => d._id)).toEqual(['i']);
    expect((await coll.find({ v: { $type: 'double' } }).toArray()).map((d) => d._id)).toEqual(['d']);
    expect((await coll.find({ v: { $type: 'long' } }).toArray()).map((d) => d._id)).toEqual(['l']);
  });

  it('when numbers of different types are compared by range, then they order numerically', async () => {
    await coll.insertMany([
      { _id: 1, v: 1 },
      { _id: 2, v: new Double(2.5) },
      { _id: 3, v: Long.fromNumber(3) },
    ]);
    const docs = await coll
      .find({ v: { $gt: 1.5 } })
      .sort({ v: -1 })
      .toArray();
    expect(docs.map((d) => d._id)).toEqual([3, 2]);
  });

  it("when $group sums doubles, Int32 values and Int64 values, then each total keeps MongoDB's result type", async () => {
    await coll.insertMany([
      { g: 'd', v: new Double(1.5) },
      { g: 'd', v: new Double(2.5) },
      { g: 'i', v: 2 },
      { g: 'i', v: 3 },
      { g: 'l', v: Long.fromNumber(4) },
      { g: 'l', v: 1 },
    ]);
    const rows = await coll
      .aggregate([{ $group: { _id: '$g', total: { $sum: '$v' }, avg: { $avg: '$v' } } }, { $sort: { _id: 1 } }], {
        promoteValues: false,
      })
      .toArray();
    const byGroup = Object.fromEntries(rows.map((r) => [String(r._id), r]));
    expect(byGroup.d?.total).toBeInstanceOf(Double);
    expect(byGroup.d?.total.valueOf()).toBe(4);
    expect(byGroup.i?.total).toBeInstanceOf(Int32);
    expect(byGroup.i?.total.valueOf()).toBe(5);
    expect(byGroup.l?.total).toBeInstanceOf(Long);
    expect(byGroup.i?.avg).toBeInstanceOf(Double);
    expect(byGroup.i?.avg.valueOf()).toBe(2.5);
  });

  it('when an aggregation sums Int32 values, then the total is exact', async () => {
    await coll.insertMany(Array.from({ length: 100 }, (_, i) => ({ v: i })));
    const [row] = await coll.aggregate([{ $group: { _id: null, total: { $sum: '$v' } } }]).toArray();
    expect(row?.total).toBe(4950);
  });
});
