import type { Collection } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let products: Collection<Row>;
let counter = 0;

beforeAll(async () => {
  target = await openTarget('find-and-modify');
});

afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  products = target.db.collection<Row>(`p${++counter}`);
  await products.insertMany([
    { _id: 'p1', name: 'mug', stock: 5, price: 900 },
    { _id: 'p2', name: 'cap', stock: 0, price: 1500 },
    { _id: 'p3', name: 'pin', stock: 20, price: 300 },
  ]);
});

describe('findOneAndUpdate', () => {
  it('when the conditional stock filter holds, then stock is decremented and the new document returned', async () => {
    const updated = await products.findOneAndUpdate(
      { _id: 'p1' as never, stock: { $gte: 2 } },
      { $inc: { stock: -2 } },
      { returnDocument: 'after' },
    );
    expect(updated).toMatchObject({ _id: 'p1', stock: 3 });
  });

  it('when the conditional stock filter fails, then nothing changes and null is returned', async () => {
    const updated = await products.findOneAndUpdate(
      { _id: 'p2' as never, stock: { $gte: 1 } },
      { $inc: { stock: -1 } },
    );
    expect(updated).toBeNull();
    expect((await products.findOne({ _id: 'p2' as never }))?.stock).toBe(0);
  });

  it('when returnDocument is before, then the previous version is returned', async () => {
    const previous = await products.findOneAndUpdate({ _id: 'p3' as never }, { $set: { price: 350 } });
    expect(previous?.price).toBe(300);
  });

  it('when several documents match, then the sort decides which one is modified', async () => {
    const updated = await products.findOneAndUpdate(
      { stock: { $gt: 0 } },
      { $set: { picked: true } },
      { sort: { price: 1 }, returnDocument: 'after' },
    );
    expect(updated?._id).toBe('p3');
  });

  it('when upserting through findOneAndUpdate, then the inserted document is returned', async () => {
    const created = await products.findOneAndUpdate(
      { name: 'hat' },
      { $setOnInsert: { stock: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(created).toMatchObject({ name: 'hat', stock: 1 });
  });

  it('when a projection is given, then the returned document is projected', async () => {
    const updated = await products.findOneAndUpdate(
      { _id: 'p1' as never },
      { $inc: { stock: 1 } },
      { projection: { stock: 1, _id: 0 }, returnDocument: 'after' },
    );
    expect(updated).toEqual({ stock: 6 });
  });

  it('when includeResultMetadata is set, then lastErrorObject reports the update', async () => {
    const result = await products.findOneAndUpdate(
      { _id: 'p1' as never },
      { $inc: { stock: 1 } },
      { includeResultMetadata: true },
    );
    expect(result.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    expect(result.ok).toBe(1);
  });

  it('when 20 buyers race for 5 units with conditional decrements, then exactly 5 succeed and stock ends at 0', async () => {
    const attempts = Array.from({ length: 20 }, () =>
      products.findOneAndUpdate({ _id: 'p1' as never, stock: { $gte: 1 } }, { $inc: { stock: -1 } }),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r !== null)).toHaveLength(5);
    expect((await products.findOne({ _id: 'p1' as never }))?.stock).toBe(0);
  });
});

describe('findOneAndReplace and findOneAndDelete', () => {
  it('when replacing, then the whole document but _id is swapped', async () => {
    const replaced = await products.findOneAndReplace(
      { _id: 'p3' as never },
      { name: 'badge' },
      { returnDocument: 'after' },
    );
    expect(replaced).toEqual({ _id: 'p3', name: 'badge' });
  });

  it('when deleting, then the removed document is returned and gone', async () => {
    const removed = await products.findOneAndDelete({ name: 'cap' });
    expect(removed?._id).toBe('p2');
    expect(await products.countDocuments({ _id: 'p2' as never })).toBe(0);
  });

  it('when deleting with a sort, then the first in sort order is removed', async () => {
    const removed = await products.findOneAndDelete({}, { sort: { price: -1 } });
    expect(removed?._id).toBe('p2');
  });
});
