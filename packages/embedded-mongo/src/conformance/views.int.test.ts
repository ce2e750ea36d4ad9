import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../index.js';
import { openTarget, type ConformanceTarget, type Row, withShopClient } from './harness.test-support.js';

let target: ConformanceTarget;

const ACTIVE = [{ $match: { active: true } }, { $project: { active: 0 } }];

beforeAll(async () => {
  target = await openTarget('views');
  await target.db.collection<Row>('products').insertMany([
    { _id: 1, name: 'Desk Lamp', category: 'lamps', price: 30, active: true },
    { _id: 2, name: 'Floor Lamp', category: 'lamps', price: 80, active: true },
    { _id: 3, name: 'Old Lamp', category: 'lamps', price: 10, active: false },
    { _id: 4, name: 'Oak Chair', category: 'chairs', price: 120, active: true },
    { _id: 5, name: 'Pine Chair', category: 'chairs', price: 60, active: true },
    { _id: 6, name: 'Wall Lamp', category: 'lamps', price: 45, active: true },
  ]);
  await target.db.createCollection('active_products', { viewOn: 'products', pipeline: ACTIVE });
  await target.db.command({
    create: 'cheap_active',
    viewOn: 'active_products',
    pipeline: [{ $match: { price: { $lt: 100 } } }],
  });
});

afterAll(async () => {
  await target.close();
});

async function failure(action: () => Promise<unknown>): Promise<Error & { code?: number; codeName?: string }> {
  return action().then(
    () => {
      throw new Error('expected the command to fail');
    },
    (error: Error) => error,
  );
}

async function collectionInfo(name: string): Promise<Document | undefined> {
  const [info] = await target.db.listCollections({ name }).toArray();
  return info;
}

describe('creating and listing views', () => {
  it('when a view is created (createCollection or create), then listCollections reports it as a read-only view with its definition', async () => {
    expect(await collectionInfo('active_products')).toEqual({
      name: 'active_products',
      type: 'view',
      options: { viewOn: 'products', pipeline: ACTIVE },
      info: { readOnly: true },
    });
    expect(await collectionInfo('cheap_active')).toMatchObject({
      type: 'view',
      options: { viewOn: 'active_products', pipeline: [{ $match: { price: { $lt: 100 } } }] },
    });
    const views = await target.db.listCollections({ type: 'view' }, { nameOnly: true }).toArray();
    expect(views.map((view) => view.name).sort()).toEqual(expect.arrayContaining(['active_products', 'cheap_active']));
    expect(await collectionInfo('products')).toMatchObject({ type: 'collection' });
  });

  it('when a view would shadow an existing name, then create fails with NamespaceExists (48)', async () => {
    const error = await failure(() => target.db.command({ create: 'products', viewOn: 'active_products' }));
    expect(error.code).toBe(48);
  });

  it('when the view pipeline writes ($out), then create fails with OptionNotSupportedOnView (167)', async () => {
    const error = await failure(() =>
      target.db.command({ create: 'writing_view', viewOn: 'products', pipeline: [{ $out: 'elsewhere' }] }),
    );
    expect(error.code).toBe(167);
    expect(await collectionInfo('writing_view')).toBeUndefined();
  });
});

