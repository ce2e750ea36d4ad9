import { startEmbeddedMongo, type EmbeddedMongo } from '@mercato/embedded-mongo';
import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMailToken, login, signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct, pngImage, uploadImage } from '../../test-support/catalog.test-support.js';
import { addToCart, startCheckout, waitForFulfilment } from '../../test-support/checkout.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { countMail, mailRepoOf } from '../../test-support/mail.test-support.js';
import { SEALED_FIELDS } from './sealed-fields.js';

/**
 * The promise behind "nothing personal in plaintext at rest", checked the way an attacker with the disk would: every
 * byte of every file in the engine's data directory, after a signup, a password reset, an order with a refund and
 * the emails they send; then again after the person erased their account and the engine compacted.
 */
const suffix = randomBytes(4).toString('hex');
const PERSON = {
  name: 'Zephyrine Quillfeather',
  email: `zephyrine.${suffix}@example.org`,
  street: '742 Xylophonic Boulevard',
  city: 'Quibbleton',
  phone: '+44 7911 582046',
  userAgent: 'ZephyrBrowser/9.9 (Quillfeather edition)',
};
/** What must never be readable in the files, before or after erasure. */
const SECRETS = ['Zephyrine', 'Quillfeather', 'Xylophonic', 'Quibbleton', '7911 582046', 'ZephyrBrowser'];

let dir: string;
let engine: EmbeddedMongo;
let ctx: TestApp;
let admin: SignedIn;
let shopper: SignedIn;
let orderNumber: string;

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? filesUnder(join(path, entry.name)) : Promise.resolve([join(path, entry.name)]),
    ),
  );
  return nested.flat();
}

/** Which of `needles` occur anywhere in the data directory's bytes (UTF-8, as BSON stores strings). */
async function foundOnDisk(needles: string[]): Promise<string[]> {
  const contents = await Promise.all((await filesUnder(dir)).map((file) => readFile(file)));
  return needles.filter((needle) => contents.some((bytes) => bytes.includes(Buffer.from(needle, 'utf8'))));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mercato-at-rest-'));
  engine = await startEmbeddedMongo({ dbPath: dir });
  ctx = await startTestApp({ MONGODB_URI: `${engine.uri}/shop`, LOYALTY_THRESHOLD: '20000' });
  admin = await signedInUser(ctx, { role: 'admin' });
});

/** The shopper's whole life in the shop, through HTTP: every kind of record that can hold their data. */
async function arrangeShopper(): Promise<void> {
  const headers = { 'user-agent': PERSON.userAgent };

  const signup = await request(ctx.url, 'POST', '/api/auth/signup', {
    body: { name: PERSON.name, email: PERSON.email, password: 'first-password-1', marketingOptIn: true },
    headers,
  });
  expect(signup.status).toBe(202);
  const verify = await latestMailToken(ctx, PERSON.email, 'auth.verify-email');
  expect((await request(ctx.url, 'POST', '/api/auth/verify-email', { body: { token: verify } })).status).toBe(200);
  await request(ctx.url, 'POST', '/api/auth/password/forgot', { body: { email: PERSON.email } });
  await expect.poll(() => countMail(ctx, PERSON.email, 'auth.reset-password')).toBe(1);
  const reset = await latestMailToken(ctx, PERSON.email, 'auth.reset-password');
  const resetDone = await request(ctx.url, 'POST', '/api/auth/password/reset', {
    body: { token: reset, password: 'second-password-2' },
  });
  expect(resetDone.status).toBe(204);
  shopper = await login(ctx, PERSON.email, 'second-password-2', PERSON.userAgent);

  const product = await createProduct(ctx, admin.accessToken, { name: 'At-Rest Armchair', price: 25_000, stock: 3 });
  expect((await uploadImage(ctx, admin.accessToken, await pngImage(64, 64))).status).toBe(201);
  await addToCart(ctx, shopper, product.id, 1);
  const started = await startCheckout(ctx, shopper, {
    name: PERSON.name,
    line1: PERSON.street,
    line2: '',
    city: PERSON.city,
    postalCode: 'QB1 2ZZ',
    country: 'GB',
    phone: PERSON.phone,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await payHostedCheckout(started.body.checkoutUrl, { card: '4242 4242 4242 4242' });
  const order = await waitForFulfilment(ctx, shopper, started.body.orderId);
  orderNumber = order.number;
  const refund = await request(ctx.url, 'POST', `/api/admin/orders/${order.id}/refunds`, {
    token: admin.accessToken,
    body: { amount: 1_000, reason: 'scratched leg', idempotencyKey: `at-rest-${suffix}` },
  });
  expect(refund.status).toBe(200);
  await expect.poll(() => countMail(ctx, PERSON.email, 'order.refunded')).toBe(1);
  expect(await countMail(ctx, PERSON.email, 'order.confirmation')).toBe(1);
  expect(await countMail(ctx, PERSON.email, 'coupon.loyalty')).toBe(1);
}

afterAll(async () => {
  await engine?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('personal data at rest', () => {
  it('when a shopper signs up, resets a password, orders and is refunded, then no file of the database holds their name, address, phone or device', async () => {
    await arrangeShopper();
    expect(await foundOnDisk(SECRETS)).toEqual([]);
    // The search itself works: what docs/privacy.md keeps in clear (the login email, with its reason) and plain
    // catalogue data are found.
    expect(await foundOnDisk([PERSON.email, 'At-Rest Armchair', orderNumber])).toEqual([
      PERSON.email,
      'At-Rest Armchair',
      orderNumber,
    ]);
  });

  it('when docs/privacy.md is compared with the database, then it names every collection and every sealed field', async () => {
    const inventory = await readFile(new URL('../../../../../docs/privacy.md', import.meta.url), 'utf8');
    const collections = (await ctx.db.listCollections({}, { nameOnly: true }).toArray()).map((info) => info.name);
    expect(collections.length).toBeGreaterThan(15);
    const unlisted = collections.filter((name) => !inventory.includes(`\`${name}\``));
    expect(unlisted, 'collections docs/privacy.md does not mention').toEqual([]);
    const sealed = SEALED_FIELDS.map(({ collection, field }) => `${collection}.${field}`);
    expect(sealed.filter((field) => !inventory.includes(`\`${field}\``))).toEqual([]);
  });

  it('when the shopper erases their account and the engine compacts, then not a byte of their name, address, phone or email remains, and the order does', async () => {
    // Recipients and bodies are sealed, so the byte search below cannot see a message left behind: check by id.
    const messages = await mailRepoOf(ctx).listTo(PERSON.email);
    expect(messages.map((message) => message.tag).sort()).toEqual([
      'auth.password-changed',
      'auth.reset-password',
      'auth.verify-email',
      'coupon.loyalty',
      'order.confirmation',
      'order.refunded',
    ]);
    const erased = await request(ctx.url, 'POST', '/api/account/erase', {
      token: shopper.accessToken,
      body: { password: 'second-password-2' },
    });
    expect(erased.status).toBe(200);
    const left = await ctx.db
      .collection('mail_messages')
      .find({ _id: { $in: messages.map((message) => message._id) } })
      .toArray();
    expect(left).toEqual([]);
    await closeKeepingDatabase(ctx);
    await engine.stop();
    // Opening a data directory replays the journal and compacts it into a fresh snapshot.
    engine = await startEmbeddedMongo({ dbPath: dir });
    await engine.stop();

    expect(await foundOnDisk([...SECRETS, PERSON.email])).toEqual([]);
    expect(await foundOnDisk([orderNumber, 'At-Rest Armchair'])).toEqual([orderNumber, 'At-Rest Armchair']);
  });
});
