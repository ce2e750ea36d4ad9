import type { Long, ServerDescription } from 'mongodb';
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openTarget('server-commands');
});

afterAll(async () => {
  await target.close();
});

describe('handshake and diagnostics', () => {
  it('when hello is sent, then the server is a writable primary supporting sessions', async () => {
    const hello = await target.db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({ ok: 1, isWritablePrimary: true });
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    // mongod reports topologyVersion and streams heartbeats; the engine does not stream, and advertising one would make
    // the driver await streamed hello replies (streaming monitoring) — it must be absent.
    if (!target.external) expect(hello).not.toHaveProperty('topologyVersion');
  });

  it('when the legacy isMaster is sent, then ismaster is true', async () => {
    expect(await target.db.admin().command({ isMaster: 1 })).toMatchObject({ ismaster: true, ok: 1 });
  });

  it('when ping is sent, then ok is 1', async () => {
    expect(await target.db.admin().ping()).toMatchObject({ ok: 1 });
  });

  it('when buildInfo is sent, then a version string and array are returned', async () => {
    const info = await target.db.admin().buildInfo();
    expect(typeof info.version).toBe('string');
    expect(Array.isArray(info.versionArray)).toBe(true);
  });

  it('when an unknown command is sent, then CommandNotFound (59) names it', async () => {
    const error = (await target.db.command({ frobnicate: 1 }).catch((e: unknown) => e)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
    expect(error.message).toContain('frobnicate');
  });

  it('when a command fails, then the error has a numeric code, a codeName and a message', async () => {
    const error = (await target.db
      .collection<Row>('x')
      .findOne({ $bad: 1 })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(typeof error.code).toBe('number');
    expect(typeof error.codeName).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('when many clients connect at once, then every one of them is served', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => target.newClient({ maxPoolSize: 5 })));
    const pings = await Promise.all(
      clients.flatMap((c) => Array.from({ length: 10 }, () => c.db('admin').command({ ping: 1 }))),
    );
    expect(pings.every((p) => p.ok === 1)).toBe(true);
  });

  it('when a client connects without any command of its own, then the handshake describes the server and close succeeds', async () => {
    const client = new MongoClient(target.uri, { serverSelectionTimeoutMS: 5000 });
    const described: ServerDescription[] = [];
    client.on('serverDescriptionChanged', (event) => described.push(event.newDescription));
    await client.connect();
    const known = described.filter((d) => d.type !== 'Unknown');
    expect(known.length).toBeGreaterThan(0);
    expect(known.every((d) => d.error === null)).toBe(true);
    if (!target.external) expect(known[0]?.type).toBe('RSPrimary');
    await expect(client.close()).resolves.toBeUndefined();
  });

  it('when an unacknowledged write (w: 0) is sent, then it is applied without a reply', async () => {
    const coll = target.db.collection<Row>('fire-and-forget');
    await coll.insertOne({ v: 1 }, { writeConcern: { w: 0 } });
    let count = 0;
    for (let i = 0; i < 50 && count === 0; i++) {
      count = await coll.countDocuments();
      if (count === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(count).toBe(1);
  });

  it('when getMore carries a cursor id, then it is an Int64 the server accepts', async () => {
    const coll = target.db.collection<Row>('paging');
    await coll.insertMany(Array.from({ length: 5 }, (_, i) => ({ i })));
    const first = await target.db.command({ find: 'paging', batchSize: 2 }, { promoteLongs: false });
    const next = await target.db.command({ getMore: first.cursor.id as Long, collection: 'paging', batchSize: 10 });
    expect(next.cursor.nextBatch).toHaveLength(3);
  });
});
