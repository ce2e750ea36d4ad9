import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let coll: Collection<Document>;
let counter = 0;

beforeAll(async () => {
  target = await openTarget('updates');
});

afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  const name = `u${++counter}`;
  coll = target.db.collection(name);
  await target.db.collection<Row>(name).insertOne({
    _id: 1,
    name: 'apple',
    qty: 10,
    price: 5,
    tags: ['fruit', 'red'],
    sizes: [
      { s: 'S', n: 1 },
      { s: 'M', n: 5 },
      { s: 'L', n: 8 },
    ],
    scores: [3, 9, 4],
    dims: { w: 2 },
  });
});

/** The filter for the fixture document (its `_id` is a number, which the driver's typings do not expect). */
function id(extra: Document = {}): Document {
  return { _id: 1, ...extra };
}

async function doc(): Promise<Document | null> {
  return coll.findOne(id());
}

describe('field operators', () => {
  it('when $set changes a field, then it is matched and modified', async () => {
    const result = await coll.updateOne(id(), { $set: { qty: 11 } });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect((await doc())?.qty).toBe(11);
  });

  it('when $set writes the value already stored, then it is matched but not modified', async () => {
    const result = await coll.updateOne(id(), { $set: { qty: 10 } });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('when $set targets a dotted path that does not exist, then the embedded documents are created', async () => {
    await coll.updateOne(id(), { $set: { 'meta.origin.country': 'ES' } });
    expect((await doc())?.meta).toEqual({ origin: { country: 'ES' } });
  });

  it('when $set adds new fields, then existing fields keep their place and new ones are appended in name order', async () => {
    await coll.updateOne(id(), { $set: { zeta: 1, alpha: 2, qty: 3 } });
    expect(Object.keys((await doc()) ?? {})).toEqual([
      '_id',
      'name',
      'qty',
      'price',
      'tags',
      'sizes',
      'scores',
      'dims',
      'alpha',
      'zeta',
    ]);
  });

  it('when $unset removes a field, then it is gone', async () => {
    await coll.updateOne(id(), { $unset: { price: '' } });
    expect(await doc()).not.toHaveProperty('price');
  });

  it('when $inc targets a missing field, then the field is created with the increment', async () => {
    await coll.updateOne(id(), { $inc: { sold: 2, qty: -3 } });
    expect(await doc()).toMatchObject({ sold: 2, qty: 7 });
  });

  it('when $mul targets a missing field, then it is created as zero', async () => {
    await coll.updateOne(id(), { $mul: { price: 2, missing: 5 } });
    expect(await doc()).toMatchObject({ price: 10, missing: 0 });
  });

  it('when $min and $max are applied, then values only move in their direction', async () => {
    await coll.updateOne(id(), { $min: { qty: 20, price: 3 }, $max: { 'dims.w': 1, 'dims.h': 4 } });
    expect(await doc()).toMatchObject({ qty: 10, price: 3, dims: { w: 2, h: 4 } });
  });

  it('when $rename moves a field, then the value appears under the new name', async () => {
    await coll.updateOne(id(), { $rename: { name: 'title', 'dims.w': 'dims.width' } });
    const updated = await doc();
    expect(updated).toMatchObject({ title: 'apple', dims: { width: 2 } });
    expect(updated).not.toHaveProperty('name');
  });

  it('when $currentDate is applied, then the field holds the server time as a date', async () => {
    const before = Date.now();
    await coll.updateOne(id(), { $currentDate: { touchedAt: true } });
    const touched = (await doc())?.touchedAt as Date;
    expect(touched).toBeInstanceOf(Date);
    expect(touched.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('array operators', () => {
  it('when $push appends a value, then it is the last element', async () => {
    await coll.updateOne(id(), { $push: { tags: 'sweet' } } as Document);
    expect((await doc())?.tags).toEqual(['fruit', 'red', 'sweet']);
  });

  it('when $push uses $each, $sort and $slice, then the array is extended, sorted and trimmed', async () => {
    await coll.updateOne(id(), { $push: { scores: { $each: [7, 1], $sort: -1, $slice: 3 } } } as Document);
    expect((await doc())?.scores).toEqual([9, 7, 4]);
  });

  it('when $push uses $position, then values are inserted there', async () => {
    await coll.updateOne(id(), { $push: { tags: { $each: ['a', 'b'], $position: 1 } } } as Document);
    expect((await doc())?.tags).toEqual(['fruit', 'a', 'b', 'red']);
  });

  it('when $push targets a missing field, then an array is created', async () => {
    await coll.updateOne(id(), { $push: { log: { at: 1 } } } as Document);
    expect((await doc())?.log).toEqual([{ at: 1 }]);
  });

  it('when $addToSet adds present and new values, then only new ones are appended', async () => {
    await coll.updateOne(id(), { $addToSet: { tags: { $each: ['red', 'sweet', 'sweet'] } } } as Document);
    expect((await doc())?.tags).toEqual(['fruit', 'red', 'sweet']);
  });

  it('when $pop is 1 or -1, then the last or first element is removed', async () => {
    await coll.updateOne(id(), { $pop: { scores: 1, tags: -1 } } as Document);
    expect(await doc()).toMatchObject({ scores: [3, 9], tags: ['red'] });
  });

  it('when $pull is given a value, then every equal element is removed', async () => {
    await coll.updateOne(id(), { $pull: { tags: 'red' } } as Document);
    expect((await doc())?.tags).toEqual(['fruit']);
  });

  it('when $pull is given a condition, then matching elements are removed', async () => {
    await coll.updateOne(id(), { $pull: { scores: { $gte: 4 }, sizes: { n: { $lt: 6 } } } } as Document);
    expect(await doc()).toMatchObject({ scores: [3], sizes: [{ s: 'L', n: 8 }] });
  });

  it('when $pullAll lists values, then all of them are removed', async () => {
    await coll.updateOne(id(), { $pullAll: { scores: [3, 4] } } as Document);
    expect((await doc())?.scores).toEqual([9]);
  });

  it('when the positional $ is used, then the element matched by the query is updated', async () => {
    await coll.updateOne(id({ 'sizes.s': 'M' }), { $set: { 'sizes.$.n': 50 } });
    expect((await doc())?.sizes[1]).toEqual({ s: 'M', n: 50 });
  });

  it('when $[] is used, then every element is updated', async () => {
    await coll.updateOne(id(), { $inc: { 'scores.$[]': 10 } });
    expect((await doc())?.scores).toEqual([13, 19, 14]);
  });

  it('when $[id] is used with arrayFilters, then only elements passing the filter are updated', async () => {
    await coll.updateOne(id(), { $set: { 'sizes.$[big].stock': 'low' } }, { arrayFilters: [{ 'big.n': { $gte: 5 } }] });
    const sizes = (await doc())?.sizes as Document[];
    expect(sizes.map((s) => s.stock)).toEqual([undefined, 'low', 'low']);
  });

  it('when setting an array element by index, then only that element changes', async () => {
    await coll.updateOne(id(), { $set: { 'scores.1': 0 } });
    expect((await doc())?.scores).toEqual([3, 0, 4]);
  });
});

describe('upserts, replacements and pipelines', () => {
  it('when an upsert matches nothing, then a document is built from the query, the update and $setOnInsert', async () => {
    const result = await coll.updateOne(
      { sku: 'X-1', kind: { $eq: 'toy' } },
      { $set: { qty: 1 }, $setOnInsert: { createdBy: 'upsert' } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    expect(result.matchedCount).toBe(0);
    const created = await coll.findOne({ _id: result.upsertedId as never });
    expect(created).toMatchObject({ sku: 'X-1', kind: 'toy', qty: 1, createdBy: 'upsert' });
  });

  it('when an upsert matches a document, then $setOnInsert is not applied', async () => {
    await coll.updateOne(id(), { $set: { qty: 2 }, $setOnInsert: { createdBy: 'upsert' } }, { upsert: true });
    const updated = await doc();
    expect(updated?.qty).toBe(2);
    expect(updated).not.toHaveProperty('createdBy');
  });

  it('when an upsert query pins _id, then the new document uses it', async () => {
    const result = await coll.updateOne({ _id: 42 as never }, { $inc: { hits: 1 } }, { upsert: true });
    expect(result.upsertedId).toBe(42);
    expect(await coll.findOne({ _id: 42 as never })).toEqual({ _id: 42, hits: 1 });
  });

  it('when replaceOne replaces a document, then only _id survives from the old one', async () => {
    await coll.replaceOne(id(), { name: 'pear', qty: 1 });
    expect(await doc()).toEqual({ _id: 1, name: 'pear', qty: 1 });
  });

  it('when replaceOne upserts, then the replacement is inserted', async () => {
    const result = await coll.replaceOne({ name: 'kiwi' }, { name: 'kiwi', qty: 4 }, { upsert: true });
    expect(result.upsertedCount).toBe(1);
    expect(await coll.countDocuments({ name: 'kiwi', qty: 4 })).toBe(1);
  });

  it('when updateMany matches several documents, then all are modified', async () => {
    await coll.insertMany([
      { group: 'a', n: 1 },
      { group: 'a', n: 2 },
      { group: 'b', n: 3 },
    ]);
    const result = await coll.updateMany({ group: 'a' }, { $inc: { n: 10 } });
    expect(result).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect((await coll.find({ group: 'a' }).toArray()).map((d) => d.n).sort()).toEqual([11, 12]);
  });

  it('when an update is a pipeline, then aggregation expressions compute the new fields', async () => {
    await coll.updateOne(id(), [{ $set: { total: { $multiply: ['$price', '$qty'] } } }, { $unset: 'tags' }]);
    const updated = await doc();
    expect(updated?.total).toBe(50);
    expect(updated).not.toHaveProperty('tags');
  });

  it('when a bulkWrite mixes operations, then the counts add up', async () => {
    const operations = [
      { insertOne: { document: { _id: 2, qty: 1 } } },
      { updateOne: { filter: { _id: 2 }, update: { $inc: { qty: 1 } } } },
      { updateOne: { filter: { _id: 3 }, update: { $set: { qty: 1 } }, upsert: true } },
      { deleteOne: { filter: { _id: 1 } } },
      { replaceOne: { filter: { _id: 2 }, replacement: { qty: 9 } } },
    ] satisfies AnyBulkWriteOperation<Row>[];
    const result = await target.db.collection<Row>(coll.collectionName).bulkWrite(operations);
    expect(result).toMatchObject({
      insertedCount: 1,
      matchedCount: 2,
      modifiedCount: 2,
      deletedCount: 1,
      upsertedCount: 1,
    });
    expect(await coll.findOne({ _id: 2 } as Document)).toEqual({ _id: 2, qty: 9 });
  });
});

describe('update errors', () => {
  it('when two operators touch the same path, then the update fails with ConflictingUpdateOperators', async () => {
    const error = await coll.updateOne(id(), { $set: { qty: 1 }, $inc: { qty: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 40 });
  });

  it('when an array-filter path ($[]) sits next to a named one (an index) under the same field, then it conflicts there', async () => {
    await coll.insertOne({ _id: 'arr', items: [{ n: 1, tags: ['a', 'b'] }] } as Document);
    const error = await coll
      .updateOne({ _id: 'arr' } as Document, { $set: { 'items.0.n': 2 }, $pull: { 'items.$[].tags': 'a' } } as Document)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 40 });
    expect(String((error as Error).message)).toContain("conflict at 'items'");
    // Two array-filter paths, or two named ones, under one field are fine.
    await coll.updateOne(
      { _id: 'arr' } as Document,
      { $set: { 'items.$[].n': 3 }, $pull: { 'items.$[].tags': 'a' } } as Document,
    );
    await coll.updateOne(
      { _id: 'arr' } as Document,
      { $set: { 'items.0.n': 4 }, $pull: { 'items.0.tags': 'b' } } as Document,
    );
    expect(await coll.findOne({ _id: 'arr' } as Document)).toEqual({ _id: 'arr', items: [{ n: 4, tags: [] }] });
  });

  it('when an update changes _id, then it fails with ImmutableField', async () => {
    const error = await coll.updateOne(id(), { $set: { _id: 2 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 66 });
  });

  it('when $inc targets a string, then it fails with TypeMismatch', async () => {
    const error = await coll.updateOne(id(), { $inc: { name: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 14 });
  });

  it('when $set goes through a scalar, then it fails with PathNotViable', async () => {
    const error = await coll.updateOne(id(), { $set: { 'qty.value': 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 28 });
  });

  it('when $push targets a non-array, then it fails with BadValue', async () => {
    const error = await coll.updateOne(id(), { $push: { name: 'x' } } as Document).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2 });
  });

  it('when an update uses an unknown operator, then it fails with FailedToParse', async () => {
    const error = await coll.updateOne(id(), { $foo: { qty: 1 } } as Document).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 9 });
  });

  it('when an array filter identifier is not used, then the update fails', async () => {
    const error = await coll
      .updateOne(id(), { $set: { qty: 1 } }, { arrayFilters: [{ 'x.n': 1 }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 9 });
  });

  it('when a failed update leaves the document untouched, then nothing is half-applied', async () => {
    await coll.updateOne(id(), { $set: { qty: 99 }, $inc: { name: 1 } }).catch(() => undefined);
    expect((await doc())?.qty).toBe(10);
  });
});
