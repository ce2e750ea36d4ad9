import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createUser, signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct, createSizedProduct } from '../../test-support/catalog.test-support.js';
import { addToCart, addVariantToCart, orderOf, startCheckout } from '../../test-support/checkout.test-support.js';
import { issueLoyaltyCoupon } from './loyalty.js';
import { COUPON_TAGS, createCouponsRepo } from './repo.js';
import { shopperStateCacheOf } from '../../plugins/shopper-cache.js';
import { countMail, mailRepoOf } from '../../test-support/mail.test-support.js';
import { releaseCoupon, redeemCoupon, reserveCoupon } from './reservations.js';

let ctx: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  ctx = await startTestApp({ SHIPPING_FLAT_RATE: '0' });
  admin = await signedInUser(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

const createCoupon = async (body: Record<string, unknown>) => {
  const response = await request(ctx.url, 'POST', '/api/admin/coupons', {
    token: admin.accessToken,
    body: { type: 'percent', value: 10, ...body },
  });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body as { id: string; code: string };
};
const shopperWith = async (price: number, quantity = 1, categoryId: string | null = null) => {
  const shopper = await signedInUser(ctx);
  const product = await createProduct(ctx, admin.accessToken, {
    name: `Coupon Item ${new ObjectId().toHexString()}`,
    price,
    stock: 50,
    categoryId,
  });
  await request(ctx.url, 'POST', '/api/cart/items', {
    token: shopper.accessToken,
    body: { productId: product.id, quantity },
  });
  return shopper;
};
const apply = (shopper: SignedIn, code: string) =>
  request(ctx.url, 'POST', '/api/cart/coupon', { token: shopper.accessToken, body: { code } });

describe('applying coupons', () => {
  it('when a percent or fixed code applies, then the discount is computed once, rounded half up, never below zero', async () => {
    await createCoupon({ code: 'PCT15', type: 'percent', value: 15 });
    await createCoupon({ code: 'FIXED50', type: 'fixed', value: 5000 });
    const shopper = await shopperWith(1003, 3);
    const percent = await apply(shopper, 'pct15');
    expect(percent.status).toBe(200);
    expect(percent.body).toMatchObject({ subtotal: 3009, discount: 451, total: 2558, coupon: { code: 'PCT15' } });
    const fixed = await apply(shopper, 'FIXED50');
    expect(fixed.body).toMatchObject({ subtotal: 3009, discount: 3009, total: 0, coupon: { code: 'FIXED50' } });
    const removed = await request(ctx.url, 'DELETE', '/api/cart/coupon', { token: shopper.accessToken });
    expect(removed.body).toMatchObject({ discount: 0, coupon: null });
  });

  it('when a code breaks a rule, then each rule has its own error code', async () => {
    const category = await createCategory(ctx, admin.accessToken, { name: 'Coupon Only Category' });
    const day = 24 * 60 * 60 * 1000;
    await createCoupon({
      code: 'OLD',
      endsAt: new Date(Date.now() - day).toISOString(),
      startsAt: new Date(Date.now() - 2 * day).toISOString(),
    });
    await createCoupon({ code: 'SOON', startsAt: new Date(Date.now() + day).toISOString() });
    await createCoupon({ code: 'OFF', active: false });
    await createCoupon({ code: 'BIGSPEND', minSubtotal: 100_000 });
    await createCoupon({ code: 'NARROW', categoryIds: [category.id] });
    const full = await createCoupon({ code: 'GONE', usageLimit: 1 });
    await reserveCoupon(
      createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app)),
      (await createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app)).findByCode('GONE'))!,
      new ObjectId(),
      new ObjectId(),
    );
    const onceOnly = await createCoupon({ code: 'ONCE', perCustomerLimit: 1 });

    const shopper = await shopperWith(2000);
    const expectations: [string, string][] = [
      ['NOPE', 'COUPON_INVALID'],
      ['OLD', 'COUPON_EXPIRED'],
      ['SOON', 'COUPON_NOT_STARTED'],
      ['OFF', 'COUPON_INACTIVE'],
      ['BIGSPEND', 'COUPON_MINIMUM_NOT_MET'],
      ['NARROW', 'COUPON_NOT_APPLICABLE'],
      ['GONE', 'COUPON_EXHAUSTED'],
    ];
    for (const [code, error] of expectations) {
      const response = await apply(shopper, code);
      expect(response.status, code).toBe(422);
      expect(response.body.code, code).toBe(error);
    }
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    await reserveCoupon(
      repo,
      (await repo.findById(new ObjectId(onceOnly.id)))!,
      new ObjectId(shopper.userId),
      new ObjectId(),
    );
    expect((await apply(shopper, 'ONCE')).body.code).toBe('COUPON_ALREADY_USED');
    // GONE is refused because its one slot is held by another order, not for any other reason.
    expect(await repo.findById(new ObjectId(full.id))).toMatchObject({
      usageLimit: 1,
      remaining: 0,
      reservedCount: 1,
      redeemedCount: 0,
      active: true,
    });
    expect((await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken })).body.coupon).toBeNull();
  });

  it('when an applied coupon stops applying (subtotal drops below its minimum), then the cart says why', async () => {
    await createCoupon({ code: 'MIN30', minSubtotal: 3000 });
    const shopper = await shopperWith(1500, 2);
    expect((await apply(shopper, 'MIN30')).body.discount).toBe(300);
    const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
    const line = cart.body.lines[0];
    const lowered = await request(ctx.url, 'PATCH', `/api/cart/items/${line.productId}`, {
      token: shopper.accessToken,
      body: { quantity: 1 },
    });
    expect(lowered.body).toMatchObject({
      discount: 0,
      coupon: { code: 'MIN30' },
      couponProblem: { code: 'COUPON_MINIMUM_NOT_MET' },
    });
  });
});

