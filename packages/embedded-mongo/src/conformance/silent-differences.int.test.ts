import { Double, Int32, Long, MaxKey, MinKey, type Collection, type Document, type MongoServerError } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

/**
 * Cases where the engine used to answer, and answer differently from MongoDB. Each expectation is MongoDB's
 * documented behaviour, so the file passes unchanged against a real server (MONGODB_CONFORMANCE_URI).
 */

let target: ConformanceTarget;
let coll: Collection<Row>;
let counter = 0;

beforeAll(async () => {
  target = await openTarget('silent-differences');
});

afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  coll = target.db.collection<Row>(`s${++counter}`);
});

async function failure(action: () => Promise<unknown>): Promise<MongoServerError> {
  return action().then(
    () => {
      throw new Error('expected the server to refuse');
    },
    (error: unknown) => error as MongoServerError,
  );
}

/** Evaluates expressions on one stored document through `$project`. */
async function project(doc: Document, fields: Document): Promise<Document | undefined> {
  await coll.insertOne({ _id: 1, ...doc });
  const [row] = await coll.aggregate([{ $project: { _id: 0, ...fields } }]).toArray();
  return row;
}

describe('let variables are expressions evaluated once', () => {
  beforeEach(async () => {
    await coll.insertMany([{ _id: 1 }, { _id: 2, name: 'name' }, { _id: 3, name: 'name' }]);
  });

  it('when updateMany uses let in a pipeline and in $expr, then $literal values are stored unwrapped', async () => {
    const result = await coll.updateMany({ $expr: { $eq: ['$name', '$$name'] } }, [{ $set: { x: '$$x', y: '$$y' } }], {
      let: { name: 'name', x: 'foo', y: { $literal: 'bar' } },
    });
    expect(result).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1 },
      { _id: 2, name: 'name', x: 'foo', y: 'bar' },
      { _id: 3, name: 'name', x: 'foo', y: 'bar' },
    ]);
  });

  it('when a let value is a $literal of a dollar string, then the string is stored as is', async () => {
    await coll.updateOne({ _id: 1 }, [{ $set: { y: '$$y' } }], { let: { y: { $literal: '$bar' } } });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, y: '$bar' });
  });

  it('when a let value computes, then the result is used (aggregate, find, delete, findOneAndUpdate)', async () => {
    const rows = await coll
      .aggregate([{ $match: { _id: 1 } }, { $project: { _id: 0, v: '$$v', w: '$$w' } }], {
        let: { v: { $add: [1, 2] }, w: { $toUpper: 'ab' } },
      })
      .toArray();
    expect(rows).toEqual([{ v: 3, w: 'AB' }]);
    const found = await coll.find({ $expr: { $eq: ['$name', '$$n'] } }, { let: { n: { $toLower: 'NAME' } } }).toArray();
    expect(found.map((d) => d._id)).toEqual([2, 3]);
    const updated = await coll.findOneAndUpdate({ $expr: { $eq: ['$_id', '$$id'] } }, [{ $set: { tag: '$$tag' } }], {
      let: { id: { $subtract: [5, 3] }, tag: { $concat: ['a', 'b'] } },
      returnDocument: 'after',
    });
    expect(updated).toEqual({ _id: 2, name: 'name', tag: 'ab' });
    const deleted = await coll.deleteMany(
      { $expr: { $gt: ['$_id', '$$limit'] } },
      { let: { limit: { $multiply: [1, 2] } } },
    );
    expect(deleted.deletedCount).toBe(1);
  });

  it("when an update statement carries constants ('c'), then its pipeline reads them", async () => {
    await target.db.command({
      update: coll.collectionName,
      updates: [{ q: { _id: 1 }, u: [{ $set: { z: '$$zz' } }], c: { zz: 'constant' } }],
    });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, z: 'constant' });
  });

  it('when a let value is $$NOW, then a date is stored', async () => {
    const before = Date.now();
    await coll.updateOne({ _id: 1 }, [{ $set: { at: '$$at' } }], { let: { at: '$$NOW' } });
    const at = (await coll.findOne({ _id: 1 }))?.at as unknown;
    expect(at).toBeInstanceOf(Date);
    expect((at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('when a let value reads a document field, then the command is refused (no document exists yet)', async () => {
    const error = await failure(() => coll.updateOne({ _id: 1 }, [{ $set: { y: '$$y' } }], { let: { y: '$name' } }));
    expect(error.code).toBe(4890500);
  });
});

describe('pipeline updates and upserts keep _id', () => {
  it('when $replaceWith produces a document without _id, then the original _id is kept', async () => {
    await coll.insertOne({ _id: 1, a: 1, b: 2 });
    await coll.updateOne({ _id: 1 }, [{ $replaceWith: { c: '$a' } }]);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, c: 1 });
  });

  it('when a pipeline update unsets _id, then the original _id is kept', async () => {
    await coll.insertOne({ _id: 1, a: 1 });
    await coll.updateOne({ _id: 1 }, [{ $unset: ['_id', 'a'] }]);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1 });
  });

  it('when an upsert filter pins _id to null, then the new document has _id null', async () => {
    const result = await coll.updateOne({ _id: null } as Document, { $set: { a: 1 } }, { upsert: true });
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedId).toBeNull();
    expect(await coll.find({}).toArray()).toEqual([{ _id: null, a: 1 }]);
  });

  it('when a replacement upsert carries _id null, then it is stored with _id null', async () => {
    await coll.replaceOne({ x: 1 }, { _id: null, b: 2 } as Document, { upsert: true });
    expect(await coll.find({}).toArray()).toEqual([{ _id: null, b: 2 }]);
  });

  it('when updateMany upserts with _id null in the filter, then _id null is stored', async () => {
    await coll.updateMany({ _id: null, k: 'v' } as Document, { $set: { n: 1 } }, { upsert: true });
    expect(await coll.find({}).toArray()).toEqual([{ _id: null, k: 'v', n: 1 }]);
  });
});

