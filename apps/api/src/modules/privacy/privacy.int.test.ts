import { payHostedCheckout } from '@mercato/payment-sandbox/testing';
import { randomBytes } from 'node:crypto';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalData } from '../../lib/personal-data.js';
import { createUser, login, signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createProduct } from '../../test-support/catalog.test-support.js';
import {
  addToCart,
  ADDRESS,
  startCheckout,
  waitForFulfilment,
  type Shop,
} from '../../test-support/checkout.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { countMail, latestMail } from '../../test-support/mail.test-support.js';
import { unsubscribeUrl } from './consent.js';
import { eraseUser } from './erase.js';

const SYSTEM = { id: 'system', email: 'system' };

let ctx: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  ctx = await startTestApp({ LOYALTY_THRESHOLD: '20000' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

/** A paid order through the real checkout and payment sandbox. */
async function paidOrder(shop: Shop & Pick<TestApp, 'url'>, shopper: SignedIn, price = 2_500, address = ADDRESS) {
  const product = await createProduct(ctx, admin.accessToken, {
    name: `Privacy Lamp ${randomBytes(3).toString('hex')}`,
    price,
    stock: 5,
  });
  await addToCart(shop, shopper, product.id, 1);
  const started = await startCheckout(shop, shopper, address);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await payHostedCheckout(started.body.checkoutUrl, { card: '4242 4242 4242 4242' });
  return waitForFulfilment(shop, shopper, started.body.orderId);
}

const sales = async () =>
  (
    await request(
      ctx.url,
      'GET',
      `/api/admin/analytics/sales?from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 86_400_000).toISOString()}`,
      { token: admin.accessToken },
    )
  ).body;

describe('data export', () => {
  it('when a shopper downloads their data, then they get one file with everything about them and nothing about anyone else', async () => {
    const shopper = await signedInUser(ctx);
    const other = await signedInUser(ctx);
    // Both over LOYALTY_THRESHOLD, so each has a personal coupon: the shopper's must be there, the other's not.
    const order = await paidOrder(ctx, shopper, 25_000);
    await paidOrder(ctx, other, 25_000, { ...ADDRESS, name: 'Someone Else', line1: '1 Other Road' });
    const couponCodes = async (who: SignedIn) =>
      (await request(ctx.url, 'GET', '/api/account/coupons', { token: who.accessToken })).body.items.map(
        (coupon: { code: string }) => coupon.code,
      ) as string[];
    const [ownCoupon] = await couponCodes(shopper);
    const [otherCoupon] = await couponCodes(other);
    expect(ownCoupon).toEqual(expect.any(String));
    expect(otherCoupon).toEqual(expect.any(String));
    const refund = await request(ctx.url, 'POST', `/api/admin/orders/${order.id}/refunds`, {
      token: admin.accessToken,
      body: { amount: 1_500, reason: 'Lamp shade dented', idempotencyKey: `export-${order.id}` },
    });
    expect(refund.status).toBe(200);
    await addToCart(ctx, shopper, order.lines[0].productId, 2);
    await request(ctx.url, 'PUT', '/api/account/marketing', { token: shopper.accessToken, body: { optedIn: true } });

    const response = await request(ctx.url, 'GET', '/api/account/export', { token: shopper.accessToken });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="mercato-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = response.body;
    expect(data.format).toBe('mercato.account-export.v1');
    expect(data.profile).toMatchObject({ id: shopper.userId, email: shopper.email, marketingOptIn: true });
    expect(data.orders).toHaveLength(1);
    expect(data.orders[0]).toMatchObject({
      number: order.number,
      email: shopper.email,
      customerName: ADDRESS.name,
      shippingAddress: ADDRESS,
      total: order.total,
      amountPaid: order.total,
    });
    expect(data.orders[0].timeline.map((entry: { status: string }) => entry.status)).toContain('paid');
    expect(data.orders[0].refunds).toEqual([
      { amount: 1_500, reason: 'Lamp shade dented', createdAt: expect.any(String) },
    ]);
    expect(data.personalCoupons).toEqual([expect.objectContaining({ code: ownCoupon, redeemed: false })]);
    expect(data.cart.items).toEqual([{ name: order.lines[0].name, quantity: 2 }]);
    expect(data.sessions[0]).toMatchObject({ userAgent: 'vitest', ip: '127.0.0.1' });
    expect(data.notifications.map((entry: { title: string }) => entry.title)).toContain(
      `Order ${order.number} confirmed`,
    );
    expect(data.consents[0]).toMatchObject({ purpose: 'marketing_email', granted: true, source: 'account' });
    const confirmation = data.emails.find((email: { tag: string }) => email.tag === 'order.confirmation');
    expect(confirmation.text).toContain(ADDRESS.line1);
    const text = JSON.stringify(data);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain('Someone Else');
    expect(text).not.toContain('1 Other Road');
    expect(text).not.toContain(otherCoupon);
    expect(text).not.toMatch(/passwordHash|tokenHash/);

    const audit = await request(ctx.url, 'GET', `/api/admin/audit?entityType=user&entityId=${shopper.userId}`, {
      token: admin.accessToken,
    });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toContain('account.export');
  });

  it('when the password was not entered recently, then export asks for it, and a wrong password is refused naming the field', async () => {
    const shopper = await signedInUser(ctx);
    await ctx.db
      .collection('sessions')
      .updateMany(
        { userId: new (await import('mongodb')).ObjectId(shopper.userId) },
        { $set: { authenticatedAt: new Date(0) } },
      );

    const stale = await request(ctx.url, 'GET', '/api/account/export', { token: shopper.accessToken });
    expect(stale).toMatchObject({ status: 403, body: { code: 'REAUTHENTICATION_REQUIRED' } });
    const wrong = await request(ctx.url, 'POST', '/api/account/reauthenticate', {
      token: shopper.accessToken,
      body: { password: 'not-my-password' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'body.password', message: 'is not your password' }]);
    expect((await request(ctx.url, 'GET', '/api/account/export', { token: shopper.accessToken })).status).toBe(403);

    const right = await request(ctx.url, 'POST', '/api/account/reauthenticate', {
      token: shopper.accessToken,
      body: { password: shopper.password },
    });
    expect(right.status).toBe(200);
    expect(Date.parse(right.body.validUntil)).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect((await request(ctx.url, 'GET', '/api/account/export', { token: shopper.accessToken })).status).toBe(200);
  });

  it('when a shopper exports more often than the daily limit, then they are throttled', async () => {
    const limited = await startTestApp({ EXPORT_RATE_LIMIT_PER_DAY: '2' });
    try {
      const shopper = await signedInUser(limited);
      const statuses = [];
      for (let attempt = 0; attempt < 3; attempt += 1)
        statuses.push(
          (await request(limited.url, 'GET', '/api/account/export', { token: shopper.accessToken })).status,
        );
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('when export is asked without signing in or with injected input, then it is refused and nothing changes', async () => {
    expect((await request(ctx.url, 'GET', '/api/account/export')).status).toBe(401);
    const shopper = await signedInUser(ctx);
    const injected = await request(ctx.url, 'POST', '/api/account/reauthenticate', {
      token: shopper.accessToken,
      body: { password: { $gt: '' } },
    });
    expect(injected.status).toBe(400);
    expect(injected.body.errors[0].path).toBe('body.password');
  });
});

describe('account erasure', () => {
  it('when a shopper erases their account, then everything personal goes, orders stay anonymised and analytics do not move', async () => {
    const shopper = await signedInUser(ctx);
    const otherDevice = await login(ctx, shopper.email, shopper.password, 'second-device');
    await request(ctx.url, 'PUT', '/api/account/marketing', { token: shopper.accessToken, body: { optedIn: true } });
    const order = await paidOrder(ctx, shopper, 25_000);
    await addToCart(ctx, shopper, order.lines[0].productId, 1);
    await request(ctx.url, 'POST', '/api/auth/password/forgot', { body: { email: shopper.email } });
    await expect.poll(() => countMail(ctx, shopper.email, 'auth.reset-password')).toBe(1);
    expect(await countMail(ctx, shopper.email, 'coupon.loyalty')).toBe(1);
    const before = await sales();

    const wrong = await request(ctx.url, 'POST', '/api/account/erase', {
      token: shopper.accessToken,
      body: { password: 'wrong-password' },
    });
    expect(wrong.status).toBe(400);
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: shopper.accessToken })).status).toBe(200);

    const erased = await request(ctx.url, 'POST', '/api/account/erase', {
      token: shopper.accessToken,
      body: { password: shopper.password },
    });

    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, ordersAnonymised: 1 });
    expect(erased.body.emailsDeleted).toBeGreaterThanOrEqual(3);
    expect(erased.headers.getSetCookie().join()).toMatch(/mercato_rt=;/);
    // Every session ended at once, on every device.
    for (const token of [shopper.accessToken, otherDevice.accessToken])
      expect((await request(ctx.url, 'GET', '/api/auth/me', { token })).body.code).toBe('SESSION_REVOKED');
    expect(
      (
        await request(ctx.url, 'POST', '/api/auth/login', {
          body: { email: shopper.email, password: shopper.password },
        })
      ).status,
    ).toBe(401);

    const { ObjectId } = await import('mongodb');
    const userId = new ObjectId(shopper.userId);
    const left = async (collection: string, filter: object) => ctx.db.collection(collection).countDocuments(filter);
    expect(await left('users', { _id: userId })).toBe(0);
    expect(await left('sessions', { userId })).toBe(0);
    expect(await left('auth_tokens', { userId })).toBe(0);
    expect(await left('carts', { userId })).toBe(0);
    expect(await left('notifications', { userId })).toBe(0);
    expect(await left('consents', { userId })).toBe(0);
    expect(await left('coupons', { ownerUserId: userId })).toBe(0);
    expect(await countMail(ctx, shopper.email, 'order.confirmation')).toBe(0);
    expect(await countMail(ctx, shopper.email, 'auth.reset-password')).toBe(0);

    const kept = await request(ctx.url, 'GET', `/api/admin/orders/${order.id}`, { token: admin.accessToken });
    expect(kept.body).toMatchObject({
      number: order.number,
      total: order.total,
      status: 'paid',
      email: 'erased@invalid',
      customerName: 'Erased customer',
      shippingAddress: { name: 'Erased customer', line1: 'Erased', phone: '000000', country: ADDRESS.country },
    });
    expect(kept.body.lines).toEqual(order.lines);
    expect(await sales()).toEqual(before);
    const byEmail = await request(ctx.url, 'GET', `/api/admin/orders?q=${encodeURIComponent(shopper.email)}`, {
      token: admin.accessToken,
    });
    expect(byEmail.body.items).toEqual([]);

    // A refund of the anonymised order still works and emails nobody.
    const refund = await request(ctx.url, 'POST', `/api/admin/orders/${order.id}/refunds`, {
      token: admin.accessToken,
      body: { amount: 100, idempotencyKey: `erased-${order.id}` },
    });
    expect(refund.status).toBe(200);
    expect(await countMail(ctx, 'erased@invalid', 'order.refunded')).toBe(0);

    // The address can sign up again, as a new account.
    const again = await request(ctx.url, 'POST', '/api/auth/signup', {
      body: { name: 'Back Again', email: shopper.email, password: 'a-new-password-1' },
    });
    expect(again.status).toBe(202);
    expect((await latestMail(ctx, shopper.email, 'auth.verify-email'))?.tag).toBe('auth.verify-email');
  });

  it('when an admin erases a user with a reason, then it is audit-logged without the person and their sessions end', async () => {
    const shopper = await signedInUser(ctx);
    const noReason = await request(ctx.url, 'POST', `/api/admin/users/${shopper.userId}/erase`, {
      token: admin.accessToken,
      body: { reason: '' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('body.reason');
    const byCustomer = await request(ctx.url, 'POST', `/api/admin/users/${shopper.userId}/erase`, {
      token: shopper.accessToken,
      body: { reason: 'trying my luck' },
    });
    expect(byCustomer.status).toBe(403);
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: shopper.accessToken })).status).toBe(200);

    const erased = await request(ctx.url, 'POST', `/api/admin/users/${shopper.userId}/erase`, {
      token: admin.accessToken,
      body: { reason: 'Asked by email on 2026-12-06' },
    });

    expect(erased).toMatchObject({ status: 200, body: { erased: true, ordersAnonymised: 0 } });
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: shopper.accessToken })).status).toBe(401);
    const audit = await request(ctx.url, 'GET', `/api/admin/audit?entityType=user&entityId=${shopper.userId}`, {
      token: admin.accessToken,
    });
    const entry = audit.body.items.find((item: { action: string }) => item.action === 'user.erase');
    expect(entry.after).toMatchObject({ reason: 'Asked by email on 2026-12-06', self: false });
    expect(JSON.stringify(entry)).not.toContain(shopper.email);
    const missing = await request(ctx.url, 'POST', `/api/admin/users/${shopper.userId}/erase`, {
      token: admin.accessToken,
      body: { reason: 'again' },
    });
    expect(missing.status).toBe(404);
  });

  it('when the last active admin would be erased, then it is refused and nothing changes', async () => {
    const lonely = await startTestApp();
    try {
      const only = await signedInUser(lonely, { role: 'admin' });
      const self = await request(lonely.url, 'POST', '/api/account/erase', {
        token: only.accessToken,
        body: { password: only.password },
      });
      expect(self).toMatchObject({ status: 409, body: { code: 'LAST_ADMIN' } });
      const viaAdmin = await request(lonely.url, 'POST', `/api/admin/users/${only.userId}/erase`, {
        token: only.accessToken,
        body: { reason: 'erasing myself' },
      });
      expect(viaAdmin.status).toBe(403);
      expect((await request(lonely.url, 'GET', '/api/auth/me', { token: only.accessToken })).status).toBe(200);

      const second = await signedInUser(lonely, { role: 'admin' });
      const byOther = await request(lonely.url, 'POST', `/api/admin/users/${only.userId}/erase`, {
        token: second.accessToken,
        body: { reason: 'left the company' },
      });
      expect(byOther.status).toBe(200);
      const last = await request(lonely.url, 'POST', '/api/account/erase', {
        token: second.accessToken,
        body: { password: second.password },
      });
      expect(last).toMatchObject({ status: 409, body: { code: 'LAST_ADMIN' } });
    } finally {
      await lonely.close();
    }
  });
  it('when two admins erase each other at the same moment, then exactly one erasure happens and an active admin remains', async () => {
    const pair = await startTestApp();
    try {
      const first = await signedInUser(pair, { role: 'admin' });
      const second = await signedInUser(pair, { role: 'admin' });
      const erase = (by: SignedIn, target: SignedIn) =>
        request(pair.url, 'POST', `/api/admin/users/${target.userId}/erase`, {
          token: by.accessToken,
          body: { reason: 'erased in a race' },
        });

      const [byFirst, bySecond] = await Promise.all([erase(first, second), erase(second, first)]);

      expect([byFirst.status, bySecond.status].sort()).toEqual([200, 409]);
      const [survivor, loser] = byFirst.status === 200 ? [first, bySecond] : [second, byFirst];
      expect(loser.body.code).toBe('LAST_ADMIN');
      const admins = await pair.db.collection('users').find({ role: 'admin', status: 'active' }).toArray();
      expect(admins.map((user) => user._id.toHexString())).toEqual([survivor.userId]);
      expect((await request(pair.url, 'GET', '/api/auth/me', { token: survivor.accessToken })).status).toBe(200);
    } finally {
      await pair.close();
    }
  });

  it('when the account becomes an active admin while it is being erased, then it is only deleted through the last-admin guard', async () => {
    const shop = await startTestApp();
    try {
      const person = await createUser(shop, { role: 'customer' });
      const id = new ObjectId(person.id);
      const users = shop.db.collection('users');
      // Staff promote and re-enable the account after erasure started (here: between two of its steps, always).
      const promoteMidway = {
        ...shop.app.privacy,
        carts: {
          ...shop.app.privacy.carts,
          deleteForUser: async (userId: ObjectId) => {
            await users.updateOne({ _id: id }, { $set: { role: 'admin', status: 'active' } });
            return shop.app.privacy.carts.deleteForUser(userId);
          },
        },
      };
      const erase = () => eraseUser(promoteMidway, id, { actor: SYSTEM, reason: 'left', isSelf: false });

      // The only active admin by then: kept.
      await expect(erase()).rejects.toMatchObject({ code: 'LAST_ADMIN' });
      expect(await users.findOne({ _id: id })).toMatchObject({ role: 'admin', status: 'active' });
      // The person's data went before the account was found promoted: the log says the erasure stopped there.
      const incomplete = await shop.db.collection('audit_log').findOne({ action: 'user.erase.incomplete' });
      expect(incomplete).toMatchObject({ entity: { type: 'user', id: person.id }, after: { reason: 'left' } });

      // With another active admin, the erasure goes through and that admin remains.
      const other = await createUser(shop, { role: 'admin' });
      expect(await erase()).toMatchObject({ erased: true });
      expect(await users.countDocuments({ _id: id })).toBe(0);
      const admins = await users.find({ role: 'admin', status: 'active' }).toArray();
      expect(admins.map((user) => user._id.toHexString())).toEqual([other.id]);
    } finally {
      await shop.close();
    }
  });
});

