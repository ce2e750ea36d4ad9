import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../index.js';
import { spawnEngine, type ChildEngine } from './child-engine.test-support.js';
import type { Row } from './harness.test-support.js';

// Durability is a property of the engine itself, so these tests always run the engine (never an external MongoDB).
const dirs: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'engine-durability-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function withClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(`${uri}/shop`, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

async function lastJournal(dir: string): Promise<string> {
  const journals = (await readdir(dir)).filter((f) => f.startsWith('journal-')).sort();
  return join(dir, journals[journals.length - 1] as string);
}

describe('restart recovery', () => {
  it('when the engine restarts on the same directory, then documents, updates, deletes and indexes are all there', async () => {
    const dbPath = await freshDir();
    const first = await startEmbeddedMongo({ dbPath });
    await withClient(first.uri, async (client) => {
      const products = client.db().collection<Row>('products');
      await products.createIndex({ sku: 1 }, { unique: true });
      await products.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: i as never, sku: `s${i}`, stock: 10 })));
      await products.updateMany({ _id: { $lt: 10 } as never }, { $inc: { stock: -1 } });
      await products.deleteMany({ _id: { $gte: 90 } as never });
      await client.db().collection<Row>('scratch').insertOne({});
      await client.db().collection<Row>('scratch').drop();
    });
    await first.stop();
    const second = await startEmbeddedMongo({ dbPath });
    try {
      await withClient(second.uri, async (client) => {
        const products = client.db().collection<Row>('products');
        expect(await products.countDocuments()).toBe(90);
        expect(await products.countDocuments({ stock: 9 })).toBe(10);
        expect((await products.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'sku_1']);
        await expect(products.insertOne({ sku: 's1' })).rejects.toMatchObject({ code: 11000 });
        expect(await client.db().listCollections({ name: 'scratch' }).toArray()).toEqual([]);
      });
    } finally {
      await second.stop();
    }
  });

  it('when the journal grows past the compaction threshold, then a snapshot replaces it and nothing is lost', async () => {
    const dbPath = await freshDir();
    const first = await startEmbeddedMongo({ dbPath, compactThresholdBytes: 64 * 1024 });
    await withClient(first.uri, async (client) => {
      const events = client.db().collection<Row>('events');
      for (let batch = 0; batch < 20; batch++) {
        await Promise.all(Array.from({ length: 25 }, (_, i) => events.insertOne({ batch, i, pad: 'x'.repeat(200) })));
      }
      await events.updateMany({ batch: { $lt: 5 } }, { $set: { old: true } });
    });
    await first.stop();
    const second = await startEmbeddedMongo({ dbPath });
    try {
      await withClient(second.uri, async (client) => {
        const events = client.db().collection<Row>('events');
        expect(await events.countDocuments()).toBe(500);
        expect(await events.countDocuments({ old: true })).toBe(125);
      });
    } finally {
      await second.stop();
    }
  });

  it('when a second engine opens a directory in use, then it refuses to start', async () => {
    const dbPath = await freshDir();
    const first = await startEmbeddedMongo({ dbPath });
    try {
      await expect(startEmbeddedMongo({ dbPath })).rejects.toThrow(/in use/);
    } finally {
      await first.stop();
    }
  });

  it('when the lock file was left by a dead process, then the engine takes it over', async () => {
    const dbPath = await freshDir();
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    await writeFile(join(dbPath, 'mongod.lock'), `${dead.pid}\n`);
    const engine = await startEmbeddedMongo({ dbPath });
    await engine.stop();
    expect(engine.dbPath).toBe(dbPath);
  });
});

/** The `_id` of every order the engine holds after a restart. */
async function storedOrderIds(client: MongoClient): Promise<Set<unknown>> {
  const orders = await client
    .db()
    .collection<Row>('orders')
    .find({}, { projection: { _id: 1 } })
    .toArray();
  return new Set(orders.map((order) => order._id));
}

