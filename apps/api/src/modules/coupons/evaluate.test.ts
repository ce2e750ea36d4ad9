import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { coversCategory, evaluateCoupon } from './evaluate.js';
import type { CouponDoc } from './model.js';

const now = new Date('2026-06-15T12:00:00Z');
const coupon = (extra: Partial<CouponDoc> = {}): CouponDoc => ({
  _id: new ObjectId(),
  code: 'SPRING',
  description: '',
  type: 'percent',
  value: 20,
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
  createdAt: now,
  updatedAt: now,
  ...extra,
});
const input = (extra: Partial<Parameters<typeof evaluateCoupon>[1]> = {}) => ({
  lines: [{ categoryId: null, lineTotal: 10_000 }],
  subtotal: 10_000,
  currency: 'USD',
  now,
  userId: 'u1',
  usesByCustomer: 0,
  ...extra,
});
const codeOf = (result: ReturnType<typeof evaluateCoupon>) => (result.ok ? 'OK' : result.code);

describe('evaluateCoupon', () => {
  it('when everything holds, then the discount is computed', () => {
    expect(evaluateCoupon(coupon(), input())).toEqual({ ok: true, discount: 2000, eligibleSubtotal: 10_000 });
  });

  it('when each rule fails, then its own error code comes back', () => {
    expect(codeOf(evaluateCoupon(null, input()))).toBe('COUPON_INVALID');
    expect(codeOf(evaluateCoupon(coupon({ active: false }), input()))).toBe('COUPON_INACTIVE');
    expect(codeOf(evaluateCoupon(coupon({ startsAt: new Date('2026-07-01') }), input()))).toBe('COUPON_NOT_STARTED');
    expect(codeOf(evaluateCoupon(coupon({ endsAt: new Date('2026-06-15T12:00:00Z') }), input()))).toBe(
      'COUPON_EXPIRED',
    );
    expect(codeOf(evaluateCoupon(coupon({ usageLimit: 5, remaining: 0 }), input()))).toBe('COUPON_EXHAUSTED');
    expect(codeOf(evaluateCoupon(coupon({ perCustomerLimit: 2 }), input({ usesByCustomer: 2 })))).toBe(
      'COUPON_ALREADY_USED',
    );
    expect(codeOf(evaluateCoupon(coupon({ minSubtotal: 10_001 }), input()))).toBe('COUPON_MINIMUM_NOT_MET');
    expect(codeOf(evaluateCoupon(coupon({ categoryIds: [new ObjectId()] }), input()))).toBe('COUPON_NOT_APPLICABLE');
  });

  it('when a personal coupon is used by someone else, then it is just invalid (no hint that it exists)', () => {
    const owner = new ObjectId();
    expect(codeOf(evaluateCoupon(coupon({ ownerUserId: owner }), input({ userId: 'someone-else' })))).toBe(
      'COUPON_INVALID',
    );
    expect(codeOf(evaluateCoupon(coupon({ ownerUserId: owner }), input({ userId: owner.toHexString() })))).toBe('OK');
  });

  it('when the coupon starts now or ends later, then it is valid; the minimum is inclusive', () => {
    expect(
      codeOf(evaluateCoupon(coupon({ startsAt: now, endsAt: new Date('2026-06-16'), minSubtotal: 10_000 }), input())),
    ).toBe('OK');
  });

  it('when unlimited per customer, then previous uses do not matter', () => {
    expect(codeOf(evaluateCoupon(coupon({ perCustomerLimit: null }), input({ usesByCustomer: 50 })))).toBe('OK');
  });

  it('when the stored coupon breaks its own rules (a percentage over 100, a zero or fractional value), then it applies to nothing instead of throwing', () => {
    for (const broken of [
      coupon({ type: 'percent', value: 5000 }),
      coupon({ type: 'fixed', value: 0 }),
      coupon({ type: 'fixed', value: 2.5 }),
    ]) {
      expect(evaluateCoupon(broken, input())).toEqual({
        ok: false,
        code: 'COUPON_NOT_APPLICABLE',
        message: 'This code cannot be used at the moment.',
      });
    }
    expect(codeOf(evaluateCoupon(coupon({ type: 'percent', value: 100 }), input()))).toBe('OK');
  });

  it('when a coupon names categories, then it covers only lines in them; without categories, every line', () => {
    const category = new ObjectId();
    expect(coversCategory(coupon({ categoryIds: [category] }), category.toHexString())).toBe(true);
    expect(coversCategory(coupon({ categoryIds: [category] }), new ObjectId().toHexString())).toBe(false);
    expect(coversCategory(coupon({ categoryIds: [category] }), null)).toBe(false);
    expect(coversCategory(coupon(), null)).toBe(true);
  });
});
