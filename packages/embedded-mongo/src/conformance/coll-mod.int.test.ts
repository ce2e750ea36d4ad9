import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../index.js';
import { openTarget, type ConformanceTarget, type Row, withShopClient } from './harness.test-support.js';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openTarget('coll_mod', { ttlMonitorIntervalMs: 200 });
  if (target.external) {
    // A real mongod runs its TTL monitor every 60 s unless told otherwise (needs a privileged user).
    await target.client
      .db('admin')
      .command({ setParameter: 1, ttlMonitorSleepSecs: 1 })
      .catch(() => undefined);
  }
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

async function indexNamed(collection: string, name: string): Promise<Document | undefined> {
  return (await target.db.collection(collection).listIndexes().toArray()).find((index) => index.name === name);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('collMod on an index TTL', () => {
  it('when the TTL is changed by key pattern, then the reply has the old and new values and listIndexes shows the new one', async () => {
    const sessions = target.db.collection<Row>('sessions');
    await sessions.createIndex({ lastSeen: 1 }, { expireAfterSeconds: 3600 });

    const result = await target.db.command({
      collMod: 'sessions',
      index: { keyPattern: { lastSeen: 1 }, expireAfterSeconds: 60 },
    });

    expect(result).toMatchObject({ ok: 1, expireAfterSeconds_old: 3600, expireAfterSeconds_new: 60 });
    expect(await indexNamed('sessions', 'lastSeen_1')).toMatchObject({ key: { lastSeen: 1 }, expireAfterSeconds: 60 });
  });

  it('when the TTL is changed by name, then the TTL monitor deletes by the new value', async () => {
    const tokens = target.db.collection<Row>('tokens');
    await tokens.createIndex({ createdAt: 1 }, { name: 'token_ttl', expireAfterSeconds: 3600 });
    await tokens.insertMany([
      { _id: 'ten-minutes-old', createdAt: new Date(Date.now() - 600_000) },
      { _id: 'new', createdAt: new Date() },
    ]);
    // Not expired under one hour.
    await new Promise((r) => setTimeout(r, 600));
    expect(await tokens.countDocuments()).toBe(2);

    const result = await target.db.command({
      collMod: 'tokens',
      index: { name: 'token_ttl', expireAfterSeconds: 300 },
    });
    expect(result).toMatchObject({ expireAfterSeconds_old: 3600, expireAfterSeconds_new: 300 });

    const expired = await waitFor(async () => (await tokens.countDocuments({ _id: 'ten-minutes-old' })) === 0, 70_000);
    expect(expired).toBe(true);
    expect(await tokens.find().toArray()).toMatchObject([{ _id: 'new' }]);
  }, 90_000);

  it('when a plain single-field index gets expireAfterSeconds, then it becomes a TTL index (only _new reported)', async () => {
    const carts = target.db.collection<Row>('carts');
    await carts.createIndex({ updatedAt: 1 });
    const result = await target.db.command({
      collMod: 'carts',
      index: { keyPattern: { updatedAt: 1 }, expireAfterSeconds: 86400 },
    });
    expect(result.expireAfterSeconds_new).toBe(86400);
    expect(result.expireAfterSeconds_old).toBeUndefined();
    expect(await indexNamed('carts', 'updatedAt_1')).toMatchObject({ expireAfterSeconds: 86400 });
  });
});

describe('collMod hiding an index', () => {
  it('when an index is hidden, then it is reported hidden, cannot be hinted, still enforces uniqueness, and can be shown again', async () => {
    const users = target.db.collection<Row>('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ _id: 1, email: 'a@example.com' });

    const hidden = await target.db.command({ collMod: 'users', index: { name: 'email_1', hidden: true } });
    expect(hidden).toMatchObject({ hidden_old: false, hidden_new: true });
    expect(await indexNamed('users', 'email_1')).toMatchObject({ hidden: true, unique: true });
    expect((await failure(() => users.find({ email: 'a@example.com' }).hint('email_1').toArray())).code).toBe(2);
    expect((await failure(() => users.insertOne({ _id: 2, email: 'a@example.com' }))).code).toBe(11000);

    const shown = await target.db.command({ collMod: 'users', index: { keyPattern: { email: 1 }, hidden: false } });
    expect(shown).toMatchObject({ hidden_old: true, hidden_new: false });
    expect((await indexNamed('users', 'email_1'))?.hidden).toBeUndefined();
    expect(await users.find({ email: 'a@example.com' }).hint('email_1').toArray()).toEqual([
      { _id: 1, email: 'a@example.com' },
    ]);
  });

  it('when an index is created hidden, then listIndexes says so', async () => {
    await target.db.collection<Row>('hidden_from_start').createIndex({ sku: 1 }, { hidden: true });
    expect(await indexNamed('hidden_from_start', 'sku_1')).toMatchObject({ hidden: true });
  });
});

describe('collMod refusals', () => {
  it('when the index or the collection does not exist, then IndexNotFound (27) or NamespaceNotFound (26)', async () => {
    await target.db.collection<Row>('refusals').insertOne({ _id: 1 });
    const noIndex = await failure(() =>
      target.db.command({ collMod: 'refusals', index: { name: 'nope_1', expireAfterSeconds: 5 } }),
    );
    expect(noIndex.code).toBe(27);
    const noCollection = await failure(() =>
      target.db.command({ collMod: 'no_such_collection', index: { name: 'x_1', expireAfterSeconds: 5 } }),
    );
    expect(noCollection.code).toBe(26);
  });

  it('when both a name and a key pattern, or neither, are given, then InvalidOptions (72)', async () => {
    await target.db.collection<Row>('refusals').createIndex({ at: 1 }, { expireAfterSeconds: 10 });
    const both = await failure(() =>
      target.db.command({ collMod: 'refusals', index: { name: 'at_1', keyPattern: { at: 1 }, expireAfterSeconds: 5 } }),
    );
    expect(both.code).toBe(72);
    const neither = await failure(() => target.db.command({ collMod: 'refusals', index: { expireAfterSeconds: 5 } }));
    expect(neither.code).toBe(72);
  });

  it('when an unknown option is given, then collMod fails instead of ignoring it', async () => {
    const error = await failure(() => target.db.command({ collMod: 'refusals', notAnOption: true }));
    expect([40415, 72]).toContain(error.code);
  });

  it('when a validator is set, then MongoDB applies it and the engine refuses naming validators (238)', async () => {
    const outcome = await target.db.command({ collMod: 'refusals', validator: { name: { $type: 'string' } } }).then(
      (result) => ({ ok: true as const, result }),
      (error: Error & { code?: number }) => ({ ok: false as const, error }),
    );
    if (target.external) {
      expect(outcome.ok).toBe(true);
      return;
    }
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe(238);
      expect(outcome.error.message).toContain('validator');
    }
  });
});

describe('collMod survives a restart', () => {
  it('when the engine restarts (journal replay, then snapshot), then changed TTLs and hidden flags are still there, in place', async (ctx) => {
    // Engine only: restarting needs the in-process engine; a real MongoDB is not restarted by this suite.
    ctx.skip(target.external, 'restarting needs the in-process engine, not an external server');
    const dbPath = await mkdtemp(join(tmpdir(), 'engine-collmod-'));
    try {
      const first = await startEmbeddedMongo({ dbPath });
      await withShopClient(first.uri, async (client) => {
        const db = client.db();
        const events = db.collection<Row>('events');
        await events.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
        await events.createIndex({ kind: 1 });
        await events.createIndex({ user: 1 });
        await db.command({ collMod: 'events', index: { keyPattern: { at: 1 }, expireAfterSeconds: 120 } });
        await db.command({ collMod: 'events', index: { name: 'kind_1', hidden: true } });
        await db.command({ collMod: 'events', index: { name: 'user_1', expireAfterSeconds: 30 } });
      });
      await first.stop();
      for (let restart = 0; restart < 2; restart++) {
        const engine = await startEmbeddedMongo({ dbPath });
        try {
          await withShopClient(engine.uri, async (client) => {
            const indexes = await client.db().collection('events').listIndexes().toArray();
            expect(indexes).toEqual([
              { v: 2, key: { _id: 1 }, name: '_id_' },
              { v: 2, key: { at: 1 }, name: 'at_1', expireAfterSeconds: 120 },
              { v: 2, key: { kind: 1 }, name: 'kind_1', hidden: true },
              { v: 2, key: { user: 1 }, name: 'user_1', expireAfterSeconds: 30 },
            ]);
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