describe('kill -9 recovery', () => {
  it('when the process is killed with SIGKILL during writes, then every acknowledged write survives the restart', async () => {
    const dbPath = await freshDir();
    const child = await spawnEngine(dbPath);
    const acknowledged: number[] = [];
    const client = new MongoClient(`${child.uri}/shop`, { serverSelectionTimeoutMS: 5000, maxPoolSize: 16 });
    await client.connect();
    const orders = client.db().collection<Row>('orders');
    let stop = false;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const id = w * 1_000_000 + i;
        try {
          await orders.insertOne({ _id: id as never, w, i, total: i * 100 });
          acknowledged.push(id);
        } catch {
          return;
        }
      }
    });
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 10));
    child.process.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await client.close(true).catch(() => undefined);

    const restarted = await spawnEngine(dbPath);
    try {
      await withClient(restarted.uri, async (c) => {
        const stored = await storedOrderIds(c);
        const missing = acknowledged.filter((id) => !stored.has(id));
        expect(missing).toEqual([]);
        expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
      });
    } finally {
      restarted.process.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  });

  it('when a committed transaction is followed by SIGKILL, then both of its writes are recovered', async () => {
    const dbPath = await freshDir();
    const child = await spawnEngine(dbPath);
    await withClient(child.uri, async (client) => {
      await client
        .db()
        .collection<Row>('stock')
        .insertOne({ _id: 'mug' as never, n: 5 });
      await client
        .db()
        .collection<Row>('orders')
        .insertOne({ _id: 'seed' as never });
      const session = client.startSession();
      await session.withTransaction(async (s) => {
        await client
          .db()
          .collection<Row>('stock')
          .updateOne({ _id: 'mug' as never }, { $inc: { n: -2 } }, { session: s });
        await client
          .db()
          .collection<Row>('orders')
          .insertOne({ _id: 'o1' as never, qty: 2 }, { session: s });
      });
      await session.endSession();
    });
    child.process.kill('SIGKILL');
    await child.exited;
    const restarted = await spawnEngine(dbPath);
    try {
      await withClient(restarted.uri, async (c) => {
        expect(
          (
            await c
              .db()
              .collection<Row>('stock')
              .findOne({ _id: 'mug' as never })
          )?.n,
        ).toBe(3);
        expect(
          await c
            .db()
            .collection<Row>('orders')
            .countDocuments({ _id: 'o1' as never }),
        ).toBe(1);
      });
    } finally {
      restarted.process.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('when the final journal record is torn, then start-up drops it and keeps everything before it', async () => {
    const dbPath = await freshDir();
    const child = await spawnEngine(dbPath);
    await withClient(child.uri, async (client) => {
      await client
        .db()
        .collection<Row>('notes')
        .insertMany(Array.from({ length: 20 }, (_, i) => ({ i })));
    });
    child.process.kill('SIGKILL');
    await child.exited;
    const journal = await lastJournal(dbPath);
    const sizeBefore = (await stat(journal)).size;
    // A record header that promises 4 KiB followed by only a few bytes: a write cut off by the crash.
    const torn = Buffer.alloc(8 + 10);
    torn.writeUInt32LE(4096, 0);
    torn.writeUInt32LE(12345, 4);
    await appendFile(journal, torn);
    const restarted = await spawnEngine(dbPath);
    try {
      await withClient(restarted.uri, async (c) => {
        expect(await c.db().collection<Row>('notes').countDocuments()).toBe(20);
        await c.db().collection<Row>('notes').insertOne({ after: true });
        expect(await c.db().collection<Row>('notes').countDocuments()).toBe(21);
      });
      expect(restarted.stderr()).toMatch(/torn/);
      expect(sizeBefore).toBeGreaterThan(0);
    } finally {
      restarted.process.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('when the final record has a bad checksum, then it is dropped as well', async () => {
    const dbPath = await freshDir();
    const first = await startEmbeddedMongo({ dbPath });
    await withClient(first.uri, async (client) => {
      await client.db().collection<Row>('notes').insertOne({ keep: true });
    });
    await first.stop();
    const garbage = Buffer.alloc(8 + 16, 7);
    garbage.writeUInt32LE(16, 0);
    await appendFile(await lastJournal(dbPath), garbage);
    const second = await startEmbeddedMongo({ dbPath });
    try {
      await withClient(second.uri, async (client) => {
        expect(await client.db().collection<Row>('notes').countDocuments({ keep: true })).toBe(1);
      });
    } finally {
      await second.stop();
    }
  });
});

describe('kill -9 during compaction', () => {
  // A small threshold makes the journal compact every few hundred writes; a few MiB of data make each snapshot take
  // long enough to write that a kill can land inside it.
  const COMPACTING = ['--compact-threshold', String(128 * 1024)];
  const BULK = 6000;

  function compactions(child: ChildEngine): { started: number; finished: number } {
    const log = child.stderr();
    return {
      started: log.match(/compacting the journal into a snapshot/g)?.length ?? 0,
      finished: log.match(/compacted the journal into a snapshot/g)?.length ?? 0,
    };
  }

  /** Runs acknowledged writers against the child and SIGKILLs it the moment `shouldKill` says so. */
  async function writeUntilKilled(
    child: ChildEngine,
    prefix: string,
    acknowledged: string[],
    shouldKill: (c: { started: number; finished: number }) => boolean,
  ): Promise<void> {
    const client = new MongoClient(`${child.uri}/shop`, { serverSelectionTimeoutMS: 5000, maxPoolSize: 8 });
    await client.connect();
    const orders = client.db().collection<Row>('orders');
    let stop = false;
    const killed = new Promise<void>((resolve) => {
      // On every log line, and on a timer for conditions that wait on acknowledged writes rather than the log.
      const timer = setInterval(() => check(), 10);
      const check = () => {
        if (acknowledged.length >= 100 && shouldKill(compactions(child))) {
          child.process.kill('SIGKILL');
          child.process.stderr?.off('data', check);
          clearInterval(timer);
          resolve();
        }
      };
      child.process.stderr?.on('data', check);
    });
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const id = `${prefix}-${w}-${i}`;
        try {
          await orders.insertOne({ _id: id as never, pad: 'y'.repeat(500) });
          acknowledged.push(id);
        } catch {
          return;
        }
      }
    });
    await killed;
    expect(await child.exited).toBe('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await client.close(true).catch(() => undefined);
  }

  async function preload(child: ChildEngine): Promise<void> {
    await withClient(child.uri, async (client) => {
      const bulk = client.db().collection<Row>('bulk');
      for (let b = 0; b < BULK / 500; b++) {
        await bulk.insertMany(
          Array.from({ length: 500 }, (_, i) => ({ _id: (b * 500 + i) as never, pad: 'x'.repeat(2000) })),
        );
      }
    });
  }

  async function expectEverythingRecovered(dbPath: string, acknowledged: string[]): Promise<void> {
    const restarted = await spawnEngine(dbPath);
    try {
      await withClient(restarted.uri, async (client) => {
        const stored = await storedOrderIds(client);
        expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
        expect(await client.db().collection<Row>('bulk').countDocuments()).toBe(BULK);
        await client
          .db()
          .collection<Row>('orders')
          .insertOne({ _id: 'after-recovery' as never });
        expect(
          await client
            .db()
            .collection<Row>('orders')
            .countDocuments({ _id: 'after-recovery' as never }),
        ).toBe(1);
      });
    } finally {
      restarted.process.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  }

  it('when SIGKILL lands while compaction writes the snapshot, then the data is readable and no acknowledged write is lost', async () => {
    const dbPath = await freshDir();
    const acknowledged: string[] = [];
    // Two rounds on the same directory: the second start-up recovers from the first round's interrupted compaction
    // and is itself killed inside a snapshot write. The failpoint holds compaction with snapshot.tmp half written, so
    // the kill lands there every time, however loaded the machine is.
    for (let round = 0; round < 2; round++) {
      const child = await spawnEngine(dbPath, [...COMPACTING, '--enable-test-commands']);
      if (round === 0) await preload(child);
      await withClient(child.uri, (client) =>
        client.db('admin').command({ configureFailPoint: 'hangDuringSnapshotWrite', mode: { times: 1 } }),
      );
      let ackedAtHang: number | undefined;
      await writeUntilKilled(child, `r${round}`, acknowledged, () => {
        if (!child.stderr().includes('hangDuringSnapshotWrite: hanging')) return false;
        ackedAtHang ??= acknowledged.length;
        // Writes keep landing in the new journal while the snapshot is held: kill once a good number have.
        return acknowledged.length >= ackedAtHang + 50;
      });
      expect(existsSync(join(dbPath, 'snapshot.tmp')), `round ${round}: snapshot.tmp half written`).toBe(true);
    }
    await expectEverythingRecovered(dbPath, acknowledged);
  }, 120_000);

  it('when SIGKILL lands just after compaction replaced the journals, then no acknowledged write is lost', async () => {
    const dbPath = await freshDir();
    const acknowledged: string[] = [];
    const child = await spawnEngine(dbPath, COMPACTING);
    await preload(child);
    const before = compactions(child);
    await writeUntilKilled(child, 'after', acknowledged, (c) => c.finished >= before.finished + 2);
    await expectEverythingRecovered(dbPath, acknowledged);
  });
});
