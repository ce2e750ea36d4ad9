import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { evaluateCoupon } from '../coupons/evaluate.js';
import type { CouponDoc } from '../coupons/model.js';
import { priceCart, type AppliedCoupon, type PricedProduct, type PricingItem } from './pricing.js';

const settings = { currency: 'USD', shippingFlatRate: 499, freeShippingThreshold: 5000 };
const product = (id: string, price: number, stock = 10, extra: Partial<PricedProduct> = {}): PricedProduct => ({
  id,
  variantId: id,
  variantTitle: 'Default',
  sku: id.toUpperCase(),
  slug: id,
  name: id,
  image: null,
  price,
  stock,
  categoryId: null,
  isPurchasable: true,
  ...extra,
});
const item = (productId: string, quantity: number, seenPrice: number): PricingItem => ({
  productId,
  variantId: productId,
  quantity,
  seenPrice,
  name: productId,
  slug: productId,
});
const catalog = (...products: PricedProduct[]) => new Map(products.map((entry) => [entry.variantId, entry]));

function couponOf(doc: Partial<CouponDoc>): AppliedCoupon {
  const full: CouponDoc = {
    _id: new ObjectId(),
    code: 'SAVE',
    description: '',
    type: 'percent',
    value: 10,
    startsAt: null,
    endsAt: null,
    minSubtotal: 0,
    usageLimit: null,
    remaining: null,
    redeemedCount: 0,
    reservedCount: 0,
    perCustomerLimit: 1,
    active: true,
    categoryIds: [],
    source: 'admin',
    ownerUserId: null,
    sourceOrderId: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...doc,
  };
  return {
    code: full.code,
    type: full.type,
    value: full.value,
    description: full.description,
    evaluate: (lines, subtotal) =>
      evaluateCoupon(full, {
        lines,
        subtotal,
        currency: 'USD',
        now: new Date('2026-06-01'),
        userId: null,
        usesByCustomer: 0,
      }),
  };
}