describe('marketing consent', () => {
  it('when a shopper signs up without ticking offers, then promotional email is not sent, and ticking it later sends it with a working unsubscribe link', async () => {
    const email = `consent-${randomBytes(4).toString('hex')}@example.com`;
    const signup = await request(ctx.url, 'POST', '/api/auth/signup', {
      body: { name: 'Consent Tester', email, password: 'password-1234' },
    });
    expect(signup.status).toBe(202);
    const user = await createUserFromSignup(email);
    const me = await request(ctx.url, 'GET', '/api/auth/me', { token: user.accessToken });
    expect(me.body.marketingOptIn).toBe(false);
    const settings = await request(ctx.url, 'GET', '/api/account/privacy', { token: user.accessToken });
    expect(settings.body.marketing).toMatchObject({ optedIn: false, wordingVersion: '2026-12-01' });

    await paidOrder(ctx, user, 25_000);
    expect(await countMail(ctx, email, 'coupon.loyalty')).toBe(0);
    expect(await countMail(ctx, email, 'order.confirmation')).toBe(1);
    const coupons = await request(ctx.url, 'GET', '/api/account/coupons', { token: user.accessToken });
    expect(coupons.body.items).toHaveLength(1);

    const optIn = await request(ctx.url, 'PUT', '/api/account/marketing', {
      token: user.accessToken,
      body: { optedIn: true },
    });
    expect(optIn.body.marketingOptIn).toBe(true);
    await paidOrder(ctx, user, 25_000);
    const promo = await latestMail(ctx, email, 'coupon.loyalty');
    const link = /Unsubscribe: (\S+)/.exec(promo?.text ?? '')?.[1];
    expect(link).toMatch(new RegExp(`^${ctx.url}/unsubscribe\\?token=`));
    const token = decodeURIComponent(new URL(link as string).searchParams.get('token') ?? '');

    const forged = await request(ctx.url, 'POST', '/api/marketing/unsubscribe', {
      body: { token: `${user.userId}.forged-signature-000000000000000` },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].path).toBe('body.token');
    const done = await request(ctx.url, 'POST', '/api/marketing/unsubscribe', { body: { token } });

    expect(done).toMatchObject({ status: 200, body: { status: 'unsubscribed' } });
    expect((await request(ctx.url, 'GET', '/api/auth/me', { token: user.accessToken })).body.marketingOptIn).toBe(
      false,
    );
    const history = await request(ctx.url, 'GET', '/api/account/export', { token: user.accessToken });
    expect(
      history.body.consents.map((consent: { source: string; granted: boolean }) => [consent.source, consent.granted]),
    ).toEqual([
      ['unsubscribe_link', false],
      ['account', true],
      ['signup', false],
    ]);
  });

  it('when signup ticks offers, then the choice is recorded with its wording version', async () => {
    const email = `optin-${randomBytes(4).toString('hex')}@example.com`;
    await request(ctx.url, 'POST', '/api/auth/signup', {
      body: { name: 'Keen Shopper', email, password: 'password-1234', marketingOptIn: true },
    });
    const user = await createUserFromSignup(email);
    const settings = await request(ctx.url, 'GET', '/api/account/privacy', { token: user.accessToken });
    expect(settings.body.marketing).toMatchObject({ optedIn: true, wordingVersion: '2026-12-01' });
    expect(Date.parse(settings.body.marketing.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('when the unsubscribe token is signed for someone else’s purpose, then it is refused', async () => {
    const shopper = await createUser(ctx);
    const personal = createPersonalData(ctx.config);
    const other = personal.signToken('something-else', shopper.id);
    const response = await request(ctx.url, 'POST', '/api/marketing/unsubscribe', { body: { token: other } });
    expect(response.status).toBe(400);
    const { ObjectId } = await import('mongodb');
    const valid = unsubscribeUrl(ctx.config, personal, new ObjectId(shopper.id));
    expect(valid).toContain('/unsubscribe?token=');
  });
});

/** Confirms the address from the verification email and signs in. */
async function createUserFromSignup(email: string): Promise<SignedIn> {
  const message = await latestMail(ctx, email, 'auth.verify-email');
  const token = decodeURIComponent(/token=([A-Za-z0-9_%-]+)/.exec(message?.text ?? '')?.[1] ?? '');
  const verified = await request(ctx.url, 'POST', '/api/auth/verify-email', { body: { token } });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return login(ctx, email, 'password-1234');
}