describe('category-restricted coupons on products with variants', () => {
  it('when a cart holds two sizes of a product in the coupon’s category and a product of another, then both size lines are discounted and the other is not, in the cart and in the order', async () => {
    const knitwear = await createCategory(ctx, admin.accessToken, { name: 'Coupon Knitwear' });
    const kitchen = await createCategory(ctx, admin.accessToken, { name: 'Coupon Kitchen' });
    const jumper = await createSizedProduct(ctx, admin.accessToken, {
      name: 'Coupon jumper',
      price: 4000,
      combinations: [
        ['S', 'Grey'],
        ['M', 'Grey'],
      ],
      extra: { categoryId: knitwear.id },
    });
    const pan = await createProduct(ctx, admin.accessToken, {
      name: 'Coupon pan',
      price: 3000,
      stock: 5,
      categoryId: kitchen.id,
    });
    await createCoupon({ code: 'KNIT20', type: 'percent', value: 20, categoryIds: [knitwear.id] });
    const shopper = await signedInUser(ctx);
    const [small, medium] = jumper.variants;
    await addVariantToCart(ctx, shopper, jumper.id, small!.id, 1);
    await addVariantToCart(ctx, shopper, jumper.id, medium!.id, 2);
    await addToCart(ctx, shopper, pan.id, 1);

    const applied = await apply(shopper, 'KNIT20');

    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ subtotal: 15_000, discount: 2400, total: 12_600 });
    const started = await startCheckout(ctx, shopper);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const order = await orderOf(ctx, shopper, started.body.orderId);
    expect(order.discount).toBe(2400);
    expect(
      order.lines.map((line: { sku: string; lineTotal: number; discount: number }) => [
        line.sku,
        line.lineTotal,
        line.discount,
      ]),
    ).toEqual([
      ['COUPON-JUMPER-S-GREY', 4000, 800],
      ['COUPON-JUMPER-M-GREY', 8000, 1600],
      [expect.any(String), 3000, 0],
    ]);
  });
});

