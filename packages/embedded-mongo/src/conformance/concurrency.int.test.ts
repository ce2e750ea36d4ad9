import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let clients: MongoClient[];

beforeAll(async () => {
  target = await openTarget('concurrency');
  clients = await Promise.all(Array.from({ length: 8 }, () => target.newClient({ maxPoolSize: 4 })));
});

afterAll(async () => {
  await target.close();
});

function collection(client: MongoClient, name: string) {
  return client.db(target.db.databaseName).collection<Row>(name);
}

describe('concurrent writers', () => {
  it('when eight clients race to insert the same 25 unique emails, then each email is stored once and every loser gets E11000', async () => {
    await target.db.collection<Row>('users').createIndex({ email: 1 }, { unique: true });
    const emails = Array.from({ length: 25 }, (_, i) => `user${i}@shop.test`);
    const outcomes = await Promise.all(
      clients.flatMap((client, c) =>
        emails.map((email) =>
          collection(client, 'users')
            .insertOne({ email, by: c })
            .then(
              () => 'ok',
              (e: { code?: number }) => (e.code === 11000 ? 'dup' : `error ${e.code}`),
            ),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(25);
    expect(outcomes.filter((o) => o === 'dup')).toHaveLength(25 * 7);
    expect(await target.db.collection<Row>('users').countDocuments()).toBe(25);
  });

  it('when eight clients increment one counter 50 times each, then no increment is lost', async () => {
    await target.db.collection<Row>('counters').insertOne({ _id: 'visits' as never, n: 0 });
    await Promise.all(
      clients.map(async (client) => {
        for (let i = 0; i < 50; i++) {
          await collection(client, 'counters').updateOne({ _id: 'visits' as never }, { $inc: { n: 1 } });
        }
      }),
    );
    expect((await target.db.collection<Row>('counters').findOne({ _id: 'visits' as never }))?.n).toBe(400);
  });

  it('when clients upsert the same key at once, then exactly one document exists', async () => {
    await target.db.collection<Row>('carts').createIndex({ user: 1 }, { unique: true });
    await Promise.all(
      clients.map((client) =>
        collection(client, 'carts').updateOne({ user: 'u1' }, { $inc: { lines: 1 } }, { upsert: true }),
      ),
    );
    const carts = await target.db.collection<Row>('carts').find({ user: 'u1' }).toArray();
    expect(carts).toHaveLength(1);
    expect(carts[0]?.lines).toBe(8);
  });

  it('when clients insert batches in parallel, then every acknowledged document is there', async () => {
    await Promise.all(
      clients.map((client, c) =>
        collection(client, 'events').insertMany(Array.from({ length: 200 }, (_, i) => ({ c, i }))),
      ),
    );
    expect(await target.db.collection<Row>('events').countDocuments()).toBe(1600);
  });

  it('when readers run while writers update, then every read sees whole documents', async () => {
    const coll = target.db.collection<Row>('pairs');
    await coll.insertOne({ _id: 'p' as never, a: 0, b: 0 });
    let torn = 0;
    const writer = (async () => {
      for (let i = 1; i <= 100; i++) await coll.updateOne({ _id: 'p' as never }, { $set: { a: i, b: i } });
    })();
    const readers = clients.slice(0, 4).map(async (client) => {
      for (let i = 0; i < 50; i++) {
        const doc = await collection(client, 'pairs').findOne({ _id: 'p' as never });
        if (doc?.a !== doc?.b) torn++;
      }
    });
    await Promise.all([writer, ...readers]);
    expect(torn).toBe(0);
  });
});
