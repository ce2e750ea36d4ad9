import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalData } from '../../lib/personal-data.js';
import { latestMailToken, login, signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { ADDRESS, addToCart, startCheckout, waitForFulfilment } from '../../test-support/checkout.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { latestMail, storeMail } from '../../test-support/mail.test-support.js';
import { ROTATE_KEYS_JOB } from './plugin.js';
import { rotateKeys, type RotationProgress } from './rotate-keys.js';
import { SEALED_FIELDS } from './sealed-fields.js';

const tsx = fileURLToPath(new URL('../../../../../node_modules/.bin/tsx', import.meta.url));
const cli = fileURLToPath(new URL('../../cli/rotate-keys.ts', import.meta.url));

const newKey = () => randomBytes(32).toString('base64');
const fieldNames = SEALED_FIELDS.map(({ collection, field }) => `${collection}.${field}`);

/** Runs `keys:rotate` (the CLI the npm script starts) against the shop's database with these keys in its environment. */
function runRotateKeysCli(
  env: { MONGODB_URI: string; DATA_ENCRYPTION_KEYS: string; BLIND_INDEX_KEY: string },
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['--conditions=source', cli, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, output }));
  });
}

/** The CLI's `  <field>: done/total` lines, per field, in the order printed. */
function progressLines(stdout: string): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const match of stdout.matchAll(/^ {2}(\S+(?: \(reindex\))?): (\d+\/\d+)$/gm)) {
    const [, field, progress] = match as unknown as [string, string, string];
    lines.set(field, [...(lines.get(field) ?? []), progress]);
  }
  return lines;
}

/** For every sealed field, how many stored values are under each key id (`plaintext` for values not sealed). */
async function keyIdsOfSealedFields(db: Db): Promise<Record<string, Record<string, number>>> {
  const result: Record<string, Record<string, number>> = {};
  for (const { collection, field } of SEALED_FIELDS) {
    const counts: Record<string, number> = {};
    const documents = db.collection(collection).find({ [field]: { $type: 'string' } }, { projection: { [field]: 1 } });
    for await (const doc of documents) {
      const keyId = /^v1\.([^.]+)\./.exec(doc[field] as string)?.[1] ?? 'plaintext';
      counts[keyId] = (counts[keyId] ?? 0) + 1;
    }
    result[`${collection}.${field}`] = counts;
  }
  return result;
}

/** `{ field: { [keyId]: total } }` for every sealed field: what a completed rotation to `keyId` leaves. */
const allUnder = (keyId: string, totals: Record<string, number>) =>
  Object.fromEntries(fieldNames.map((name) => [name, { [keyId]: totals[name] }]));

