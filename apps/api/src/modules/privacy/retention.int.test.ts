import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  latestMailToken,
  login,
  signedInUser,
  type SignedIn,
} from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import { ADDRESS, addToCart, startCheckout, waitForFulfilment } from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { latestMail, mailRepoOf } from '../../test-support/mail.test-support.js';
import { startSmtpListener, type SmtpListener } from '../../test-support/smtp.test-support.js';
import { RETENTION_JOB } from './plugin.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Short, distinct periods, so each kind is seen on both sides of its own limit. */
const DAYS = {
  MAIL_BODY_RETENTION_DAYS: 2,
  SESSION_RETENTION_DAYS: 4,
  UNPAID_ORDER_RETENTION_DAYS: 6,
  CART_RETENTION_DAYS: 8,
  NOTIFICATION_RETENTION_DAYS: 10,
  MAIL_LOG_RETENTION_DAYS: 12,
  AUDIT_RETENTION_DAYS: 14,
};
const SWEEP_INTERVAL_MS = 1_800_000;

let ctx: TestApp;
let admin: SignedIn;
let product: { id: string };
beforeAll(async () => {
  ctx = await startTestApp({
    ...Object.fromEntries(Object.entries(DAYS).map(([name, days]) => [name, String(days)])),
    // Longer than any day the tests run retention at, so a live session never simply expires on the way.
    REFRESH_TOKEN_TTL_DAYS: '60',
    RETENTION_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS),
  });
  admin = await signedInUser(ctx, { role: 'admin' });
  product = await createProduct(ctx, admin.accessToken, { name: 'Retention Lamp', price: 3000, stock: 100 });
});
afterAll(() => ctx.close());

/** Retention as of `days` (fractions allowed) from now. */
const retentionIn = (days: number) => ctx.app.privacy.runRetention(new Date(Date.now() + days * DAY_MS));
const get = (path: string, token: string) => request(ctx.url, 'GET', path, { token });

async function signUp(name: string) {
  const email = `retention-${randomBytes(4).toString('hex')}@example.com`;
  const response = await request(ctx.url, 'POST', '/api/auth/signup', {
    body: { name, email, password: 'retention-password-1' },
  });
  expect(response.status).toBe(202);
  return email;
}

async function paidOrder(shopper: SignedIn) {
  await addToCart(ctx, shopper, product.id);
  const started = await startCheckout(ctx, shopper);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await payHostedCheckout(started.body.checkoutUrl, { card: '4242 4242 4242 4242' });
  return waitForFulfilment(ctx, shopper, started.body.orderId);
}

