import { Binary, Long, MaxKey, MinKey, ObjectId, Timestamp, type Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let items: Collection<Row>;

beforeAll(async () => {
  target = await openTarget('sort-projection');
  items = target.db.collection<Row>('items');
  await items.insertMany([
    {
      _id: 1,
      name: 'apple',
      price: 5,
      qty: 10,
      tags: ['fruit', 'red'],
      dims: { w: 2, h: 3 },
      sizes: [
        { s: 'S', n: 1 },
        { s: 'M', n: 5 },
      ],
      history: [3, 9, 4],
    },
    {
      _id: 2,
      name: 'banana',
      price: 2.5,
      qty: 0,
      tags: ['fruit', 'yellow'],
      dims: { w: 1, h: 6 },
      sizes: [{ s: 'M', n: 2 }],
      history: [6],
    },
    { _id: 3, name: 'carrot', price: 1, qty: 25, tags: ['vegetable'], history: [1, 2] },
  ]);
});

afterAll(async () => {
  await target.close();
});

describe('sort order', () => {
  it('when values of every BSON type are sorted ascending, then MongoDB type order applies', async () => {
    const coll = target.db.collection<Row>('types');
    await coll.insertMany([
      { _id: 1, v: 'a' },
      { _id: 2, v: 3 },
      { _id: 3, v: null },
      { _id: 4, v: true },
      { _id: 5, v: new Date(0) },
      { _id: 6, v: { x: 1 } },
      { _id: 7, v: new ObjectId('000000000000000000000001') },
      { _id: 8, v: new Binary(Buffer.from('z')) },
      { _id: 9, v: /re/ },
      { _id: 10, v: Long.fromNumber(2) },
      { _id: 11, v: 2.5 },
      { _id: 12, v: 'B' },
      { _id: 13, v: new MinKey() },
      { _id: 14, v: new MaxKey() },
      { _id: 15, v: new Timestamp({ t: 1, i: 1 }) },
    ]);
    const ascending = (await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(ascending).toEqual([13, 3, 10, 11, 2, 12, 1, 6, 8, 7, 4, 5, 15, 9, 14]);
    const descending = (await coll.find().sort({ v: -1 }).toArray()).map((d) => d._id);
    expect(descending).toEqual([14, 9, 15, 5, 4, 7, 8, 6, 1, 12, 2, 11, 10, 3, 13]);
  });

  it('when sorting by an array field, then ascending uses the smallest and descending the largest element', async () => {
    const coll = target.db.collection<Row>('arraysort');
    await coll.insertMany([
      { _id: 'a', v: [1, 10] },
      { _id: 'b', v: [5] },
      { _id: 'c', v: 3 },
    ]);
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(['a', 'c', 'b']);
    expect((await coll.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual(['a', 'b', 'c']);
  });

  it('when sorting a field that is missing in some documents, then they sort first like null', async () => {
    const coll = target.db.collection<Row>('missingsort');
    await coll.insertMany([{ _id: 1, v: 2 }, { _id: 2 }, { _id: 3, v: 1 }]);
    expect((await coll.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual([2, 3, 1]);
  });

  it('when sorting by two keys, then the second breaks ties of the first', async () => {
    const coll = target.db.collection<Row>('compoundsort');
    await coll.insertMany([
      { _id: 1, g: 'b', n: 1 },
      { _id: 2, g: 'a', n: 2 },
      { _id: 3, g: 'a', n: 1 },
      { _id: 4, g: 'b', n: 0 },
    ]);
    expect((await coll.find().sort({ g: 1, n: -1 }).toArray()).map((d) => d._id)).toEqual([2, 3, 1, 4]);
  });

  it('when sorting strings, then the order is by bytes (uppercase before lowercase)', async () => {
    const coll = target.db.collection<Row>('stringsort');
    await coll.insertMany([{ s: 'b' }, { s: 'B' }, { s: 'a' }, { s: 'ä' }, { s: 'A' }]);
    expect((await coll.find().sort({ s: 1 }).toArray()).map((d) => d.s)).toEqual(['A', 'B', 'a', 'b', 'ä']);
  });

  it('when sorting by an embedded field, then the dotted path is used', async () => {
    const docs = await items
      .find({ dims: { $exists: true } })
      .sort({ 'dims.h': -1 })
      .toArray();
    expect(docs.map((d) => d._id)).toEqual([2, 1]);
  });
});

describe('skip and limit', () => {
  it('when skip and limit are combined with a sort, then the window is taken after sorting', async () => {
    const docs = await items.find().sort({ price: -1 }).skip(1).limit(1).toArray();
    expect(docs.map((d) => d._id)).toEqual([2]);
  });

  it('when a negative limit is used, then a single batch of that size is returned', async () => {
    const docs = await items.find().sort({ _id: 1 }).limit(-2).toArray();
    expect(docs.map((d) => d._id)).toEqual([1, 2]);
  });

  it('when skip passes the end, then the result is empty', async () => {
    expect(await items.find().skip(10).toArray()).toEqual([]);
  });
});

describe('projection', () => {
  it('when including fields, then only they and _id are returned', async () => {
    const doc = await items.findOne({ _id: 1 }, { projection: { name: 1, price: 1 } });
    expect(doc).toEqual({ _id: 1, name: 'apple', price: 5 });
  });

  it('when excluding _id in an inclusion projection, then _id is left out', async () => {
    const doc = await items.findOne({ _id: 1 }, { projection: { name: 1, _id: 0 } });
    expect(doc).toEqual({ name: 'apple' });
  });

  it('when excluding fields, then everything else is returned', async () => {
    const doc = await items.findOne({ _id: 3 }, { projection: { tags: 0, history: 0 } });
    expect(doc).toEqual({ _id: 3, name: 'carrot', price: 1, qty: 25 });
  });

  it('when mixing inclusion and exclusion, then the server rejects the projection', async () => {
    const error = await items.findOne({}, { projection: { name: 1, price: 0 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 31254 });
  });

  it('when including a dotted path, then the embedded document keeps only that field', async () => {
    const doc = await items.findOne({ _id: 1 }, { projection: { 'dims.w': 1, 'sizes.s': 1 } });
    expect(doc).toEqual({ _id: 1, dims: { w: 2 }, sizes: [{ s: 'S' }, { s: 'M' }] });
  });

  it('when excluding a dotted path, then only that embedded field is removed', async () => {
    const doc = await items.findOne({ _id: 2 }, { projection: { 'dims.w': 0, sizes: 0, tags: 0, history: 0 } });
    expect(doc).toEqual({ _id: 2, name: 'banana', price: 2.5, qty: 0, dims: { h: 6 } });
  });

  it('when projecting with $slice, then the array is cut and other fields stay', async () => {
    const doc = await items.findOne({ _id: 1 }, { projection: { history: { $slice: -2 }, sizes: 0 } });
    expect(doc?.history).toEqual([9, 4]);
    expect(doc?.name).toBe('apple');
  });

  it('when projecting with $elemMatch, then only the first matching element is returned', async () => {
    const doc = await items.findOne({ _id: 1 }, { projection: { sizes: { $elemMatch: { n: { $gt: 2 } } } } });
    expect(doc).toEqual({ _id: 1, sizes: [{ s: 'M', n: 5 }] });
  });

  it('when projecting with the positional operator, then the element matched by the query is returned', async () => {
    const doc = await items.findOne({ _id: 1, 'sizes.s': 'M' }, { projection: { 'sizes.$': 1 } });
    expect(doc).toEqual({ _id: 1, sizes: [{ s: 'M', n: 5 }] });
  });

  it('when projecting an aggregation expression, then the computed value is returned', async () => {
    const doc = await items.findOne({ _id: 1 }, { projection: { _id: 0, total: { $multiply: ['$price', '$qty'] } } });
    expect(doc).toEqual({ total: 50 });
  });
});
