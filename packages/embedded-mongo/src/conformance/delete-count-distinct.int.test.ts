import type { Collection } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let coll: Collection<Row>;
let counter = 0;

beforeAll(async () => {
  target = await openTarget('delete-count-distinct');
});

afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  coll = target.db.collection<Row>(`c${++counter}`);
  await coll.insertMany([
    { _id: 1, cat: 'a', tags: ['x', 'y'], n: 1, meta: { color: 'red' } },
    { _id: 2, cat: 'b', tags: ['y'], n: 2, meta: { color: 'blue' } },
    { _id: 3, cat: 'a', tags: [], n: 3 },
    { _id: 4, cat: null, n: 1 },
  ]);
});

describe('deletes', () => {
  it('when deleteOne matches several documents, then only one is removed', async () => {
    const result = await coll.deleteOne({ cat: 'a' });
    expect(result.deletedCount).toBe(1);
    expect(await coll.countDocuments({ cat: 'a' })).toBe(1);
  });

  it('when deleteMany matches several documents, then all are removed', async () => {
    const result = await coll.deleteMany({ n: { $lte: 2 } });
    expect(result.deletedCount).toBe(3);
    expect((await coll.find().toArray()).map((d) => d._id)).toEqual([3]);
  });

  it('when a delete matches nothing, then deletedCount is 0', async () => {
    expect((await coll.deleteMany({ cat: 'zzz' })).deletedCount).toBe(0);
  });

  it('when deleteMany has an empty filter, then the collection is emptied', async () => {
    expect((await coll.deleteMany({})).deletedCount).toBe(4);
    expect(await coll.estimatedDocumentCount()).toBe(0);
  });
});

describe('counting', () => {
  it('when countDocuments has a filter, then only matches are counted', async () => {
    expect(await coll.countDocuments({ cat: 'a' })).toBe(2);
  });

  it('when countDocuments has skip and limit, then they bound the count', async () => {
    expect(await coll.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await coll.countDocuments({}, { skip: 3 })).toBe(1);
  });

  it('when counting a collection that does not exist, then both counts are 0', async () => {
    const missing = target.db.collection<Row>('does-not-exist');
    expect(await missing.countDocuments({})).toBe(0);
    expect(await missing.estimatedDocumentCount()).toBe(0);
  });

  it('when the legacy count command runs with a query, then it counts matches', async () => {
    const reply = await target.db.command({ count: coll.collectionName, query: { n: 1 } });
    expect(reply.n).toBe(2);
  });
});

describe('distinct', () => {
  it('when distinct runs on a scalar field, then each value appears once', async () => {
    expect((await coll.distinct('cat')).sort()).toEqual(['a', 'b', null].sort());
  });

  it('when distinct runs on an array field, then the elements are flattened', async () => {
    expect((await coll.distinct('tags')).sort()).toEqual(['x', 'y']);
  });

  it('when distinct has a filter, then only matching documents contribute', async () => {
    expect((await coll.distinct('n', { cat: 'a' })).sort()).toEqual([1, 3]);
  });

  it('when distinct runs on an embedded field, then the dotted path is followed', async () => {
    expect((await coll.distinct('meta.color')).sort()).toEqual(['blue', 'red']);
  });
});