describe('coupon limits under concurrency', () => {
  it('when 200 checkouts reserve a coupon limited to 5 at once, then exactly 5 succeed', async () => {
    const coupon = await createCoupon({ code: 'FIVE', usageLimit: 5, perCustomerLimit: null });
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    const doc = (await repo.findById(new ObjectId(coupon.id)))!;
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => reserveCoupon(repo, doc, new ObjectId(), new ObjectId())),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(5);
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(new Set(rejected.map((result) => (result.reason as { code: string }).code))).toEqual(
      new Set(['COUPON_EXHAUSTED']),
    );
    expect(await repo.findById(doc._id)).toMatchObject({ remaining: 0, reservedCount: 5, redeemedCount: 0 });
  });

  it('when one customer limited to 1 races 20 reservations, then exactly one succeeds', async () => {
    const coupon = await createCoupon({ code: 'ONEEACH', perCustomerLimit: 1 });
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    const doc = (await repo.findById(new ObjectId(coupon.id)))!;
    const customer = new ObjectId();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => reserveCoupon(repo, doc, customer, new ObjectId())),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await repo.usesBy(doc._id, customer)).toBe(1);
  });

  it('when reservations are released, then the slots are available again, and redeem/release happen once', async () => {
    const coupon = await createCoupon({ code: 'TWO', usageLimit: 2, perCustomerLimit: 1 });
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    const doc = (await repo.findById(new ObjectId(coupon.id)))!;
    const [alice, bob, carol] = [new ObjectId(), new ObjectId(), new ObjectId()];
    const [orderA, orderB] = [new ObjectId(), new ObjectId()];
    await reserveCoupon(repo, doc, alice, orderA);
    await reserveCoupon(repo, doc, bob, orderB);
    await expect(reserveCoupon(repo, doc, carol, new ObjectId())).rejects.toMatchObject({ code: 'COUPON_EXHAUSTED' });
    expect(await repo.usesBy(doc._id, carol)).toBe(0);

    expect(await Promise.all([releaseCoupon(repo, orderA), releaseCoupon(repo, orderA)])).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(await repo.usesBy(doc._id, alice)).toBe(0);
    await reserveCoupon(repo, doc, carol, new ObjectId());
    expect(await Promise.all([redeemCoupon(repo, orderB), redeemCoupon(repo, orderB)])).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(await releaseCoupon(repo, orderB)).toBe(false);
    expect(await repo.findById(doc._id)).toMatchObject({ remaining: 0, reservedCount: 1, redeemedCount: 1 });
  });

  it('when the same order reserves twice, then it holds one slot', async () => {
    const coupon = await createCoupon({ code: 'IDEMP', usageLimit: 3 });
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    const doc = (await repo.findById(new ObjectId(coupon.id)))!;
    const order = new ObjectId();
    const user = new ObjectId();
    const first = await reserveCoupon(repo, doc, user, order);
    const second = await reserveCoupon(repo, doc, user, order);
    expect(second._id).toEqual(first._id);
    expect((await repo.findById(doc._id))?.remaining).toBe(2);
  });
});

describe('coupon slots when a step fails or the rules change', () => {
  it('when the per-customer limit is changed while a checkout holds the code, then its release gives back exactly the slot it took', async () => {
    const coupon = await createCoupon({ code: 'LIMITFLIP', perCustomerLimit: 1 });
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    const setLimit = (perCustomerLimit: number | null) =>
      request(ctx.url, 'PATCH', `/api/admin/coupons/${coupon.id}`, {
        token: admin.accessToken,
        body: { perCustomerLimit },
      });
    const customer = new ObjectId();
    const [first, second] = [new ObjectId(), new ObjectId()];
    await reserveCoupon(repo, (await repo.findById(new ObjectId(coupon.id)))!, customer, first);
    await redeemCoupon(repo, first);
    expect(await repo.usesBy(new ObjectId(coupon.id), customer)).toBe(1);

    // Unlimited for a while: a checkout then takes no per-customer slot.
    expect((await setLimit(null)).status).toBe(200);
    await reserveCoupon(repo, (await repo.findById(new ObjectId(coupon.id)))!, customer, second);
    expect((await setLimit(1)).status).toBe(200);
    expect(await releaseCoupon(repo, second)).toBe(true);

    // The redeemed use still counts: the customer cannot use the code a second time.
    expect(await repo.usesBy(new ObjectId(coupon.id), customer)).toBe(1);
    await expect(
      reserveCoupon(repo, (await repo.findById(new ObjectId(coupon.id)))!, customer, new ObjectId()),
    ).rejects.toMatchObject({ code: 'COUPON_ALREADY_USED' });
  });

  it('when recording the reservation fails after both slots were taken, then both slots are given back', async () => {
    const coupon = await createCoupon({ code: 'HALFWAY', usageLimit: 2, perCustomerLimit: 1 });
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    const doc = (await repo.findById(new ObjectId(coupon.id)))!;
    const customer = new ObjectId();
    const failing = { ...repo, insertReservation: () => Promise.reject(new Error('connection reset')) };

    await expect(reserveCoupon(failing, doc, customer, new ObjectId())).rejects.toThrow('connection reset');

    expect(await repo.usesBy(doc._id, customer)).toBe(0);
    expect(await repo.findById(doc._id)).toMatchObject({ remaining: 2, reservedCount: 0 });
    await reserveCoupon(repo, doc, customer, new ObjectId());
  });
});