describe('$merge errors', () => {
  it("when whenMatched is 'fail' and the document exists, then the E11000 carries keyPattern and keyValue", async () => {
    await coll.insertMany([{ _id: 1 }, { _id: 2, x: 1 }]);
    const error = await failure(() =>
      target.db
        .aggregate([{ $documents: [{ _id: 2, x: 1 }] }, { $merge: { into: coll.collectionName, whenMatched: 'fail' } }])
        .toArray(),
    );
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ _id: 1 });
    expect(error.keyValue).toEqual({ _id: 2 });
  });

  it("when 'on' names fields without a unique index, then $merge is refused", async () => {
    await coll.insertOne({ _id: 1, sku: 'a' });
    const error = await failure(() =>
      target.db
        .aggregate([{ $documents: [{ sku: 'a', n: 1 }] }, { $merge: { into: coll.collectionName, on: 'sku' } }])
        .toArray(),
    );
    expect(error.code).toBe(51183);
  });

  it("when a result matched by other 'on' fields carries a different _id, then replace and merge fail (immutable _id)", async () => {
    await coll.createIndex({ sku: 1 }, { unique: true });
    await coll.insertOne({ _id: 1, sku: 'a', n: 0 });
    for (const whenMatched of ['replace', 'merge']) {
      const error = await failure(() =>
        target.db
          .aggregate([
            { $documents: [{ _id: 2, sku: 'a', n: 1 }] },
            { $merge: { into: coll.collectionName, on: 'sku', whenMatched } },
          ])
          .toArray(),
      );
      expect(error.code).toBe(66);
    }
    await target.db
      .aggregate([
        { $documents: [{ sku: 'a', n: 2 }] },
        { $merge: { into: coll.collectionName, on: 'sku', whenMatched: 'merge' } },
      ])
      .toArray();
    expect(await coll.find().toArray()).toEqual([{ _id: 1, sku: 'a', n: 2 }]);
  });

  it("when 'on' names a uniquely indexed field and whenMatched is 'fail', then the error names that index", async () => {
    await coll.createIndex({ sku: 1 }, { unique: true });
    await coll.insertOne({ _id: 1, sku: 'a' });
    const error = await failure(() =>
      target.db
        .aggregate([
          { $documents: [{ sku: 'a', n: 1 }] },
          { $merge: { into: coll.collectionName, on: 'sku', whenMatched: 'fail' } },
        ])
        .toArray(),
    );
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ sku: 1 });
    expect(error.keyValue).toEqual({ sku: 'a' });
  });
});