describe('retention', () => {
  it('when an email-confirmation token has expired, then retention deletes it and its link no longer works', async () => {
    const email = await signUp('Token Holder');
    const user = await ctx.db.collection('users').findOne({ email });
    const tokensOfUser = () => ctx.db.collection('auth_tokens').countDocuments({ userId: user?._id });
    const token = await latestMailToken(ctx, email, 'auth.verify-email');
    expect(await tokensOfUser()).toBe(1);

    await retentionIn(23 / 24);
    expect(await tokensOfUser()).toBe(1);

    const report = await retentionIn(25 / 24);
    expect(report.tokens).toBeGreaterThanOrEqual(1);
    expect(await tokensOfUser()).toBe(0);
    const verify = await request(ctx.url, 'POST', '/api/auth/verify-email', { body: { token } });
    expect(verify.status).toBe(401);
  });

  it('when a session was signed out, then it is deleted only after SESSION_RETENTION_DAYS, and a live session is untouched', async () => {
    const user = await createUser(ctx);
    const phone = await login(ctx, user.email, user.password, 'phone');
    const laptop = await login(ctx, user.email, user.password, 'laptop');
    const logout = await request(ctx.url, 'POST', '/api/auth/logout', {
      headers: { cookie: `mercato_rt=${laptop.refreshCookie}`, origin: ctx.config.PUBLIC_URL },
    });
    expect(logout.status).toBe(204);
    const sessionsOf = async () =>
      (
        await ctx.db
          .collection('sessions')
          .find({ userId: new ObjectId(user.id) })
          .toArray()
      ).map((session) => (session.revokedAt ? 'revoked' : 'live'));
    expect((await sessionsOf()).sort()).toEqual(['live', 'revoked']);

    await retentionIn(DAYS.SESSION_RETENTION_DAYS - 1);
    expect((await sessionsOf()).sort()).toEqual(['live', 'revoked']);

    await retentionIn(DAYS.SESSION_RETENTION_DAYS + 1);
    expect(await sessionsOf()).toEqual(['live']);
    expect((await get('/api/auth/me', phone.accessToken)).status).toBe(200);
    const devices = await get('/api/auth/sessions', phone.accessToken);
    expect(devices.body.items.map((session: { userAgent: string }) => session.userAgent)).toEqual(['phone']);
  });

  it('when a cart is untouched for longer than CART_RETENTION_DAYS, then it is deleted; until then it stays', async () => {
    const shopper = await signedInUser(ctx);
    await addToCart(ctx, shopper, product.id, 2);
    const cartLines = async () => (await get('/api/cart', shopper.accessToken)).body.lines as unknown[];

    await retentionIn(DAYS.CART_RETENTION_DAYS - 1);
    expect(await cartLines()).toHaveLength(1);

    await retentionIn(DAYS.CART_RETENTION_DAYS + 1);
    expect(await ctx.db.collection('carts').countDocuments({ userId: new ObjectId(shopper.userId) })).toBe(0);
    expect(await cartLines()).toEqual([]);
  });

  it('when emails age, then their bodies are purged after MAIL_BODY_RETENTION_DAYS and the log entry after MAIL_LOG_RETENTION_DAYS', async () => {
    const email = await signUp('Mail Reader');
    const id = (await latestMail(ctx, email, 'auth.verify-email'))?._id.toHexString();
    const message = () => get(`/api/admin/outbox/${id}`, admin.accessToken);
    const listed = async () =>
      (await get(`/api/admin/outbox?to=${encodeURIComponent(email)}`, admin.accessToken)).body.items as unknown[];
    const fresh = await message();
    expect(fresh.body.text).toMatch(/token=/);
    const logEntry = { id, to: email, subject: fresh.body.subject, tag: 'auth.verify-email', status: 'stored' };

    await retentionIn(DAYS.MAIL_BODY_RETENTION_DAYS - 1);
    expect((await message()).body.text).toMatch(/token=/);

    await retentionIn(DAYS.MAIL_BODY_RETENTION_DAYS + 1);
    const purged = await message();
    expect(purged.body).toMatchObject({ ...logEntry, text: null, html: null });
    expect(await ctx.db.collection('mail_messages').findOne({ _id: new ObjectId(id) })).not.toHaveProperty('body');

    await retentionIn(DAYS.MAIL_LOG_RETENTION_DAYS - 1);
    expect(await listed()).toEqual([expect.objectContaining(logEntry)]);

    await retentionIn(DAYS.MAIL_LOG_RETENTION_DAYS + 1);
    expect((await message()).status).toBe(404);
    expect(await listed()).toEqual([]);
  });

  it('when notifications and audit entries outlive their periods, then they are deleted; until then they stay', async () => {
    const shopper = await signedInUser(ctx);
    await paidOrder(shopper);
    const notifications = async () => (await get('/api/notifications', shopper.accessToken)).body.items as unknown[];
    const lamp = await createProduct(ctx, admin.accessToken, { name: 'Audited Lamp' });
    const auditEntries = async () =>
      (await get(`/api/admin/audit?entityType=product&entityId=${lamp.id}`, admin.accessToken)).body.items as unknown[];
    expect(await notifications()).toHaveLength(1);
    expect(await auditEntries()).toHaveLength(1);

    await retentionIn(DAYS.NOTIFICATION_RETENTION_DAYS - 1);
    expect(await notifications()).toHaveLength(1);

    await retentionIn(DAYS.NOTIFICATION_RETENTION_DAYS + 1);
    expect(await notifications()).toEqual([]);
    expect(await auditEntries()).toHaveLength(1);

    await retentionIn(DAYS.AUDIT_RETENTION_DAYS - 1);
    expect(await auditEntries()).toHaveLength(1);

    await retentionIn(DAYS.AUDIT_RETENTION_DAYS + 1);
    expect(await auditEntries()).toEqual([]);
  });

  it('when a checkout ended unpaid longer than UNPAID_ORDER_RETENTION_DAYS ago, then the order is anonymised with its amounts kept, and a paid order is untouched', async () => {
    const shopper = await signedInUser(ctx);
    const paid = await paidOrder(shopper);
    await addToCart(ctx, shopper, product.id, 3);
    const abandoned = await startCheckout(ctx, shopper);
    const cancelled = await request(ctx.url, 'POST', `/api/checkout/${abandoned.body.orderId}/cancel`, {
      token: shopper.accessToken,
      body: {},
    });
    expect(cancelled.body.status).toBe('cancelled');
    const adminView = async (id: string) => (await get(`/api/admin/orders/${id}`, admin.accessToken)).body;
    const search = async () =>
      (await get(`/api/admin/orders?q=${encodeURIComponent(shopper.email)}`, admin.accessToken)).body.items.map(
        (order: { id: string }) => order.id,
      );
    const paidBefore = await adminView(paid.id);
    const cancelledBefore = await adminView(abandoned.body.orderId);
    expect(cancelledBefore).toMatchObject({ customerName: ADDRESS.name, email: shopper.email });

    const early = await retentionIn(DAYS.UNPAID_ORDER_RETENTION_DAYS - 1);
    expect(early.unpaidOrders).toBe(0);
    expect(await adminView(abandoned.body.orderId)).toEqual(cancelledBefore);

    const late = await retentionIn(DAYS.UNPAID_ORDER_RETENTION_DAYS + 1);
    expect(late.unpaidOrders).toBe(1);
    const anonymised = await adminView(abandoned.body.orderId);
    expect(anonymised).toMatchObject({
      customerName: 'Erased customer',
      email: 'erased@invalid',
      shippingAddress: { name: 'Erased customer', line1: 'Erased', country: ADDRESS.country },
    });
    const amounts = ({ subtotal, discount, shipping, total, lines, status, number }: Record<string, unknown>) => ({
      subtotal,
      discount,
      shipping,
      total,
      lines,
      status,
      number,
    });
    expect(amounts(anonymised)).toEqual(amounts(cancelledBefore));
    expect(JSON.stringify(anonymised)).not.toMatch(/Lovelace|Analytical|NW1/);
    expect(await adminView(paid.id)).toEqual(paidBefore);
    expect(await search()).toEqual([paid.id]);
    expect((await retentionIn(DAYS.UNPAID_ORDER_RETENTION_DAYS + 1)).unpaidOrders).toBe(0);
  });

  it('when the app runs, then retention is scheduled on the job queue at RETENTION_SWEEP_INTERVAL_MS', async () => {
    const connection = new Redis(ctx.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = new Queue('mercato', { connection, prefix: `${ctx.config.REDIS_KEY_PREFIX}bull` });
    try {
      await expect.poll(async () => (await queue.getJobScheduler(RETENTION_JOB))?.every).toBe(SWEEP_INTERVAL_MS);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});

describe('retention of delivered email', () => {
  let smtp: SmtpListener;
  let shop: TestApp;
  let staff: SignedIn;
  beforeAll(async () => {
    // The production path: an SMTP server, so messages go queued → sent and carry the time of delivery.
    smtp = await startSmtpListener();
    shop = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_BODY_RETENTION_DAYS: String(DAYS.MAIL_BODY_RETENTION_DAYS),
      MAIL_LOG_RETENTION_DAYS: String(DAYS.MAIL_LOG_RETENTION_DAYS),
    });
    staff = await signedInUser(shop, { role: 'admin' });
  });
  afterAll(async () => {
    await shop?.close();
    await smtp?.close();
  });

  it('when an email was delivered, then its body is purged MAIL_BODY_RETENTION_DAYS after sentAt with the log entry kept, and a queued email keeps its body', async () => {
    const email = `delivered-${randomBytes(4).toString('hex')}@example.com`;
    const sentId = new ObjectId(
      (await shop.app.mailer.send({
        to: email,
        subject: 'Your order has shipped',
        text: 'Delivering to 12 Analytical Street',
        html: '<p>Delivering to 12 Analytical Street</p>',
        tag: 'test.delivered',
      })) ?? '',
    );
    await expect.poll(async () => (await mailRepoOf(shop).findById(sentId))?.status).toBe('sent');
    const messages = shop.db.collection('mail_messages');
    const sentAt = (await messages.findOne({ _id: sentId }))?.sentAt as Date;
    // It waited a day in the queue (an SMTP outage, say): the period runs from delivery, not from creation.
    await messages.updateOne({ _id: sentId }, { $set: { createdAt: new Date(sentAt.getTime() - DAY_MS) } });
    // Recorded, its delivery job not run yet: purging its body would make that job fail it.
    const queuedId = await mailRepoOf(shop).insert({
      to: email,
      subject: 'Still waiting',
      text: 'Waiting for 12 Analytical Street',
      html: '<p>Waiting</p>',
      tag: 'test.queued',
      status: 'queued',
      attempts: 0,
      createdAt: new Date(sentAt.getTime() - 30 * DAY_MS),
    });
    const view = (id: ObjectId | null) =>
      request(shop.url, 'GET', `/api/admin/outbox/${id?.toHexString()}`, { token: staff.accessToken });
    const retentionAt = (ms: number) => shop.app.privacy.runRetention(new Date(sentAt.getTime() + ms));
    const limit = DAYS.MAIL_BODY_RETENTION_DAYS * DAY_MS;

    await retentionAt(limit - HOUR_MS);
    expect((await view(sentId)).body.text).toBe('Delivering to 12 Analytical Street');

    const purged = await retentionAt(limit + HOUR_MS);
    expect(purged.mailBodies).toBe(1);
    expect((await view(sentId)).body).toMatchObject({
      to: email,
      subject: 'Your order has shipped',
      tag: 'test.delivered',
      status: 'sent',
      text: null,
      html: null,
    });
    const stored = await messages.findOne({ _id: sentId });
    expect(stored).not.toHaveProperty('body');
    expect(stored?.sentAt).toEqual(sentAt);

    await retentionAt((DAYS.MAIL_LOG_RETENTION_DAYS + 30) * DAY_MS);
    expect((await view(queuedId)).body).toMatchObject({ status: 'queued', text: 'Waiting for 12 Analytical Street' });
  });
});
