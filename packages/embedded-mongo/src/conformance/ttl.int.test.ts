import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openTarget('ttl', { ttlMonitorIntervalMs: 200 });
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

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('TTL indexes', () => {
  it('when documents are older than expireAfterSeconds, then the TTL monitor deletes them and keeps the rest', async () => {
    const sessions = target.db.collection<Row>('sessions');
    await sessions.createIndex({ lastSeen: 1 }, { expireAfterSeconds: 1 });
    const now = Date.now();
    await sessions.insertMany([
      { _id: 'old' as never, lastSeen: new Date(now - 60_000) },
      { _id: 'fresh' as never, lastSeen: new Date(now + 3_600_000) },
      { _id: 'no-date' as never, lastSeen: 'yesterday' },
      { _id: 'array' as never, lastSeen: [new Date(now + 3_600_000), new Date(now - 60_000)] },
    ]);
    const gone = await waitFor(
      async () => (await sessions.countDocuments({ _id: { $in: ['old', 'array'] } as never })) === 0,
      70_000,
    );
    expect(gone).toBe(true);
    expect((await sessions.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['fresh', 'no-date']);
  }, 90_000);

  it('when a document expires after insertion, then it disappears within the monitor interval', async () => {
    const tokens = target.db.collection<Row>('tokens');
    await tokens.createIndex({ createdAt: 1 }, { expireAfterSeconds: 1 });
    await tokens.insertOne({ createdAt: new Date() });
    expect(await tokens.countDocuments()).toBe(1);
    const gone = await waitFor(async () => (await tokens.countDocuments()) === 0, 70_000);
    expect(gone).toBe(true);
  }, 90_000);
});