describe('stage specifications MongoDB refuses at parse time', () => {
  it('when a stage is malformed, then the aggregation fails with the parse error instead of answering', async () => {
    await coll.insertMany([
      { _id: 1, a: [1, 2], n: 5 },
      { _id: 2, a: [], n: 7 },
    ]);
    const cases: Array<[Document, number]> = [
      [{ $limit: 0 }, 15958],
      [{ $sort: {} }, 15976],
      [{ $project: {} }, 51272],
      [{ $addFields: {} }, 40177],
      [{ $unwind: 'a' }, 28818],
      [{ $group: { n: { $sum: 1 } } }, 15955],
      [{ $group: { _id: null, 'a.b': { $sum: 1 } } }, 40235],
      [{ $count: '$x' }, 40158],
      [{ $sample: { size: -1 } }, 28747],
      [{ $unset: [] }, 31119],
      [{ $facet: {} }, 40169],
      [{ $lookup: { from: coll.collectionName, localField: 'n', foreignField: 'n' } }, 9],
    ];
    for (const [stage, code] of cases) {
      const error = await failure(() => coll.aggregate([stage]).toArray());
      expect({ stage, code: error.code }).toEqual({ stage, code });
    }
  });

  it('when an expression operator is unknown, then the error is 168 InvalidPipelineOperator', async () => {
    await coll.insertOne({ _id: 1 });
    const error = await failure(() => coll.aggregate([{ $match: { $expr: { $bogus: 1 } } }]).toArray());
    expect(error.code).toBe(168);
  });

  it("when a $merge 'on' field holds an array, then the write fails", async () => {
    await coll.createIndex({ k: 1 }, { unique: true });
    const error = await failure(() =>
      target.db
        .aggregate([{ $documents: [{ k: [1, 2] }] }, { $merge: { into: coll.collectionName, on: 'k' } }])
        .toArray(),
    );
    expect(error.code).toBe(51185);
  });

  it('when findOneAndDelete carries arrayFilters, then findAndModify refuses the combination', async () => {
    await coll.insertOne({ _id: 1, a: [1] });
    const error = await failure(() =>
      target.db.command({ findAndModify: coll.collectionName, query: {}, remove: true, arrayFilters: [{ x: 1 }] }),
    );
    expect(error.code).toBe(9);
    expect(await coll.countDocuments()).toBe(1);
  });
});

describe('documents built by expressions', () => {
  it('when a $group _id document has a field that is missing in some documents, then missing and null are distinct groups', async () => {
    await coll.insertMany([{ _id: 1, a: 1 }, { _id: 2 }, { _id: 3, a: null }]);
    const rows = await coll.aggregate([{ $group: { _id: { a: '$a' }, n: { $sum: 1 } } }]).toArray();
    const byKey = new Map(rows.map((r) => [JSON.stringify(r._id), r.n]));
    expect(Object.fromEntries(byKey)).toEqual({ '{"a":1}': 1, '{}': 1, '{"a":null}': 1 });
  });
});

describe('field order of projections', () => {
  beforeEach(async () => {
    await coll.insertOne({ _id: 1, q: 2, prod: { name: 'n', p: 3 }, z: 9 });
  });

  it('when $project includes and computes fields, then included fields keep the input order and computed follow', async () => {
    const [a] = await coll.aggregate([{ $project: { _id: 0, name: '$prod.name', q: 1 } }]).toArray();
    expect(Object.keys(a ?? {})).toEqual(['q', 'name']);
    const [b] = await coll.aggregate([{ $project: { name: '$prod.name', z: 1, q: 1 } }]).toArray();
    expect(Object.keys(b ?? {})).toEqual(['_id', 'q', 'z', 'name']);
    const [c] = await coll.aggregate([{ $project: { prod: { p: 1, name: 1 } } }]).toArray();
    expect(c).toEqual({ _id: 1, prod: { name: 'n', p: 3 } });
    expect(Object.keys(c?.prod ?? {})).toEqual(['name', 'p']);
  });

  it('when $addFields sets existing and new fields, then existing ones keep their place and new ones are appended', async () => {
    const [row] = await coll.aggregate([{ $addFields: { extra: 1, q: 5 } }]).toArray();
    expect(Object.keys(row ?? {})).toEqual(['_id', 'q', 'prod', 'z', 'extra']);
    expect(row?.q).toBe(5);
  });

  it('when a find projection computes from a missing field, then the field is left out (as in $project)', async () => {
    const row = await coll.findOne(
      { _id: 1 },
      { projection: { q: 1, none: '$missing', first: { $arrayElemAt: [[], 0] } } },
    );
    expect(row).toEqual({ _id: 1, q: 2 });
  });

  it('when a find projection copies numbers, then they keep their BSON types', async () => {
    await coll.insertOne({ _id: 2, d: new Double(5), l: Long.fromNumber(3) });
    const row = await coll.findOne(
      { _id: 2 },
      { projection: { copy: '$d', sum: { $add: ['$l', 1] } }, promoteValues: false },
    );
    expect(row?.copy).toBeInstanceOf(Double);
    expect(row?.sum).toBeInstanceOf(Long);
  });

  it('when a find projection includes and computes fields, then computed fields come after included ones', async () => {
    const row = await coll.findOne({ _id: 1 }, { projection: { name: '$prod.name', q: 1 } });
    expect(Object.keys(row ?? {})).toEqual(['_id', 'q', 'name']);
  });
});