describe('admin coupons', () => {
  it('when admins create, list and edit coupons, then usage counts show and limits shift atomically', async () => {
    const created = await createCoupon({ code: 'admin-made', description: 'Spring sale', usageLimit: 10 });
    expect(created.code).toBe('ADMIN-MADE');
    const duplicate = await request(ctx.url, 'POST', '/api/admin/coupons', {
      token: admin.accessToken,
      body: { code: 'ADMIN-MADE', type: 'fixed', value: 100 },
    });
    expect(duplicate.status).toBe(409);
    const invalid = await request(ctx.url, 'POST', '/api/admin/coupons', {
      token: admin.accessToken,
      body: { code: 'x', type: 'percent', value: 150 },
    });
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.code',
      'body.value',
    ]);

    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    await reserveCoupon(repo, (await repo.findByCode('ADMIN-MADE'))!, new ObjectId(), new ObjectId());
    const edited = await request(ctx.url, 'PATCH', `/api/admin/coupons/${created.id}`, {
      token: admin.accessToken,
      body: { usageLimit: 4, active: false },
    });
    expect(edited.body).toMatchObject({ usageLimit: 4, active: false, reservedCount: 1 });
    expect((await repo.findByCode('ADMIN-MADE'))?.remaining).toBe(3);
    const list = await request(ctx.url, 'GET', '/api/admin/coupons?q=admin', { token: admin.accessToken });
    expect(list.body.items.map((item: { code: string }) => item.code)).toEqual(['ADMIN-MADE']);
  });
});

describe('admin edits racing checkouts and each other', () => {
  it('when an unlimited coupon gets a limit while checkouts keep reserving it, then remaining counts every reservation and from then on none goes past the limit', async () => {
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    for (const round of [1, 2, 3]) {
      const coupon = await createCoupon({ code: `RACELIMIT${round}`, usageLimit: null, perCustomerLimit: null });
      // The copy checkouts read before the admin's change (start-checkout reads the coupon, then reserves it).
      const seen = (await repo.findById(new ObjectId(coupon.id)))!;
      const reserve = () => reserveCoupon(repo, seen, new ObjectId(), new ObjectId());
      await reserve();
      let isPatched = false;
      const racing = (async () => {
        let taken = 0;
        while (!isPatched)
          for (const result of await Promise.allSettled(Array.from({ length: 5 }, reserve)))
            if (result.status === 'fulfilled') taken += 1;
        return taken;
      })();

      const patched = await request(ctx.url, 'PATCH', `/api/admin/coupons/${coupon.id}`, {
        token: admin.accessToken,
        body: { usageLimit: 100 },
      });
      isPatched = true;
      const takenWhilePatching = await racing;

      expect(patched.status).toBe(200);
      const stored = (await repo.findById(new ObjectId(coupon.id)))!;
      expect(stored.reservedCount).toBe(1 + takenWhilePatching);
      expect(stored.remaining).toBe(100 - stored.reservedCount - stored.redeemedCount);
      const late = await Promise.allSettled(Array.from({ length: 150 }, reserve));
      expect(late.filter((result) => result.status === 'fulfilled')).toHaveLength(Math.max(0, stored.remaining ?? 0));
      expect(await repo.findById(new ObjectId(coupon.id))).toMatchObject({
        reservedCount: Math.max(100, stored.reservedCount),
        remaining: Math.min(0, stored.remaining ?? 0),
      });
    }
  });

  it('when two admins edit at once (one makes it a percentage, the other sets 5000), then one edit is saved, the other is refused naming its field, and no coupon over 100% is stored', async () => {
    for (const round of [1, 2, 3, 4, 5]) {
      const coupon = await createCoupon({ code: `RACEEDIT${round}`, type: 'fixed', value: 50 });
      const edit = (body: Record<string, unknown>) =>
        request(ctx.url, 'PATCH', `/api/admin/coupons/${coupon.id}`, { token: admin.accessToken, body });

      const [toPercent, toBigValue] = await Promise.all([edit({ type: 'percent' }), edit({ value: 5000 })]);

      const stored = await ctx.db.collection('coupons').findOne({ _id: new ObjectId(coupon.id) });
      if (toPercent.status === 200) {
        expect(stored).toMatchObject({ type: 'percent', value: 50 });
        expect(toBigValue).toMatchObject({ status: 400, body: { errors: [{ path: 'body.value' }] } });
      } else {
        expect(stored).toMatchObject({ type: 'fixed', value: 5000 });
        expect(toBigValue.status).toBe(200);
        expect(toPercent).toMatchObject({ status: 400, body: { errors: [{ path: 'body.type' }] } });
      }
    }
  });

  it('when a stored coupon is broken anyway (a percentage over 100), then carts carrying it are priced without it instead of failing', async () => {
    await createCoupon({ code: 'BROKENPCT', type: 'percent', value: 10 });
    const shopper = await shopperWith(2000);
    expect((await apply(shopper, 'BROKENPCT')).body.discount).toBe(200);
    const broken = await ctx.db
      .collection('coupons')
      .findOneAndUpdate({ code: 'BROKENPCT' }, { $set: { value: 5000 } }, { returnDocument: 'after' });
    // Written behind the app's back (as a botched import would): the cached copy is dropped as an operator would.
    await ctx.app.shopperCache.bump(COUPON_TAGS.coupon(broken!._id.toHexString()));

    const cart = await request(ctx.url, 'GET', '/api/cart', { token: shopper.accessToken });
    const again = await apply(shopper, 'BROKENPCT');

    expect(cart).toMatchObject({
      status: 200,
      body: { subtotal: 2000, discount: 0, total: 2000, couponProblem: { code: 'COUPON_NOT_APPLICABLE' } },
    });
    expect(again).toMatchObject({ status: 422, body: { code: 'COUPON_NOT_APPLICABLE' } });
  });
});

