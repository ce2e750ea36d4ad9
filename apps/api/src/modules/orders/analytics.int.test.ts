import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';

let ctx: TestApp;
let admin: SignedIn;
const lamp = new ObjectId();
const mug = new ObjectId();
const [alice, bob] = [new ObjectId(), new ObjectId()];
const tee = new ObjectId();
const small = { variantId: new ObjectId(), variantTitle: 'S / Blue', sku: 'TEE-S-BLUE' };
const large = { variantId: new ObjectId(), variantTitle: 'L / Blue', sku: 'TEE-L-BLUE' };

/** Arranges orders as checkout leaves them (the fields analytics read), at chosen payment times. */
function order(
  userId: ObjectId,
  paidAt: string,
  status: string,
  lines: [ObjectId, string, number, number, { variantId: ObjectId; variantTitle: string; sku: string }?][],
  refunded = 0,
) {
  const subtotal = lines.reduce((sum, [, , price, quantity]) => sum + price * quantity, 0);
  return {
    _id: new ObjectId(),
    number: `M-T${Math.random().toString(36).slice(2, 8)}`,
    userId,
    status,
    total: subtotal,
    paidAt: new Date(paidAt),
    createdAt: new Date(paidAt),
    payment: { amountPaid: subtotal, amountRefunded: refunded },
    lines: lines.map(([productId, name, unitPrice, quantity, variant]) => ({
      productId,
      ...variant,
      name,
      unitPrice,
      quantity,
      lineTotal: unitPrice * quantity,
      discount: 0,
    })),
  };
}

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  await ctx.db.collection('orders').insertMany([
    order(alice, '2026-03-01T10:00:00Z', 'paid', [[lamp, 'Lamp', 5000, 1]]),
    order(alice, '2026-03-01T23:30:00Z', 'shipped', [[mug, 'Mug', 1000, 3]]),
    order(bob, '2026-03-02T12:00:00Z', 'partially_refunded', [[lamp, 'Lamp', 5000, 2]], 2000),
    order(bob, '2026-03-02T13:00:00Z', 'cancelled', [[mug, 'Mug', 1000, 9]]),
    order(bob, '2026-03-05T13:00:00Z', 'paid', [[mug, 'Mug', 1000, 1]]),
    order(alice, '2026-04-10T10:00:00Z', 'paid', [
      [tee, 'Tee', 2000, 2, small],
      [tee, 'Tee', 2400, 1, large],
    ]),
    order(bob, '2026-04-10T11:00:00Z', 'paid', [[tee, 'Tee', 2400, 3, large]]),
  ]);
});
afterAll(() => ctx.close());

const summary = (query: string) =>
  request(ctx.url, 'GET', `/api/admin/analytics/sales?${query}`, { token: admin.accessToken });

describe('sales analytics', () => {
  it('when summarising a range, then revenue is net of refunds and only paid orders count', async () => {
    const response = await summary('from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z');
    expect(response.body).toMatchObject({
      currency: 'USD',
      revenue: 5000 + 3000 + 8000,
      orders: 3,
      averageOrderValue: 5333,
      customers: 2,
    });
    // Orders from before variants: their one (default) variant, named by the product's id.
    const only = (id: ObjectId, quantity: number, revenue: number) => [
      { variantId: id.toHexString(), title: 'Default', sku: null, quantity, revenue },
    ];
    expect(response.body.topProducts).toEqual([
      { productId: lamp.toHexString(), name: 'Lamp', quantity: 3, revenue: 15000, variants: only(lamp, 3, 15000) },
      { productId: mug.toHexString(), name: 'Mug', quantity: 3, revenue: 3000, variants: only(mug, 3, 3000) },
    ]);
    expect(response.body.daily).toEqual([
      { date: '2026-03-01', revenue: 8000, orders: 2 },
      { date: '2026-03-02', revenue: 8000, orders: 1 },
    ]);
  });

  it('when a product sold in several variants, then it counts once with each variant’s share, best first', async () => {
    const response = await summary('from=2026-04-10T00:00:00Z&to=2026-04-11T00:00:00Z');
    expect(response.body.topProducts).toEqual([
      {
        productId: tee.toHexString(),
        name: 'Tee',
        quantity: 6,
        revenue: 4000 + 2400 + 7200,
        variants: [
          {
            variantId: large.variantId.toHexString(),
            title: 'L / Blue',
            sku: 'TEE-L-BLUE',
            quantity: 4,
            revenue: 9600,
          },
          {
            variantId: small.variantId.toHexString(),
            title: 'S / Blue',
            sku: 'TEE-S-BLUE',
            quantity: 2,
            revenue: 4000,
          },
        ],
      },
    ]);
  });

  it('when a time zone is given, then orders fall on that zone’s days', async () => {
    const response = await summary('from=2026-03-01T05:00:00Z&to=2026-03-03T05:00:00Z&tz=America/New_York');
    expect(response.body.daily).toEqual([
      { date: '2026-03-01', revenue: 8000, orders: 2 },
      { date: '2026-03-02', revenue: 8000, orders: 1 },
    ]);
    const tokyo = await summary('from=2026-02-28T15:00:00Z&to=2026-03-02T15:00:00Z&tz=Asia/Tokyo');
    expect(tokyo.body.daily).toEqual([
      { date: '2026-03-01', revenue: 5000, orders: 1 },
      { date: '2026-03-02', revenue: 11000, orders: 2 },
    ]);
  });

  it('when the query is invalid, then the field is named', async () => {
    expect(
      (await summary('from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z&tz=Mars/Olympus')).body.errors[0].path,
    ).toBe('query.tz');
    expect((await summary('from=2026-03-03T00:00:00Z&to=2026-03-01T00:00:00Z')).body.errors[0].path).toBe('query.to');
    expect((await summary('from=2024-01-01T00:00:00Z&to=2026-03-01T00:00:00Z')).body.errors[0].path).toBe('query.to');
  });
});
