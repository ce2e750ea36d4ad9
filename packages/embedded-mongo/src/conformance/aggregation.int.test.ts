import { ObjectId, type Collection, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let orders: Collection<Row>;
let products: Collection<Row>;
const productIds = [new ObjectId(), new ObjectId(), new ObjectId()];

beforeAll(async () => {
  target = await openTarget('aggregation');
  orders = target.db.collection<Row>('orders');
  products = target.db.collection<Row>('products');
  await products.insertMany([
    { _id: productIds[0], name: 'mug', category: 'kitchen' },
    { _id: productIds[1], name: 'cap', category: 'apparel' },
    { _id: productIds[2], name: 'pin', category: 'apparel' },
  ]);
  await orders.insertMany([
    {
      _id: 1,
      status: 'paid',
      total: 1200,
      customer: 'ann',
      createdAt: new Date('2024-03-01T10:00:00Z'),
      items: [
        { product: productIds[0], qty: 2 },
        { product: productIds[1], qty: 1 },
      ],
    },
    {
      _id: 2,
      status: 'paid',
      total: 800,
      customer: 'bob',
      createdAt: new Date('2024-03-01T18:30:00Z'),
      items: [{ product: productIds[1], qty: 1 }],
    },
    {
      _id: 3,
      status: 'paid',
      total: 500,
      customer: 'ann',
      createdAt: new Date('2024-03-02T09:00:00Z'),
      items: [{ product: productIds[2], qty: 5 }],
    },
    { _id: 4, status: 'cancelled', total: 300, customer: 'cy', createdAt: new Date('2024-03-02T12:00:00Z'), items: [] },
    {
      _id: 5,
      status: 'paid',
      total: 2000,
      customer: 'cy',
      createdAt: new Date('2024-03-04T23:59:59Z'),
      items: [{ product: productIds[0], qty: 1 }],
    },
  ]);
});

afterAll(async () => {
  await target.close();
});

describe('grouping and sorting', () => {
  it('when $match and $group compute revenue per customer, then the sums are right', async () => {
    const rows = await orders
      .aggregate([
        { $match: { status: 'paid' } },
        { $group: { _id: '$customer', revenue: { $sum: '$total' }, orders: { $sum: 1 }, avg: { $avg: '$total' } } },
        { $sort: { revenue: -1 } },
      ])
      .toArray();
    expect(rows).toEqual(
      [
        { _id: 'cy', revenue: 2000, orders: 1, avg: 2000 },
        { _id: 'bob', revenue: 800, orders: 1, avg: 800 },
        { _id: 'ann', revenue: 1700, orders: 2, avg: 850 },
      ].sort((a, b) => b.revenue - a.revenue),
    );
  });

  it('when $group uses $min, $max, $first, $push and $addToSet, then each accumulator works', async () => {
    const [row] = await orders
      .aggregate([
        { $sort: { _id: 1 } },
        {
          $group: {
            _id: null,
            min: { $min: '$total' },
            max: { $max: '$total' },
            first: { $first: '$customer' },
            all: { $push: '$_id' },
            customers: { $addToSet: '$customer' },
          },
        },
      ])
      .toArray();
    expect(row).toMatchObject({ min: 300, max: 2000, first: 'ann', all: [1, 2, 3, 4, 5] });
    expect((row?.customers as string[]).sort()).toEqual(['ann', 'bob', 'cy']);
  });

  it('when $sort, $skip and $limit follow each other, then the window is correct', async () => {
    const rows = await orders
      .aggregate([{ $sort: { total: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }])
      .toArray();
    expect(rows).toEqual([{ _id: 1 }, { _id: 2 }]);
  });

  it('when $count ends a pipeline, then the count is returned under the given name', async () => {
    expect(await orders.aggregate([{ $match: { status: 'paid' } }, { $count: 'paid' }]).toArray()).toEqual([
      { paid: 4 },
    ]);
  });

  it('when $sortByCount groups by a field, then groups are ordered by size', async () => {
    const rows = await orders.aggregate([{ $sortByCount: '$customer' }, { $limit: 2 }]).toArray();
    expect(rows.map((r) => r.count)).toEqual([2, 2]);
  });
});

describe('reshaping', () => {
  it('when $project computes fields, then expressions and inclusions are applied', async () => {
    const [row] = await orders
      .aggregate([
        { $match: { _id: 1 } },
        { $project: { _id: 0, customer: 1, euros: { $divide: ['$total', 100] }, lines: { $size: '$items' } } },
      ])
      .toArray();
    expect(row).toEqual({ customer: 'ann', euros: 12, lines: 2 });
  });

  it('when $addFields adds computed fields, then the rest of the document stays', async () => {
    const [row] = await orders
      .aggregate([{ $match: { _id: 3 } }, { $addFields: { isBig: { $gte: ['$total', 1000] } } }])
      .toArray();
    expect(row).toMatchObject({ _id: 3, customer: 'ann', isBig: false });
  });

  it('when $unwind expands items, then there is one document per line', async () => {
    const rows = await orders
      .aggregate([{ $unwind: '$items' }, { $group: { _id: null, lines: { $sum: 1 }, units: { $sum: '$items.qty' } } }])
      .toArray();
    expect(rows[0]).toMatchObject({ lines: 5, units: 10 });
  });

  it('when $unwind preserves empty arrays, then orders without items are kept', async () => {
    const rows = await orders
      .aggregate([{ $match: { _id: 4 } }, { $unwind: { path: '$items', preserveNullAndEmptyArrays: true } }])
      .toArray();
    expect(rows).toHaveLength(1);
  });

  it('when $facet runs sub-pipelines, then each facet has its own result', async () => {
    const [row] = await orders
      .aggregate([
        { $match: { status: 'paid' } },
        {
          $facet: {
            count: [{ $count: 'n' }],
            top: [{ $sort: { total: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
          },
        },
      ])
      .toArray();
    expect(row).toEqual({ count: [{ n: 4 }], top: [{ _id: 5 }] });
  });

  it('when $replaceRoot promotes an embedded document, then it becomes the output', async () => {
    const rows = await orders
      .aggregate([{ $match: { _id: 2 } }, { $unwind: '$items' }, { $replaceRoot: { newRoot: '$items' } }])
      .toArray();
    expect(rows).toEqual([{ product: productIds[1], qty: 1 }]);
  });
});

describe('joins', () => {
  it('when $lookup joins by ObjectId, then matching products are attached', async () => {
    const rows = await orders
      .aggregate([
        { $match: { _id: 1 } },
        { $unwind: '$items' },
        { $lookup: { from: 'products', localField: 'items.product', foreignField: '_id', as: 'product' } },
        { $unwind: '$product' },
        { $project: { _id: 0, name: '$product.name', qty: '$items.qty' } },
      ])
      .toArray();
    expect(rows).toEqual([
      { name: 'mug', qty: 2 },
      { name: 'cap', qty: 1 },
    ]);
  });

  it('when the local field is an array, then every element is joined', async () => {
    const rows = await orders
      .aggregate([
        { $match: { _id: 1 } },
        { $lookup: { from: 'products', localField: 'items.product', foreignField: '_id', as: 'products' } },
        { $project: { _id: 0, names: '$products.name' } },
      ])
      .toArray();
    expect((rows[0]?.names as string[]).sort()).toEqual(['cap', 'mug']);
  });

  it('when the foreign field is an indexed array, then documents holding the value in the array are joined', async () => {
    const shelves = target.db.collection<Row>('shelves');
    await shelves.createIndex({ categories: 1 });
    await shelves.insertMany([
      { _id: 's1', categories: ['apparel', 'toys'] },
      { _id: 's2', categories: ['kitchen'] },
      { _id: 's3' },
    ]);
    const rows = await products
      .aggregate([
        { $sort: { name: 1 } },
        { $lookup: { from: 'shelves', localField: 'category', foreignField: 'categories', as: 'shelves' } },
        { $project: { _id: 0, name: 1, shelves: '$shelves._id' } },
      ])
      .toArray();
    expect(rows).toEqual([
      { name: 'cap', shelves: ['s1'] },
      { name: 'mug', shelves: ['s2'] },
      { name: 'pin', shelves: ['s1'] },
    ]);
  });

  it('when the local field is missing, then it joins documents whose foreign field is null or missing', async () => {
    const rows = await target.db
      .aggregate([
        { $documents: [{ k: 1 }] },
        { $lookup: { from: 'shelves', localField: 'nothing', foreignField: 'categories', as: 'm' } },
        { $project: { _id: 0, ids: '$m._id' } },
      ])
      .toArray();
    expect(rows).toEqual([{ ids: ['s3'] }]);
  });

  it('when $lookup uses let and a pipeline, then variables reach the sub-pipeline', async () => {
    const rows = await products
      .aggregate([
        { $match: { name: 'cap' } },
        {
          $lookup: {
            from: 'orders',
            let: { pid: '$_id' },
            pipeline: [
              { $unwind: '$items' },
              { $match: { $expr: { $eq: ['$items.product', '$$pid'] } } },
              { $project: { _id: 1 } },
            ],
            as: 'orders',
          },
        },
      ])
      .toArray();
    expect((rows[0]?.orders as Document[]).map((o) => o._id).sort()).toEqual([1, 2]);
  });

  it('when top products are computed with $unwind, $group, $lookup and $sort, then the ranking is right', async () => {
    const rows = await orders
      .aggregate([
        { $match: { status: 'paid' } },
        { $unwind: '$items' },
        { $group: { _id: '$items.product', units: { $sum: '$items.qty' } } },
        { $sort: { units: -1, _id: 1 } },
        { $lookup: { from: 'products', localField: '_id', foreignField: '_id', as: 'p' } },
        { $project: { _id: 0, name: { $first: '$p.name' }, units: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { units: 5, name: 'pin' },
      { units: 3, name: 'mug' },
      { units: 2, name: 'cap' },
    ]);
  });
});

describe('dates for daily charts', () => {
  it('when grouping by $dateToString day, then revenue per day is returned in order', async () => {
    const rows = await orders
      .aggregate([
        {
          $match: {
            status: 'paid',
            createdAt: { $gte: new Date('2024-03-01T00:00:00Z'), $lt: new Date('2024-03-05T00:00:00Z') },
          },
        },
        { $group: { _id: { $dateToString: { format: '%Y-%m-%d', date: '$createdAt' } }, revenue: { $sum: '$total' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: '2024-03-01', revenue: 2000 },
      { _id: '2024-03-02', revenue: 500 },
      { _id: '2024-03-04', revenue: 2000 },
    ]);
  });

  it('when extracting date parts, then $year, $month, $dayOfMonth and $hour are right', async () => {
    const [row] = await orders
      .aggregate([
        { $match: { _id: 2 } },
        {
          $project: {
            _id: 0,
            y: { $year: '$createdAt' },
            m: { $month: '$createdAt' },
            d: { $dayOfMonth: '$createdAt' },
            h: { $hour: '$createdAt' },
          },
        },
      ])
      .toArray();
    expect(row).toEqual({ y: 2024, m: 3, d: 1, h: 18 });
  });

  it('when $dateTrunc buckets by day in a timezone, then local days are used', async () => {
    const rows = await orders
      .aggregate([
        { $match: { _id: 5 } },
        { $project: { _id: 0, day: { $dateTrunc: { date: '$createdAt', unit: 'day', timezone: 'Europe/Madrid' } } } },
      ])
      .toArray();
    expect(rows[0]?.day).toEqual(new Date('2024-03-04T23:00:00Z'));
  });

  it('when $dateToString formats in a timezone, then the local date is used', async () => {
    const [row] = await orders
      .aggregate([
        { $match: { _id: 5 } },
        {
          $project: {
            _id: 0,
            day: { $dateToString: { format: '%Y-%m-%d', date: '$createdAt', timezone: 'Europe/Madrid' } },
          },
        },
      ])
      .toArray();
    expect(row).toEqual({ day: '2024-03-05' });
  });
});

describe('writing stages and database aggregations', () => {
  it('when $out writes results, then the target collection holds exactly them', async () => {
    await orders
      .aggregate([
        { $match: { status: 'paid' } },
        { $group: { _id: '$customer', n: { $sum: 1 } } },
        { $out: 'customer_counts' },
      ])
      .toArray();
    const rows = await target.db.collection<Row>('customer_counts').find().sort({ _id: 1 }).toArray();
    expect(rows).toEqual([
      { _id: 'ann', n: 2 },
      { _id: 'bob', n: 1 },
      { _id: 'cy', n: 1 },
    ]);
  });

  it('when $merge writes results, then matching documents are merged and others inserted', async () => {
    const stats = target.db.collection<Row>('stats');
    await stats.insertOne({ _id: 'ann', note: 'vip' });
    await orders
      .aggregate([{ $group: { _id: '$customer', spent: { $sum: '$total' } } }, { $merge: { into: 'stats' } }])
      .toArray();
    expect(await stats.findOne({ _id: 'ann' as never })).toEqual({ _id: 'ann', note: 'vip', spent: 1700 });
    expect(await stats.countDocuments()).toBe(3);
  });

  it('when aggregating on the database with $documents, then literal documents flow through the pipeline', async () => {
    const rows = await target.db
      .aggregate([{ $documents: [{ x: 1 }, { x: 2 }] }, { $match: { x: { $gt: 1 } } }])
      .toArray();
    expect(rows).toEqual([{ x: 2 }]);
  });

  it('when an expression operator is unknown, then the error names it', async () => {
    const error = (await orders
      .aggregate([{ $addFields: { x: { $frobnicate: 1 } } }])
      .toArray()
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('$frobnicate');
  });

  it('when a pipeline stage is unknown, then the server rejects it with code 40324', async () => {
    const error = await orders
      .aggregate([{ $bogus: {} }])
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 40324 });
  });
});
