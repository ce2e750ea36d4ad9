import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openTarget('collections');
});

afterAll(async () => {
  await target.close();
});

async function names(): Promise<string[]> {
  return (await target.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
}

describe('collections', () => {
  it('when a collection is created explicitly, then listCollections shows it as a collection with an _id index', async () => {
    await target.db.createCollection('explicit');
    const [info] = await target.db.listCollections({ name: 'explicit' }).toArray();
    expect(info).toMatchObject({ name: 'explicit', type: 'collection', idIndex: { key: { _id: 1 }, name: '_id_' } });
  });

  it('when the first document is inserted, then the collection is created implicitly', async () => {
    await target.db.collection<Row>('implicit').insertOne({ a: 1 });
    expect(await names()).toContain('implicit');
  });

  it('when creating a collection that exists, then NamespaceExists is returned', async () => {
    await target.db.createCollection('twice');
    await expect(target.db.createCollection('twice')).rejects.toMatchObject({ code: 48 });
  });

  it('when a collection is dropped, then it and its documents are gone', async () => {
    const coll = target.db.collection<Row>('todrop');
    await coll.insertOne({ a: 1 });
    expect(await coll.drop()).toBe(true);
    expect(await names()).not.toContain('todrop');
    expect(await coll.countDocuments()).toBe(0);
  });

  it('when dropping a collection that does not exist, then the driver reports success', async () => {
    await expect(target.db.collection<Row>('never-existed').drop()).resolves.toBe(true);
  });

  it('when a collection is renamed, then documents and indexes move with it', async () => {
    const from = target.db.collection<Row>('before');
    await from.insertOne({ sku: 'a' });
    await from.createIndex({ sku: 1 }, { unique: true });
    const to = await from.rename('after');
    expect(await to.countDocuments({ sku: 'a' })).toBe(1);
    expect((await to.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'sku_1']);
    expect(await names()).not.toContain('before');
  });

  it('when renaming onto an existing collection without dropTarget, then NamespaceExists is returned', async () => {
    await target.db.collection<Row>('r1').insertOne({});
    await target.db.collection<Row>('r2').insertOne({});
    await expect(target.db.collection<Row>('r1').rename('r2')).rejects.toMatchObject({ code: 48 });
    await target.db.collection<Row>('r1').rename('r2', { dropTarget: true });
    expect(await names()).not.toContain('r1');
  });

  it('when renaming a collection that does not exist, then NamespaceNotFound is returned', async () => {
    await expect(target.db.collection<Row>('ghost').rename('ghost2')).rejects.toMatchObject({ code: 26 });
  });

  it('when listCollections has a filter, then only matching collections are listed', async () => {
    await target.db.collection<Row>('filtered_a').insertOne({});
    await target.db.collection<Row>('filtered_b').insertOne({});
    const listed = await target.db.listCollections({ name: { $regex: '^filtered_' } }).toArray();
    expect(listed.map((c) => c.name).sort()).toEqual(['filtered_a', 'filtered_b']);
  });

  it('when listDatabases runs, then the test database is listed', async () => {
    const { databases } = await target.client.db('admin').admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(target.db.databaseName);
  });

  it('when the database is dropped, then all its collections are gone', async () => {
    const db = target.client.db(`${target.db.databaseName}_drop`);
    await db.collection<Row>('a').insertOne({});
    await db.collection<Row>('b').insertOne({});
    await db.dropDatabase();
    expect(await db.listCollections().toArray()).toEqual([]);
  });

  it('when a collection name is invalid, then InvalidNamespace is returned', async () => {
    await expect(target.db.collection<Row>('bad$name').insertOne({})).rejects.toMatchObject({ code: 73 });
  });
});