describe('expression operators', () => {
  it('when $max/$min/$sum/$avg are used as expressions, then null and missing are ignored and one array is traversed', async () => {
    const row = await project(
      { arr: [1, 2, 3], n: 4 },
      {
        max: { $max: [1, null, '$missing'] },
        min: { $min: [null, 2] },
        maxScalar: { $max: '$n' },
        sumArr: { $sum: '$arr' },
        sumList: { $sum: [1, '$n', 'x'] },
        avg: { $avg: [1, null, 3] },
        avgNone: { $avg: '$missing' },
      },
    );
    expect(row).toEqual({ max: 1, min: 2, maxScalar: 4, sumArr: 6, sumList: 5, avg: 2, avgNone: null });
  });

  it("when $not or $cond test '' and 0, then '' is true and 0 is false", async () => {
    const row = await project(
      { s: '', z: 0 },
      { notEmpty: { $not: ['$s'] }, notZero: { $not: ['$z'] }, cond: { $cond: ['$s', 'T', 'F'] } },
    );
    expect(row).toEqual({ notEmpty: false, notZero: true, cond: 'T' });
  });

  it('when $size gets a missing field, then the aggregation fails', async () => {
    const error = await failure(() => project({}, { n: { $size: '$missing' } }));
    expect(error.code).toBe(17124);
  });

  it('when $ln or $log10 get zero, then the aggregation fails', async () => {
    expect((await failure(() => project({ z: 0 }, { v: { $ln: '$z' } }))).code).toBe(28766);
    coll = target.db.collection<Row>(`s${++counter}`);
    expect((await failure(() => project({ z: 0 }, { v: { $log10: '$z' } }))).code).toBe(28761);
  });

  it('when $round and $trunc take decimal places, then the exact decimal value is rounded half to even', async () => {
    const row = await project(
      {},
      {
        a: { $round: [1.55, 1] },
        b: { $round: [2.5, 0] },
        c: { $round: [3.5] },
        d: { $round: [19.25, 1] },
        e: { $trunc: [2.789, 2] },
        f: { $round: [1234, -2] },
      },
    );
    expect(row).toEqual({ a: 1.6, b: 2, c: 4, d: 19.2, e: 2.78, f: 1200 });
  });

  it('when $toUpper and $toLower get null, then they give an empty string', async () => {
    expect(await project({}, { u: { $toUpper: null }, l: { $toLower: '$missing' } })).toEqual({ u: '', l: '' });
  });

  it('when $indexOfBytes and $indexOfCP search a string with multi-byte characters, then bytes and code points differ', async () => {
    const row = await project(
      { s: 'héllo' },
      { bytes: { $indexOfBytes: ['$s', 'l'] }, cp: { $indexOfCP: ['$s', 'l'] } },
    );
    expect(row).toEqual({ bytes: 3, cp: 2 });
  });

  it('when $substrCP gets a negative start or length, then the aggregation fails', async () => {
    expect((await failure(() => project({}, { s: { $substrCP: ['abc', -1, 1] } }))).code).toBe(34455);
    coll = target.db.collection<Row>(`s${++counter}`);
    expect((await failure(() => project({}, { s: { $substrCP: ['abc', 0, -1] } }))).code).toBe(34454);
  });

  it('when $split gets an empty separator, $mod a zero divisor or $switch no branch, then the aggregation fails', async () => {
    expect((await failure(() => project({}, { s: { $split: ['abc', ''] } }))).code).toBe(40087);
    coll = target.db.collection<Row>(`s${++counter}`);
    expect((await failure(() => project({ z: 0 }, { m: { $mod: [5, '$z'] } }))).code).toBe(16610);
    coll = target.db.collection<Row>(`s${++counter}`);
    const noBranch = { $switch: { branches: [{ case: { $eq: ['$z', 1] }, then: 'one' }] } };
    expect((await failure(() => project({ z: 0 }, { w: noBranch }))).code).toBe(40066);
  });

  it('when a set operator gets null, then the result is null', async () => {
    const row = await project(
      { a: [1, 2] },
      {
        u: { $setUnion: ['$a', null] },
        i: { $setIntersection: ['$a', '$missing'] },
        d: { $setDifference: [null, '$a'] },
      },
    );
    expect(row).toEqual({ u: null, i: null, d: null });
  });

  it('when $arrayToObject meets a repeated name, then the last value wins', async () => {
    const row = await project(
      {},
      {
        o: {
          $arrayToObject: {
            $literal: [
              { k: 'item', v: '123abc' },
              { k: 'item', v: 'abc123' },
            ],
          },
        },
        p: {
          $arrayToObject: [
            [
              ['a', 1],
              ['b', 2],
              ['a', 3],
            ],
          ],
        },
      },
    );
    expect(row).toEqual({ o: { item: 'abc123' }, p: { a: 3, b: 2 } });
  });

  it('when $slice gets null, $concat gets null and $arrayElemAt is out of range, then null, null and missing', async () => {
    const row = await project(
      { arr: [1, 2] },
      { s: { $slice: [null, 1] }, c: { $concat: ['a', null] }, e: { $arrayElemAt: ['$arr', 5] }, k: 1 },
    );
    expect(row).toEqual({ s: null, c: null });
  });
});