describe('loyalty', () => {
  it('when the process died after the code was issued but before its email, then the next run sends the email once', async () => {
    const owner = await createUser(ctx);
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    const facts = {
      orderId: new ObjectId(),
      orderNumber: 'M-TEST-2',
      userId: new ObjectId(owner.id),
      email: owner.email,
      name: 'Owner',
      total: 30_000,
      currency: 'USD',
      marketing: { unsubscribeUrl: `${ctx.url}/unsubscribe?token=t` },
    };
    const deps = { coupons: repo, mailer: ctx.app.mailer, storeName: 'Mercato', publicUrl: ctx.url, threshold: 20_000 };
    const dying = { ...deps, mailer: { isOutbox: true, send: () => Promise.reject(new Error('process died here')) } };
    await expect(issueLoyaltyCoupon(dying, facts)).rejects.toThrow('process died here');
    expect(await ctx.db.collection('coupons').countDocuments({ sourceOrderId: facts.orderId })).toBe(1);

    const [first, second] = await Promise.all([issueLoyaltyCoupon(deps, facts), issueLoyaltyCoupon(deps, facts)]);

    expect(await ctx.db.collection('coupons').countDocuments({ sourceOrderId: facts.orderId })).toBe(1);
    const mails = (await mailRepoOf(ctx).listTo(owner.email)).filter((mail) => mail.tag === 'coupon.loyalty');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(first?.code);
    expect(second?.code).toBe(first?.code);
  });

  it('when a paid order reaches the threshold, then one personal 10% code is issued, emailed and usable only by its owner', async () => {
    const owner = await createUser(ctx);
    const repo = createCouponsRepo(ctx.app.mongo.db, shopperStateCacheOf(ctx.app));
    const orderId = new ObjectId();
    const facts = {
      orderId,
      orderNumber: 'M-TEST-1',
      userId: new ObjectId(owner.id),
      email: owner.email,
      name: 'Owner',
      total: 25_000,
      currency: 'USD',
      marketing: { unsubscribeUrl: `${ctx.url}/unsubscribe?token=t` },
    };
    const deps = { coupons: repo, mailer: ctx.app.mailer, storeName: 'Mercato', publicUrl: ctx.url, threshold: 20_000 };
    const [first, second] = await Promise.all([issueLoyaltyCoupon(deps, facts), issueLoyaltyCoupon(deps, facts)]);
    // Both runs hand back the one coupon the order earned.
    expect(second?._id).toEqual(first?._id);
    expect(await ctx.db.collection('coupons').countDocuments({ sourceOrderId: orderId })).toBe(1);
    expect(await issueLoyaltyCoupon(deps, { ...facts, orderId: new ObjectId(), total: 19_999 })).toBeNull();
    expect(await countMail(ctx, owner.email, 'coupon.loyalty')).toBe(1);

    const issued = first!;
    const code = issued.code;
    expect(issued).toMatchObject({ type: 'percent', value: 10, usageLimit: 1, perCustomerLimit: 1 });
    expect(issued.endsAt!.getTime() - issued.startsAt!.getTime()).toBe(30 * 24 * 60 * 60 * 1000);
    const stranger = await shopperWith(5000);
    expect((await apply(stranger, code)).body.code).toBe('COUPON_INVALID');

    const signedIn = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: owner.email, password: owner.password },
    });
    const token = signedIn.body.accessToken as string;
    const product = await createProduct(ctx, admin.accessToken, { name: 'Loyal Item', price: 5000 });
    await request(ctx.url, 'POST', '/api/cart/items', { token, body: { productId: product.id } });
    expect((await request(ctx.url, 'POST', '/api/cart/coupon', { token, body: { code } })).body.discount).toBe(500);
    const mine = await request(ctx.url, 'GET', '/api/account/coupons', { token });
    expect(mine.body.items).toEqual([expect.objectContaining({ code, isUsed: false })]);
  });
});