describe('key rotation across three keys', () => {
  const keys = { k1: `k1:${newKey()}`, k2: `k2:${newKey()}`, k3: `k3:${newKey()}` };
  const jwtSecret = randomBytes(32).toString('hex');
  let ctx: TestApp;
  let mongoUri: string;
  let admin: SignedIn;
  let shopper: SignedIn;
  let orderId: string;
  let confirmationId: string;
  let orderNumber: string;
  /** How many values each sealed field holds once the shop has been used under k1. */
  const totals: Record<string, number> = {};

  /** Stops the running app (its data stays) and starts the shop again on the same database with other keys. */
  async function restartWithKeys(dataEncryptionKeys: string) {
    await closeKeepingDatabase(ctx);
    // No in-process worker: the daily rotation job would otherwise re-seal at start-up, before the test does.
    ctx = await startTestApp({
      MONGODB_URI: mongoUri,
      JWT_SECRET: jwtSecret,
      DATA_ENCRYPTION_KEYS: dataEncryptionKeys,
      RUN_WORKER: 'false',
    });
  }
  const cliEnv = (dataEncryptionKeys: string) => ({
    MONGODB_URI: mongoUri,
    DATA_ENCRYPTION_KEYS: dataEncryptionKeys,
    BLIND_INDEX_KEY: ctx.config.BLIND_INDEX_KEY,
  });
  const get = (path: string, who: SignedIn) => request(ctx.url, 'GET', path, { token: who.accessToken });

  beforeAll(async () => {
    ctx = await startTestApp({ JWT_SECRET: jwtSecret, DATA_ENCRYPTION_KEYS: keys.k1 });
    mongoUri = ctx.config.MONGODB_URI;
  });
  afterAll(() => ctx.close());

  it('when the shop is used under k1, then every personal value it stores is sealed under k1', async () => {
    admin = await signedInUser(ctx, { role: 'admin' });

    // A shopper as the shop makes one: signup (name sealed, confirmation email), confirmation, a login (device sealed).
    const email = `rotation-${randomBytes(4).toString('hex')}@example.com`;
    const signup = await request(ctx.url, 'POST', '/api/auth/signup', {
      body: { name: 'Ada Rotation Lovelace', email, password: 'rotation-password-1' },
    });
    expect(signup.status).toBe(202);
    const token = await latestMailToken(ctx, email, 'auth.verify-email');
    expect((await request(ctx.url, 'POST', '/api/auth/verify-email', { body: { token } })).status).toBe(200);
    shopper = await login(ctx, email, 'rotation-password-1', 'Rotation Browser/1.0');

    // A paid order: contact and address sealed, a confirmation email sent.
    const teapot = await createProduct(ctx, admin.accessToken, { name: 'Rotation Teapot', price: 2500, stock: 5 });
    await addToCart(ctx, shopper, teapot.id, 1);
    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    orderId = started.body.orderId;
    expect((await payHostedCheckout(started.body.checkoutUrl, { card: '4242 4242 4242 4242' })).status).toBe(
      'redirected',
    );
    orderNumber = (await waitForFulfilment(ctx, shopper, orderId)).number;
    const confirmation = await latestMail(ctx, email, 'order.confirmation');
    confirmationId = confirmation?._id.toHexString() ?? '';
    expect(confirmation?.text).toContain(orderNumber);

    // More emails than one rotation batch (200), so an interruption can fall in the middle of a field.
    for (let index = 0; index < 250; index += 1)
      await storeMail(ctx, {
        to: `bulk-${index}@example.com`,
        subject: `Newsletter ${index}`,
        text: `Hello reader ${index}`,
        html: `<p>Hello reader ${index}</p>`,
        tag: 'test.bulk',
      });

    for (const [name, counts] of Object.entries(await keyIdsOfSealedFields(ctx.db))) {
      expect(Object.keys(counts), name).toEqual(['k1']);
      totals[name] = counts.k1 ?? 0;
      expect(totals[name], name).toBeGreaterThan(0);
    }
  });

  it('when k2 becomes the active key with k1 still configured, then values sealed under k1 still read through the API', async () => {
    await restartWithKeys(`${keys.k2},${keys.k1}`);

    const order = await get(`/api/orders/${orderId}`, shopper);
    const me = await get('/api/auth/me', shopper);
    const message = await get(`/api/admin/outbox/${confirmationId}`, admin);

    expect(order.status).toBe(200);
    expect(order.body.shippingAddress).toEqual(ADDRESS);
    expect(me.body.name).toBe('Ada Rotation Lovelace');
    expect(message.body.text).toContain(orderNumber);
    // Reading re-seals nothing: until the rotation runs, every value is still under k1.
    expect(await keyIdsOfSealedFields(ctx.db)).toEqual(allUnder('k1', totals));
  });

  it('when keys:rotate runs, then it prints progress per field, re-seals every value under k2, and a second run re-seals nothing', async () => {
    const first = await runRotateKeysCli(cliEnv(`${keys.k2},${keys.k1}`));

    expect(first.code, first.output).toBe(0);
    expect(first.stdout).toContain('Re-sealing personal data under key "k2"');
    const progress = progressLines(first.stdout);
    expect([...progress.keys()]).toEqual(fieldNames);
    for (const name of fieldNames) {
      const total = totals[name] ?? -1;
      expect(progress.get(name)?.[0], name).toBe(`0/${total}`);
      expect(progress.get(name)?.at(-1), name).toBe(`${total}/${total}`);
    }
    const resealed = Object.values(totals).reduce((sum, count) => sum + count, 0);
    expect(first.stdout).toContain(`Done: ${resealed} value(s) re-sealed.`);
    expect(await keyIdsOfSealedFields(ctx.db)).toEqual(allUnder('k2', totals));

    const second = await runRotateKeysCli(cliEnv(`${keys.k2},${keys.k1}`));

    expect(second.code, second.output).toBe(0);
    expect(second.stdout).toContain('Done: 0 value(s) re-sealed.');
    expect(Object.fromEntries(progressLines(second.stdout))).toEqual(
      Object.fromEntries(fieldNames.map((name) => [name, ['0/0']])),
    );
    expect(await keyIdsOfSealedFields(ctx.db)).toEqual(allUnder('k2', totals));
  });

  it('when only k3 is configured before rotating to it, then reading a k2 value fails loudly and rotation writes nothing', async () => {
    await restartWithKeys(keys.k3);

    const order = await get(`/api/orders/${orderId}`, shopper);
    const me = await get('/api/auth/me', shopper);
    const rotation = rotateKeys(ctx.db, createPersonalData(ctx.config));

    // A 500 with nothing of the ciphertext, never an empty or garbled address shown as if it were the data.
    expect(order.status).toBe(500);
    expect(JSON.stringify(order.body)).not.toMatch(/v1\.k2\.|Analytical/);
    expect(me.status).toBe(500);
    await expect(rotation).rejects.toThrow('encryption key k2 is not configured');
    expect(await keyIdsOfSealedFields(ctx.db)).toEqual(allUnder('k2', totals));
  });

  it('when a rotation to k3 is interrupted in the middle of a field, then the next run carries on from there and completes', async () => {
    await restartWithKeys(`${keys.k3},${keys.k2},${keys.k1}`);
    const personal = createPersonalData(ctx.config);
    const interrupted = rotateKeys(ctx.db, personal, {
      onProgress: ({ field, done }) => {
        if (field === 'mail_messages.body' && done > 0) throw new Error('interrupted after the first batch');
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted after the first batch');
    const afterInterruption = await keyIdsOfSealedFields(ctx.db);
    const bodies = afterInterruption['mail_messages.body'] ?? {};
    expect(bodies.k3).toBeGreaterThan(0);
    expect(bodies.k2).toBeGreaterThan(0);
    expect((bodies.k3 ?? 0) + (bodies.k2 ?? 0)).toBe(totals['mail_messages.body']);
    const { 'mail_messages.body': _bodies, ...others } = afterInterruption;
    const { 'mail_messages.body': _total, ...otherTotals } = allUnder('k3', totals);
    expect(others).toEqual(otherTotals);

    const progress: RotationProgress[] = [];
    const resumed = await rotateKeys(ctx.db, personal, { onProgress: (step) => progress.push(step) });

    expect(resumed).toBe(bodies.k2);
    expect(progress.filter((step) => step.field !== 'mail_messages.body')).toEqual(
      fieldNames.filter((name) => name !== 'mail_messages.body').map((field) => ({ field, done: 0, total: 0 })),
    );
    expect(progress.filter((step) => step.field === 'mail_messages.body').at(-1)).toEqual({
      field: 'mail_messages.body',
      done: bodies.k2,
      total: bodies.k2,
    });
    expect(await keyIdsOfSealedFields(ctx.db)).toEqual(allUnder('k3', totals));
    expect(await rotateKeys(ctx.db, personal)).toBe(0);
  });

  it('when only k3 remains configured after the rotation, then everything still opens through the API', async () => {
    await restartWithKeys(keys.k3);

    const order = await get(`/api/orders/${orderId}`, shopper);
    const adminOrder = await get(`/api/admin/orders/${orderId}`, admin);
    const search = await get(`/api/admin/orders?q=${encodeURIComponent(shopper.email)}`, admin);
    const me = await get('/api/auth/me', shopper);
    const message = await get(`/api/admin/outbox/${confirmationId}`, admin);
    const sessions = await get('/api/auth/sessions', shopper);

    expect(order.status).toBe(200);
    expect(order.body.shippingAddress).toEqual(ADDRESS);
    expect(adminOrder.body).toMatchObject({ email: shopper.email, customerName: ADDRESS.name });
    expect(search.body.items.map((item: { id: string }) => item.id)).toEqual([orderId]);
    expect(me.body.name).toBe('Ada Rotation Lovelace');
    expect(message.status).toBe(200);
    expect(message.body).toMatchObject({ to: shopper.email, tag: 'order.confirmation' });
    expect(message.body.text).toContain(orderNumber);
    expect(message.body.html).toContain(orderNumber);
    expect(sessions.body.items.find((session: { isCurrent: boolean }) => session.isCurrent)).toMatchObject({
      userAgent: 'Rotation Browser/1.0',
      ip: '127.0.0.1',
    });
  });

  it('when an instance with a worker starts under a new active key, then the daily rotation job is scheduled and re-seals everything under that key', async () => {
    const k4 = `k4:${newKey()}`;
    await closeKeepingDatabase(ctx);
    // With its worker (the default), unlike the restarts above.
    ctx = await startTestApp({
      MONGODB_URI: mongoUri,
      JWT_SECRET: jwtSecret,
      DATA_ENCRYPTION_KEYS: `${k4},${keys.k3}`,
    });
    const connection = new Redis(ctx.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = new Queue('mercato', { connection, prefix: `${ctx.config.REDIS_KEY_PREFIX}bull` });
    try {
      await expect.poll(async () => (await queue.getJobScheduler(ROTATE_KEYS_JOB))?.every).toBe(24 * 60 * 60 * 1000);
      await expect.poll(() => keyIdsOfSealedFields(ctx.db)).toEqual(allUnder('k4', totals));
    } finally {
      await queue.close();
      connection.disconnect();
    }
    expect((await get(`/api/orders/${orderId}`, shopper)).body.shippingAddress).toEqual(ADDRESS);
  });
});

describe('a new blind-index key', () => {
  let ctx: TestApp;
  afterAll(() => ctx.close());

  it('when BLIND_INDEX_KEY changes, then staff lookups miss until keys:rotate --reindex recomputes the indexes', async () => {
    const oldIndexKey = randomBytes(32).toString('hex');
    const newIndexKey = randomBytes(32).toString('hex');
    const jwtSecret = randomBytes(32).toString('hex');
    ctx = await startTestApp({ BLIND_INDEX_KEY: oldIndexKey, JWT_SECRET: jwtSecret });
    const admin = await signedInUser(ctx, { role: 'admin' });
    const email = `reindex-${randomBytes(4).toString('hex')}@example.com`;
    await request(ctx.url, 'POST', '/api/auth/signup', {
      body: { name: 'Hypatia Reindexed', email, password: 'reindex-password-1' },
    });
    const token = await latestMailToken(ctx, email, 'auth.verify-email');
    await request(ctx.url, 'POST', '/api/auth/verify-email', { body: { token } });
    const shopper = await login(ctx, email, 'reindex-password-1');
    const scarf = await createProduct(ctx, admin.accessToken, { name: 'Reindex Scarf', price: 1500 });
    await addToCart(ctx, shopper, scarf.id);
    const orderId = (await startCheckout(ctx, shopper)).body.orderId as string;
    const { MONGODB_URI: mongoUri, DATA_ENCRYPTION_KEYS: dataEncryptionKeys } = ctx.config;
    await closeKeepingDatabase(ctx);
    ctx = await startTestApp({
      MONGODB_URI: mongoUri,
      DATA_ENCRYPTION_KEYS: dataEncryptionKeys,
      BLIND_INDEX_KEY: newIndexKey,
      JWT_SECRET: jwtSecret,
      RUN_WORKER: 'false',
    });
    const lookups = async () => ({
      orders: (
        await request(ctx.url, 'GET', `/api/admin/orders?q=${encodeURIComponent(email)}`, { token: admin.accessToken })
      ).body.items,
      outbox: (
        await request(ctx.url, 'GET', `/api/admin/outbox?to=${encodeURIComponent(email)}`, { token: admin.accessToken })
      ).body.items,
      users: (await request(ctx.url, 'GET', '/api/admin/users?q=Hypatia', { token: admin.accessToken })).body.items,
    });
    const before = await lookups();
    expect(before).toEqual({ orders: [], outbox: [], users: [] });

    const reindexed = await runRotateKeysCli(
      { MONGODB_URI: mongoUri, DATA_ENCRYPTION_KEYS: dataEncryptionKeys, BLIND_INDEX_KEY: newIndexKey },
      ['--reindex'],
    );

    expect(reindexed.code, reindexed.output).toBe(0);
    expect(reindexed.stdout).toContain('Done: 0 value(s) re-sealed.');
    const progress = progressLines(reindexed.stdout);
    const orders = await ctx.db.collection('orders').countDocuments();
    const mail = await ctx.db.collection('mail_messages').countDocuments();
    const users = await ctx.db.collection('users').countDocuments();
    expect(progress.get('orders.emailIndex (reindex)')?.at(-1)).toBe(`${orders}/${orders}`);
    expect(progress.get('mail_messages.toIndex (reindex)')?.at(-1)).toBe(`${mail}/${mail}`);
    expect(progress.get('users.nameIndex (reindex)')?.at(-1)).toBe(`${users}/${users}`);
    const after = await lookups();
    expect(after.orders.map((order: { id: string }) => order.id)).toEqual([orderId]);
    expect(after.outbox.map((message: { tag: string }) => message.tag)).toEqual(['auth.verify-email']);
    expect(after.users.map((user: { email: string }) => user.email)).toEqual([email]);
  });
});