describe('numeric types through aggregation expressions', () => {
  it('when $project and $addFields carry numbers, then each keeps its BSON type', async () => {
    await coll.insertOne({ _id: 1, d: new Double(5), l: Long.fromNumber(7), i: 3, nested: { d: new Double(2) } });
    const [row] = await coll
      .aggregate(
        [
          { $project: { d: 1, l: 1, i: 1, nested: 1, copy: '$d', sum: { $add: ['$d', 1] } } },
          { $addFields: { twice: { $multiply: ['$l', 2] } } },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(row?.d).toBeInstanceOf(Double);
    expect(row?.copy).toBeInstanceOf(Double);
    expect(row?.sum).toBeInstanceOf(Double);
    expect(row?.sum.valueOf()).toBe(6);
    expect(row?.l).toBeInstanceOf(Long);
    expect(row?.twice).toBeInstanceOf(Long);
    expect(row?.i).toBeInstanceOf(Int32);
    expect(row?.nested.d).toBeInstanceOf(Double);
  });

  it('when $type, $round, $toDouble, $toLong and $mod see typed numbers, then the results have MongoDB types', async () => {
    await coll.insertOne({ _id: 1, d: new Double(5), half: new Double(2.5), i: 7, l: Long.fromNumber(9) });
    const [row] = await coll
      .aggregate(
        [
          {
            $project: {
              _id: 0,
              type: { $type: '$d' },
              rounded: { $round: ['$half', 0] },
              double: { $toDouble: '$i' },
              long: { $toLong: '$i' },
              modInt: { $mod: ['$i', 4] },
              modLong: { $mod: ['$l', 4] },
              absD: { $abs: '$d' },
            },
          },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(row?.type).toBe('double');
    expect(row?.rounded).toBeInstanceOf(Double);
    expect(row?.rounded.valueOf()).toBe(2);
    expect(row?.double).toBeInstanceOf(Double);
    expect(row?.long).toBeInstanceOf(Long);
    expect(row?.modInt).toBeInstanceOf(Int32);
    expect(row?.modInt.valueOf()).toBe(3);
    expect(row?.modLong).toBeInstanceOf(Long);
    expect(row?.absD).toBeInstanceOf(Double);
  });

  it('when $expr and $match test $type of an integral double or a long, then they see double and long', async () => {
    await coll.insertMany([
      { _id: 1, v: new Double(5) },
      { _id: 2, v: 5 },
      { _id: 3, v: Long.fromNumber(5) },
    ]);
    const found = await coll.find({ $expr: { $eq: [{ $type: '$v' }, 'double'] } }).toArray();
    expect(found.map((d) => d._id)).toEqual([1]);
    const rows = await coll
      .aggregate([{ $match: { $expr: { $in: [{ $type: '$v' }, ['long', 'int']] } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(rows.map((d) => d._id)).toEqual([2, 3]);
  });

  it('when a pipeline update stores $sum, $avg, $round and $toDouble results, then they have MongoDB types', async () => {
    await coll.insertOne({ _id: 1, a: 2, b: 3, d: new Double(4.5) });
    await coll.updateOne({ _id: 1 }, [
      {
        $set: {
          sum: { $sum: ['$a', '$b'] },
          avg: { $avg: ['$a', '$b'] },
          rounded: { $round: ['$d', 0] },
          asDouble: { $toDouble: '$a' },
        },
      },
    ]);
    const doc = await coll.findOne({ _id: 1 }, { promoteValues: false });
    expect(doc?.sum).toBeInstanceOf(Int32);
    expect(doc?.sum.valueOf()).toBe(5);
    expect(doc?.avg).toBeInstanceOf(Double);
    expect(doc?.avg.valueOf()).toBe(2.5);
    expect(doc?.rounded).toBeInstanceOf(Double);
    expect(doc?.rounded.valueOf()).toBe(4);
    expect(doc?.asDouble).toBeInstanceOf(Double);
  });

  it('when $lookup joins documents, then the joined numbers keep their types through later stages', async () => {
    const products = target.db.collection<Row>(`s${++counter}`);
    await products.insertOne({ _id: 1, price: new Double(5), stock: Long.fromNumber(3) });
    await coll.insertOne({ _id: 1, pid: 1 });
    const [row] = await coll
      .aggregate(
        [
          { $lookup: { from: products.collectionName, localField: 'pid', foreignField: '_id', as: 'p' } },
          { $project: { p: 1, first: { $first: '$p.price' }, stock: { $sum: '$p.stock' } } },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(row?.p[0].price).toBeInstanceOf(Double);
    expect(row?.p[0].stock).toBeInstanceOf(Long);
    expect(row?.first).toBeInstanceOf(Double);
    expect(row?.stock).toBeInstanceOf(Long);
  });

  it('when $unwind expands an array of numbers, then each element keeps its type and the index is a long', async () => {
    await coll.insertMany([
      { _id: 1, v: [new Double(1), Long.fromNumber(2), 3] },
      { _id: 2, v: [] },
      { _id: 3, v: null },
      { _id: 4 },
      { _id: 5, v: new Double(7) },
    ]);
    const rows = await coll
      .aggregate([{ $unwind: { path: '$v', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true } }], {
        promoteValues: false,
      })
      .toArray();
    expect(
      rows.map((r) => [Number(r._id), r.v === undefined ? 'missing' : r.v === null ? null : r.v._bsontype]),
    ).toEqual([
      [1, 'Double'],
      [1, 'Long'],
      [1, 'Int32'],
      [2, 'missing'],
      [3, null],
      [4, 'missing'],
      [5, 'Double'],
    ]);
    expect(rows.map((r) => (r.i === null ? null : r.i._bsontype))).toEqual([
      'Long',
      'Long',
      'Long',
      null,
      null,
      null,
      null,
    ]);
    const plain = await coll
      .aggregate([{ $unwind: '$v' }, { $group: { _id: null, s: { $sum: '$v' } } }], { promoteValues: false })
      .toArray();
    expect(plain[0]?.s).toBeInstanceOf(Double);
    expect(plain[0]?.s.valueOf()).toBe(13);
  });

  it('when $pow raises ints and longs, then the result is an int, a long or a double as in MongoDB', async () => {
    await coll.insertOne({ _id: 1, two: 2, long: Long.fromNumber(3) });
    await coll.updateOne({ _id: 1 }, [
      {
        $set: {
          small: { $pow: ['$two', 10] },
          big: { $pow: ['$two', 62] },
          huge: { $pow: ['$two', 64] },
          fraction: { $pow: ['$two', -1] },
          fromLong: { $pow: ['$long', 2] },
        },
      },
    ]);
    const doc = await coll.findOne({ _id: 1 }, { promoteValues: false });
    expect(doc?.small).toBeInstanceOf(Int32);
    expect(doc?.small.valueOf()).toBe(1024);
    expect(doc?.big).toBeInstanceOf(Long);
    expect(doc?.big.toString()).toBe('4611686018427387904');
    expect(doc?.huge).toBeInstanceOf(Double);
    expect(doc?.fraction).toBeInstanceOf(Double);
    expect(doc?.fraction.valueOf()).toBe(0.5);
    expect(doc?.fromLong).toBeInstanceOf(Long);
    expect(doc?.fromLong.toString()).toBe('9');
  });

  it('when a pipeline update uses $setField, then the stored number keeps its type', async () => {
    await coll.insertOne({ _id: 1, d: new Double(4), obj: { a: 1 } });
    await coll.updateOne({ _id: 1 }, [
      { $set: { obj: { $setField: { field: 'price', input: '$obj', value: '$d' } } } },
      { $set: { dollar: { $setField: { field: { $literal: 'total' }, input: {}, value: { $add: ['$d', 1] } } } } },
    ]);
    const doc = await coll.findOne({ _id: 1 }, { promoteValues: false });
    expect(doc?.obj.price).toBeInstanceOf(Double);
    expect(doc?.obj.price.valueOf()).toBe(4);
    expect(doc?.obj.a).toBeInstanceOf(Int32);
    expect(doc?.dollar.total).toBeInstanceOf(Double);
    expect(doc?.dollar.total.valueOf()).toBe(5);
  });

  it('when a pipeline update picks a value with $max, $arrayElemAt or $getField, then its type is kept', async () => {
    await coll.insertOne({
      _id: 1,
      d: new Double(3),
      arr: [new Double(1), Long.fromNumber(2)],
      o: { x: new Double(8) },
    });
    await coll.updateOne({ _id: 1 }, [
      {
        $set: {
          top: { $max: ['$d', 1] },
          second: { $arrayElemAt: ['$arr', 1] },
          x: { $getField: { field: 'x', input: '$o' } },
        },
      },
    ]);
    const doc = await coll.findOne({ _id: 1 }, { promoteValues: false });
    expect(doc?.top).toBeInstanceOf(Double);
    expect(doc?.second).toBeInstanceOf(Long);
    expect(doc?.x).toBeInstanceOf(Double);
  });
});

describe('query type brackets and $type', () => {
  beforeEach(async () => {
    await coll.insertMany([
      { _id: 1, a: 5 },
      { _id: 2, a: '7' },
      { _id: 3, a: new Double(2.5) },
      { _id: 4, a: Long.fromNumber(9) },
      { _id: 5, a: new MinKey() },
      { _id: 6, a: new MaxKey() },
      { _id: 7, a: null },
    ]);
  });

  const ids = async (filter: Document) => (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);

  it('when $gt compares with a number, then strings, null and min/max keys are not matched', async () => {
    expect(await ids({ a: { $gt: 1 } })).toEqual([1, 3, 4]);
    expect(await ids({ a: { $lt: '9' } })).toEqual([2]);
  });

  it('when a query compares with NaN, then NaN equals only NaN and is neither greater nor less than a number', async () => {
    await coll.insertOne({ _id: 8, a: NaN });
    expect(await ids({ a: NaN })).toEqual([8]);
    expect(await ids({ a: { $gt: NaN } })).toEqual([]);
    expect(await ids({ a: { $gte: NaN } })).toEqual([8]);
    expect(await ids({ a: { $lt: 3 } })).toEqual([3]);
    expect(await ids({ a: { $in: [NaN] } })).toEqual([8]);
  });

  it('when $type uses aliases and numeric codes, then each selects its own kind', async () => {
    expect(await ids({ a: { $type: 'number' } })).toEqual([1, 3, 4]);
    expect(await ids({ a: { $type: 'long' } })).toEqual([4]);
    expect(await ids({ a: { $type: 16 } })).toEqual([1]);
    expect(await ids({ a: { $type: -1 } })).toEqual([5]);
    expect(await ids({ a: { $type: 127 } })).toEqual([6]);
    expect(await ids({ a: { $type: ['string', 'null'] } })).toEqual([2, 7]);
  });
});
