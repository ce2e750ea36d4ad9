import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { randomBytes } from 'node:crypto';
import { ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../lib/migrations.js';
import { createPersonalData } from '../../lib/personal-data.js';
import { createAccessTokens } from '../auth/access-token.js';
import { hashPassword } from '../auth/passwords.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { ADDRESS, addToCart, startCheckout, waitForFulfilment } from '../../test-support/checkout.test-support.js';
import { closeKeepingDatabase, request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { latestMail } from '../../test-support/mail.test-support.js';
import { sealPersonalFieldsMigration } from './migrate.js';
import { rotateKeys } from './rotate-keys.js';

const MIGRATION_ID = '2026-12-privacy-seal-personal-fields';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A customer as the previous version stored them: everything in clear (the values the migration must hide). */
const LEGACY = {
  email: `legacy-${randomBytes(4).toString('hex')}@example.com`,
  password: 'legacy-password-1',
  name: 'Grace Brewster Hopper',
  userAgent: 'Legacy Browser/9.1 (Oldtimer OS)',
  ip: '203.0.113.77',
  address: {
    name: 'Grace Brewster Hopper',
    line1: '7 Cobol Crescent',
    line2: '',
    city: 'Arlington',
    postalCode: 'VA 22201',
    country: 'US',
    phone: '+1 703 555 0199',
  },
  mailText: 'Hello Grace, your parcel to 7 Cobol Crescent is on its way.',
  mailHtml: '<p>Hello Grace, your parcel to <b>7 Cobol Crescent</b> is on its way.</p>',
};
const PLAINTEXTS = [
  LEGACY.email,
  'Brewster',
  LEGACY.userAgent,
  LEGACY.ip,
  'Cobol Crescent',
  'Arlington',
  LEGACY.address.phone,
  'Hello Grace',
];

describe('sealing what the previous version stored in clear', () => {
  const jwtSecret = randomBytes(32).toString('hex');
  let previous: TestApp;
  let ctx: TestApp | undefined;
  let admin: SignedIn;
  const ids = { user: new ObjectId(), session: new ObjectId(), order: new ObjectId(), mail: new ObjectId() };
  const shop = () => {
    if (!ctx) throw new Error('the new version has not started');
    return ctx;
  };
  const get = (path: string, token: string) => request(shop().url, 'GET', path, { token });
  /** The four documents the previous version wrote, as stored now. */
  const storedLegacyDocuments = async () => ({
    user: await shop().db.collection('users').findOne({ _id: ids.user }),
    session: await shop().db.collection('sessions').findOne({ _id: ids.session }),
    order: await shop().db.collection('orders').findOne({ _id: ids.order }),
    mail: await shop().db.collection('mail_messages').findOne({ _id: ids.mail }),
  });
  const migrateAgain = async () => {
    await shop()
      .db.collection(MIGRATIONS)
      .deleteOne({ _id: MIGRATION_ID } as Document);
    return runMigrations(shop().db, [sealPersonalFieldsMigration(createPersonalData(shop().config))], shop().app.log);
  };

  beforeAll(async () => {
    previous = await startTestApp({ JWT_SECRET: jwtSecret });
    admin = await signedInUser(previous, { role: 'admin' });
  });
  afterAll(() => (ctx ?? previous).close());

  it('when the new version starts on the previous version’s data, then it seals every personal field, records the migration and serves the data as before', async () => {
    const now = new Date();
    const personal = createPersonalData(previous.config);
    await previous.db.collection('users').insertOne({
      _id: ids.user,
      email: LEGACY.email,
      name: LEGACY.name,
      passwordHash: await hashPassword(LEGACY.password, previous.config.BCRYPT_COST),
      role: 'customer',
      status: 'active',
      createdAt: now,
      updatedAt: now,
      verifiedAt: now,
    });
    await previous.db.collection('sessions').insertOne({
      _id: ids.session,
      userId: ids.user,
      tokenHash: `legacy-${randomBytes(8).toString('hex')}`,
      usedTokenHashes: [],
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + 7 * DAY_MS),
      userAgent: LEGACY.userAgent,
      ip: LEGACY.ip,
    });
    const paidAt = new Date(now.getTime() - 40 * DAY_MS);
    await previous.db.collection('orders').insertOne({
      _id: ids.order,
      number: 'M-900001',
      userId: ids.user,
      email: LEGACY.email,
      customerName: LEGACY.name,
      status: 'delivered',
      lines: [
        {
          productId: new ObjectId(),
          slug: 'legacy-lamp',
          name: 'Legacy Lamp',
          imageSrc: null,
          categoryId: null,
          unitPrice: 4000,
          quantity: 1,
          lineTotal: 4000,
          discount: 0,
        },
      ],
      currency: previous.config.STORE_CURRENCY,
      subtotal: 4000,
      discount: 0,
      shipping: 500,
      total: 4500,
      coupon: null,
      // The address was already sealed before; only the contact was in clear.
      shippingAddress: personal.sealJson(LEGACY.address, `order.shippingAddress:${ids.order.toHexString()}`),
      shippingCountry: LEGACY.address.country,
      stockState: 'committed',
      payment: {
        checkoutSessionId: 'cs_test_legacy',
        checkoutUrl: null,
        paymentIntentId: 'pi_legacy',
        amountPaid: 4500,
        amountRefunded: 0,
      },
      refunds: [],
      timeline: [{ at: paidAt, status: 'paid', note: 'Payment received', actor: 'stripe' }],
      effects: { cart: true, loyalty: true, email: true, notification: true },
      cartFingerprint: 'legacy',
      expiresAt: paidAt,
      createdAt: paidAt,
      updatedAt: paidAt,
      paidAt,
    });
    await previous.db.collection('mail_messages').insertOne({
      _id: ids.mail,
      to: LEGACY.email,
      subject: 'Order M-900001 has shipped',
      text: LEGACY.mailText,
      html: LEGACY.mailHtml,
      tag: 'order.shipped',
      status: 'stored',
      attempts: 0,
      createdAt: now,
    });
    // The previous version had no migrations.
    await previous.db.collection(MIGRATIONS).deleteMany({});
    const { MONGODB_URI, DATA_ENCRYPTION_KEYS } = previous.config;
    await closeKeepingDatabase(previous);

    ctx = await startTestApp({ MONGODB_URI, DATA_ENCRYPTION_KEYS, JWT_SECRET: jwtSecret });

    const stored = await storedLegacyDocuments();
    // The account's email stays in clear by design (it is the sign-in identifier); nothing else does.
    const { user: account, ...rest } = stored;
    for (const plaintext of PLAINTEXTS) expect(JSON.stringify(rest)).not.toContain(plaintext);
    expect(JSON.stringify(account)).not.toMatch(/Grace|Brewster|Hopper/);
    expect(stored.user).toMatchObject({ email: LEGACY.email, name: expect.stringMatching(/^v1\.k1\./) });
    expect(stored.session).toMatchObject({ device: expect.stringMatching(/^v1\.k1\./) });
    expect(stored.order).toMatchObject({
      customer: expect.stringMatching(/^v1\.k1\./),
      emailIndex: expect.any(String),
    });
    expect(stored.mail).toMatchObject({ to: expect.stringMatching(/^v1\.k1\./), body: expect.stringMatching(/^v1\./) });
    expect(await ctx.db.collection(MIGRATIONS).findOne({ _id: MIGRATION_ID } as Document)).toMatchObject({
      ranAt: expect.any(Date),
      result: { orders: 1, sessions: 1, mail: 1, users: 1 },
    });

    const adminOrder = await get(`/api/admin/orders/${ids.order.toHexString()}`, admin.accessToken);
    expect(adminOrder.body).toMatchObject({
      email: LEGACY.email,
      customerName: LEGACY.name,
      shippingAddress: LEGACY.address,
      total: 4500,
    });
    const orderSearch = await get(`/api/admin/orders?q=${encodeURIComponent(LEGACY.email)}`, admin.accessToken);
    expect(orderSearch.body.items).toEqual([
      expect.objectContaining({ id: ids.order.toHexString(), email: LEGACY.email }),
    ]);
    const outbox = await get(`/api/admin/outbox?to=${encodeURIComponent(LEGACY.email)}`, admin.accessToken);
    expect(outbox.body.items).toEqual([
      expect.objectContaining({ id: ids.mail.toHexString(), to: LEGACY.email, subject: 'Order M-900001 has shipped' }),
    ]);
    const message = await get(`/api/admin/outbox/${ids.mail.toHexString()}`, admin.accessToken);
    expect(message.body).toMatchObject({ text: LEGACY.mailText, html: LEGACY.mailHtml });
    const userSearch = await get('/api/admin/users?q=Brewster', admin.accessToken);
    expect(userSearch.body.items.map((user: { email: string }) => user.email)).toEqual([LEGACY.email]);

    // The customer is still signed in on the session the previous version opened.
    const legacyToken = await createAccessTokens(jwtSecret, ctx.config.ACCESS_TOKEN_TTL_SECONDS).sign({
      userId: ids.user.toHexString(),
      role: 'customer',
      sessionId: ids.session.toHexString(),
    });
    expect((await get('/api/auth/me', legacyToken)).body).toMatchObject({ email: LEGACY.email, name: LEGACY.name });
    expect((await get('/api/auth/sessions', legacyToken)).body.items).toEqual([
      expect.objectContaining({
        id: ids.session.toHexString(),
        userAgent: LEGACY.userAgent,
        ip: LEGACY.ip,
        isCurrent: true,
      }),
    ]);
    const signIn = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: LEGACY.email, password: LEGACY.password },
    });
    expect(signIn.body.user).toMatchObject({ name: LEGACY.name });
  });

  it('when the migration runs again, then it rewrites nothing and records zero counts', async () => {
    const before = await storedLegacyDocuments();

    const skipped = await runMigrations(
      shop().db,
      [sealPersonalFieldsMigration(createPersonalData(shop().config))],
      shop().app.log,
    );
    const ran = await migrateAgain();

    expect(skipped).toEqual([]);
    expect(ran).toEqual([MIGRATION_ID]);
    expect(
      await shop()
        .db.collection(MIGRATIONS)
        .findOne({ _id: MIGRATION_ID } as Document),
    ).toMatchObject({
      result: { orders: 0, sessions: 0, mail: 0, users: 0 },
    });
    expect(await storedLegacyDocuments()).toEqual(before);
  });

  it('when keys:rotate reached the previous version’s data before the migration, then the migration still leaves every value sealed once', async () => {
    const ctx = shop();
    const personal = createPersonalData(ctx.config);
    const email = `rotated-first-${randomBytes(4).toString('hex')}@example.com`;
    const userId = new ObjectId();
    const mailId = new ObjectId();
    const now = new Date();
    await ctx.db.collection('users').insertOne({
      _id: userId,
      email,
      name: 'Katherine Rotated Johnson',
      passwordHash: 'unused',
      role: 'customer',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.collection('mail_messages').insertOne({
      _id: mailId,
      to: email,
      subject: 'Welcome',
      text: 'Welcome, Katherine',
      html: '<p>Welcome, Katherine</p>',
      tag: 'test.legacy',
      status: 'stored',
      attempts: 0,
      createdAt: now,
    });
    // Rotation re-seals anything not under the active key, plaintext included: here the name and the recipient.
    expect(await rotateKeys(ctx.db, personal)).toBe(2);

    await migrateAgain();

    const message = await get(`/api/admin/outbox/${mailId.toHexString()}`, admin.accessToken);
    expect(message.body).toMatchObject({ to: email, text: 'Welcome, Katherine' });
    const outbox = await get(`/api/admin/outbox?to=${encodeURIComponent(email)}`, admin.accessToken);
    expect(outbox.body.items.map((item: { id: string }) => item.id)).toEqual([mailId.toHexString()]);
    const users = await get('/api/admin/users?q=Katherine', admin.accessToken);
    expect(users.body.items).toEqual([expect.objectContaining({ email, name: 'Katherine Rotated Johnson' })]);
  });

  it('when an order paid before the upgrade is migrated, then staff can still refund it and sales analytics count it', async () => {
    const ctx = shop();
    const shopper = await signedInUser(ctx);
    const vase = await createProduct(ctx, admin.accessToken, { name: 'Upgrade Vase', price: 6000, stock: 3 });
    await addToCart(ctx, shopper, vase.id);
    const started = await startCheckout(ctx, shopper);
    await payHostedCheckout(started.body.checkoutUrl, { card: '4242 4242 4242 4242' });
    const paid = await waitForFulfilment(ctx, shopper, started.body.orderId);
    const orderId = new ObjectId(paid.id as string);
    // Back to the shape the previous version wrote for it: contact in clear, no blind index.
    await ctx.db
      .collection('orders')
      .updateOne(
        { _id: orderId },
        { $set: { email: shopper.email, customerName: ADDRESS.name }, $unset: { customer: '', emailIndex: '' } },
      );
    expect(await migrateAgain()).toEqual([MIGRATION_ID]);
    expect((await ctx.db.collection(MIGRATIONS).findOne({ _id: MIGRATION_ID } as Document))?.result).toMatchObject({
      orders: 1,
    });

    const refund = await request(ctx.url, 'POST', `/api/admin/orders/${paid.id}/refunds`, {
      token: admin.accessToken,
      body: { amount: 1000, reason: 'Chipped', idempotencyKey: 'legacy-order-refund-1' },
    });
    const from = new Date(Date.now() - DAY_MS).toISOString();
    const to = new Date(Date.now() + DAY_MS).toISOString();
    const sales = await get(`/api/admin/analytics/sales?from=${from}&to=${to}`, admin.accessToken);

    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body).toMatchObject({
      status: 'partially_refunded',
      amountRefunded: 1000,
      email: shopper.email,
      customerName: ADDRESS.name,
      shippingAddress: ADDRESS,
    });
    expect((await latestMail(ctx, shopper.email, 'order.refunded'))?.text).toContain(paid.number);
    expect(sales.body).toMatchObject({ revenue: paid.total - 1000, orders: 1, customers: 1 });
  });
});
