import { describe, expect, it } from 'vitest';
import { describeDiscount, personalCouponState, sortPersonalCoupons, type TPersonalCoupon } from './personal-coupon.js';

const now = Date.parse('2026-03-12T12:00:00Z');
function coupon(patch: Partial<TPersonalCoupon>): TPersonalCoupon {
  return { code: 'THANKS10', description: '', type: 'percent', value: 10, endsAt: null, isUsed: false, ...patch };
}

describe('personal coupons', () => {
  it('when a code is unused and not past its end, then it is available; otherwise used or expired', () => {
    expect(personalCouponState(coupon({}), now)).toBe('available');
    expect(personalCouponState(coupon({ endsAt: '2026-03-13T00:00:00.000Z' }), now)).toBe('available');
    expect(personalCouponState(coupon({ endsAt: '2026-03-12T12:00:00.000Z' }), now)).toBe('expired');
    expect(personalCouponState(coupon({ isUsed: true, endsAt: '2026-01-01T00:00:00.000Z' }), now)).toBe('used');
  });

  it('when the discount is described, then percentages need no currency and amounts use its digits', () => {
    expect(describeDiscount(coupon({}), undefined)).toBe('10% off');
    expect(describeDiscount(coupon({ type: 'fixed', value: 505 }), 'USD')).toBe('$5.05 off');
    expect(describeDiscount(coupon({ type: 'fixed', value: 500 }), 'JPY')).toMatch(/500 off$/);
    expect(describeDiscount(coupon({ type: 'fixed', value: 505 }), undefined)).toBe('');
  });

  it('when codes are listed, then usable ones come first, the soonest to expire leading', () => {
    const sorted = sortPersonalCoupons(
      [
        coupon({ code: 'USED', isUsed: true }),
        coupon({ code: 'LATER', endsAt: '2026-06-01T00:00:00.000Z' }),
        coupon({ code: 'OPEN' }),
        coupon({ code: 'SOON', endsAt: '2026-03-20T00:00:00.000Z' }),
        coupon({ code: 'GONE', endsAt: '2026-03-01T00:00:00.000Z' }),
      ],
      now,
    );

    expect(sorted.map((entry) => entry.code)).toEqual(['SOON', 'LATER', 'OPEN', 'GONE', 'USED']);
  });
});