describe('reading a view', () => {
  it('when find runs on a view, then filter, sort, skip, limit and projection apply to the view output', async () => {
    const docs = await target.db
      .collection<Row>('active_products')
      .find({ category: 'lamps' }, { sort: { price: -1 }, skip: 1, limit: 2, projection: { name: 1, _id: 0 } })
      .toArray();
    expect(docs).toEqual([{ name: 'Wall Lamp' }, { name: 'Desk Lamp' }]);
    // The view's own $project removed `active`; its $match removed the inactive lamp.
    expect(await target.db.collection<Row>('active_products').findOne({ _id: 3 })).toBeNull();
    expect(await target.db.collection<Row>('active_products').findOne({ _id: 1 })).toEqual({
      _id: 1,
      name: 'Desk Lamp',
      category: 'lamps',
      price: 30,
    });
  });

  it('when aggregate runs on a view, then the view pipeline runs first', async () => {
    const groups = await target.db
      .collection<Row>('active_products')
      .aggregate([{ $group: { _id: '$category', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(groups).toEqual([
      { _id: 'chairs', n: 2 },
      { _id: 'lamps', n: 3 },
    ]);
  });

  it('when a view is defined on another view, then both pipelines apply, innermost first', async () => {
    const cheap = target.db.collection<Row>('cheap_active');
    expect((await cheap.find({}, { sort: { _id: 1 } }).toArray()).map((doc) => doc._id)).toEqual([1, 2, 5, 6]);
    expect(await cheap.countDocuments()).toBe(4);
    expect(await cheap.countDocuments({ category: 'lamps' })).toBe(3);
    expect((await target.db.command({ count: 'cheap_active', query: { category: 'chairs' } })).n).toBe(1);
    expect((await cheap.distinct('category')).sort()).toEqual(['chairs', 'lamps']);
  });

  it('when $lookup reads from a view, then it joins the view output', async () => {
    await target.db.collection<Row>('orders').insertMany([
      { _id: 'o1', productId: 4 },
      { _id: 'o2', productId: 3 },
    ]);
    const joined = await target.db
      .collection<Row>('orders')
      .aggregate([
        { $lookup: { from: 'active_products', localField: 'productId', foreignField: '_id', as: 'product' } },
        { $project: { names: '$product.name' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 'o1', names: ['Oak Chair'] },
      { _id: 'o2', names: [] },
    ]);
  });

  it('when the collection beneath a view does not exist, then the view reads as empty', async () => {
    await target.db.createCollection('ghost_view', { viewOn: 'nothing_here', pipeline: [] });
    expect(await target.db.collection('ghost_view').find().toArray()).toEqual([]);
    expect(await target.db.collection('ghost_view').countDocuments()).toBe(0);
  });
});

describe('writing to a view', () => {
  it('when a write targets a view, then it fails with CommandNotSupportedOnView (166) and nothing changes', async () => {
    const view = target.db.collection<Row>('active_products');
    expect((await failure(() => view.insertOne({ _id: 9, name: 'New' }))).code).toBe(166);
    expect((await failure(() => view.updateOne({ _id: 1 }, { $set: { price: 1 } }))).code).toBe(166);
    expect((await failure(() => view.deleteOne({ _id: 1 }))).code).toBe(166);
    expect((await failure(() => view.findOneAndUpdate({ _id: 1 }, { $set: { price: 1 } }))).code).toBe(166);
    const index = await failure(() => view.createIndex({ price: 1 }));
    expect(index).toMatchObject({ code: 166, codeName: 'CommandNotSupportedOnView' });
    expect(await target.db.collection<Row>('products').findOne({ _id: 1 })).toMatchObject({ price: 30 });
    expect(await target.db.collection<Row>('products').countDocuments()).toBe(6);
  });

  it('when $out targets a view, then the aggregation fails with 166', async () => {
    const error = await failure(() =>
      target.db
        .collection<Row>('products')
        .aggregate([{ $match: { _id: 1 } }, { $out: 'active_products' }])
        .toArray(),
    );
    expect(error.code).toBe(166);
  });
});

describe('changing and dropping views', () => {
  it('when collMod changes a view pipeline, then reads use the new definition', async () => {
    await target.db.createCollection('by_category', {
      viewOn: 'products',
      pipeline: [{ $match: { category: 'lamps' } }],
    });
    const result = await target.db.command({
      collMod: 'by_category',
      viewOn: 'products',
      pipeline: [{ $match: { category: 'chairs' } }],
    });
    expect(result.ok).toBe(1);
    const names = await target.db
      .collection<Row>('by_category')
      .find({}, { sort: { _id: 1 } })
      .toArray();
    expect(names.map((doc) => doc.name)).toEqual(['Oak Chair', 'Pine Chair']);
    expect(await collectionInfo('by_category')).toMatchObject({
      options: { viewOn: 'products', pipeline: [{ $match: { category: 'chairs' } }] },
    });
  });

  it('when collMod would make views read each other, then it fails with GraphContainsCycle (93)', async () => {
    await target.db.createCollection('cycle_a', { viewOn: 'products', pipeline: [] });
    await target.db.createCollection('cycle_b', { viewOn: 'cycle_a', pipeline: [] });
    const error = await failure(() => target.db.command({ collMod: 'cycle_a', viewOn: 'cycle_b', pipeline: [] }));
    expect(error.code).toBe(93);
    expect(await collectionInfo('cycle_a')).toMatchObject({ options: { viewOn: 'products' } });
  });

  it('when views nest more than 20 deep, then creating the 21st fails with ViewDepthLimitExceeded (182)', async () => {
    for (let i = 0; i < 20; i++) {
      await target.db.createCollection(`depth_${i}`, { viewOn: i === 0 ? 'products' : `depth_${i - 1}`, pipeline: [] });
    }
    expect(await target.db.collection('depth_19').countDocuments()).toBe(6);
    const error = await failure(() => target.db.createCollection('depth_20', { viewOn: 'depth_19', pipeline: [] }));
    expect(error.code).toBe(182);
  });

  it('when collMod names a collection option on a view, or a view option on a collection, then it fails with InvalidOptions (72)', async () => {
    const onView = await failure(() =>
      target.db.command({ collMod: 'active_products', index: { name: 'x', expireAfterSeconds: 1 } }),
    );
    expect(onView.code).toBe(72);
    const onCollection = await failure(() => target.db.command({ collMod: 'products', viewOn: 'orders' }));
    expect(onCollection.code).toBe(72);
  });

  it('when a view is dropped, then it is gone and the collection beneath is untouched', async () => {
    await target.db.createCollection('temporary_view', { viewOn: 'products', pipeline: [] });
    expect(await target.db.collection('temporary_view').drop()).toBe(true);
    expect(await collectionInfo('temporary_view')).toBeUndefined();
    expect(await target.db.collection('products').countDocuments()).toBe(6);
  });
});

describe('views survive a restart', () => {
  it('when the engine restarts (journal replay, then snapshot), then views, views on views and collMod changes are all there', async (ctx) => {
    // Engine only: restarting needs the in-process engine; a real MongoDB is not restarted by this suite.
    ctx.skip(target.external, 'restarting needs the in-process engine, not an external server');
    const dbPath = await mkdtemp(join(tmpdir(), 'engine-views-'));
    try {
      const first = await startEmbeddedMongo({ dbPath });
      await withShopClient(first.uri, async (client) => {
        const db = client.db();
        await db.collection<Row>('items').insertMany([
          { _id: 1, kind: 'a', n: 1 },
          { _id: 2, kind: 'b', n: 2 },
          { _id: 3, kind: 'a', n: 3 },
        ]);
        await db.createCollection('kind_a', { viewOn: 'items', pipeline: [{ $match: { kind: 'b' } }] });
        await db.command({ collMod: 'kind_a', pipeline: [{ $match: { kind: 'a' } }] });
        await db.createCollection('big_a', { viewOn: 'kind_a', pipeline: [{ $match: { n: { $gt: 1 } } }] });
        await db.createCollection('dropped_view', { viewOn: 'items', pipeline: [] });
        await db.collection('dropped_view').drop();
      });
      await first.stop();
      for (let restart = 0; restart < 2; restart++) {
        const engine = await startEmbeddedMongo({ dbPath });
        try {
          await withShopClient(engine.uri, async (client) => {
            const db = client.db();
            const infos = await db.listCollections({}, { nameOnly: false }).toArray();
            expect(infos.map((info) => `${info.name}:${info.type}`).sort()).toEqual([
              'big_a:view',
              'items:collection',
              'kind_a:view',
            ]);
            expect(infos.find((info) => info.name === 'kind_a')?.options).toEqual({
              viewOn: 'items',
              pipeline: [{ $match: { kind: 'a' } }],
            });
            expect(await db.collection<Row>('big_a').find().toArray()).toEqual([{ _id: 3, kind: 'a', n: 3 }]);
            expect((await failure(() => db.collection<Row>('kind_a').insertOne({ _id: 4 }))).code).toBe(166);
          });
        } finally {
          await engine.stop();
        }
      }
    } finally {
      await rm(dbPath, { recursive: true, force: true });
    }
  });
});