describe('priceCart', () => {
  it('when lines are priced, then totals add up and shipping is charged below the threshold', () => {
    const cart = priceCart(
      [item('a', 2, 1250), item('b', 1, 999)],
      catalog(product('a', 1250), product('b', 999)),
      settings,
      null,
      null,
    );
    expect(cart.lines.map((line) => line.lineTotal)).toEqual([2500, 999]);
    expect(cart).toMatchObject({
      subtotal: 3499,
      discount: 0,
      shipping: 499,
      total: 3998,
      itemCount: 3,
      canCheckout: true,
      freeShippingRemaining: 1501,
    });
  });

  it('when the discounted subtotal reaches the threshold, then shipping is free', () => {
    const cart = priceCart([item('a', 4, 1250)], catalog(product('a', 1250)), settings, null, null);
    expect(cart).toMatchObject({ subtotal: 5000, shipping: 0, total: 5000, freeShippingRemaining: 0 });
    const discounted = priceCart(
      [item('a', 4, 1250)],
      catalog(product('a', 1250)),
      settings,
      couponOf({ type: 'percent', value: 10 }),
      null,
    );
    expect(discounted).toMatchObject({ subtotal: 5000, discount: 500, shipping: 499, total: 4999 });
  });

  it('when a percent coupon yields half a cent, then it rounds half up once', () => {
    const cart = priceCart(
      [item('a', 1, 1005)],
      catalog(product('a', 1005)),
      settings,
      couponOf({ type: 'percent', value: 10 }),
      null,
    );
    expect(cart.discount).toBe(101);
  });

  it('when a fixed coupon exceeds the subtotal, then the total never goes below zero (shipping still applies)', () => {
    const cart = priceCart(
      [item('a', 1, 300)],
      catalog(product('a', 300)),
      settings,
      couponOf({ type: 'fixed', value: 1000 }),
      null,
    );
    expect(cart).toMatchObject({ subtotal: 300, discount: 300, shipping: 499, total: 499 });
  });

  it('when a coupon is restricted to a category, then only those lines count toward its discount', () => {
    const kitchen = new ObjectId();
    const cart = priceCart(
      [item('pan', 1, 4000), item('book', 1, 2000)],
      catalog(product('pan', 4000, 5, { categoryId: kitchen.toHexString() }), product('book', 2000)),
      settings,
      couponOf({ type: 'percent', value: 25, categoryIds: [kitchen] }),
      null,
    );
    expect(cart.discount).toBe(1000);
  });

  it('when the coupon no longer applies, then the cart says why and gives no discount', () => {
    const cart = priceCart(
      [item('a', 1, 1000)],
      catalog(product('a', 1000)),
      settings,
      couponOf({ minSubtotal: 2000 }),
      null,
    );
    expect(cart.discount).toBe(0);
    expect(cart.couponProblem).toEqual({ code: 'COUPON_MINIMUM_NOT_MET', message: expect.stringContaining('$20.00') });
    expect(cart.coupon?.code).toBe('SAVE');
  });

  it('when a price changed since it was added, then the line says so and uses the current price', () => {
    const cart = priceCart([item('a', 1, 1000)], catalog(product('a', 1200)), settings, null, null);
    expect(cart.lines[0]?.notices).toEqual([{ type: 'price_changed', previousPrice: 1000 }]);
    expect(cart.total).toBe(1200 + 499);
  });

  it('when stock dropped below the quantity or the product vanished, then the cart cannot be checked out', () => {
    const low = priceCart([item('a', 5, 1000)], catalog(product('a', 1000, 2)), settings, null, null);
    expect(low.lines[0]?.notices).toEqual([{ type: 'insufficient_stock', available: 2 }]);
    expect(low.canCheckout).toBe(false);
    const gone = priceCart([item('a', 1, 1000), item('b', 1, 500)], catalog(product('b', 500)), settings, null, null);
    expect(gone.lines[0]).toMatchObject({ isPurchasable: false, notices: [{ type: 'unavailable' }], available: 0 });
    expect(gone.subtotal).toBe(500);
    expect(gone.canCheckout).toBe(false);
  });

  it('when anything that affects the amount changes, then the fingerprint changes; otherwise it is stable', () => {
    const base = () => priceCart([item('a', 1, 1000)], catalog(product('a', 1000)), settings, null, null).fingerprint;
    expect(base()).toBe(base());
    expect(priceCart([item('a', 2, 1000)], catalog(product('a', 1000)), settings, null, null).fingerprint).not.toBe(
      base(),
    );
    expect(priceCart([item('a', 1, 1000)], catalog(product('a', 1001)), settings, null, null).fingerprint).not.toBe(
      base(),
    );
  });

  it('when the cart is empty, then nothing is charged and checkout is not possible', () => {
    const cart = priceCart([], new Map(), settings, null, null);
    expect(cart).toMatchObject({ subtotal: 0, shipping: 0, total: 0, canCheckout: false });
  });
});

describe('variants', () => {
  it('when two sizes of one product are in the cart, then they are two lines, each at its own price and stock', () => {
    const small = product('tee', 1500, 3, { variantId: 'tee-s', variantTitle: 'S', sku: 'TEE-S' });
    const large = product('tee', 1700, 1, { variantId: 'tee-l', variantTitle: 'L', sku: 'TEE-L' });
    const cart = priceCart(
      [
        { ...item('tee', 2, 1500), variantId: 'tee-s' },
        { ...item('tee', 2, 1700), variantId: 'tee-l' },
      ],
      catalog(small, large),
      settings,
      null,
      null,
    );
    expect(cart.lines.map((line) => [line.variantTitle, line.sku, line.lineTotal, line.notices])).toEqual([
      ['S', 'TEE-S', 3000, []],
      ['L', 'TEE-L', 3400, [{ type: 'insufficient_stock', available: 1 }]],
    ]);
    expect(cart.subtotal).toBe(6400);
    expect(cart.canCheckout).toBe(false);
  });
});
