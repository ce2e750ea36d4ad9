import type { TCoupon } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import {
  couponState,
  createCouponFormSchema,
  EMPTY_COUPON_FORM,
  fromCoupon,
  fromLocalDateTime,
  toCouponInput,
  toLocalDateTime,
  type CouponFormValues,
} from './coupon-form.js';

function issuesOf(change: Partial<CouponFormValues>) {
  const result = createCouponFormSchema(2).safeParse({
    ...EMPTY_COUPON_FORM,
    code: 'SPRING-10',
    value: '10',
    ...change,
  });
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

const STORED: TCoupon = {
  id: 'a'.repeat(24),
  code: 'FIVEOFF',
  description: '5 off',
  type: 'fixed',
  value: 505,
  startsAt: null,
  endsAt: '2026-06-30T22:00:00.000Z',
  minSubtotal: 2000,
  usageLimit: 100,
  perCustomerLimit: null,
  active: true,
  categoryIds: [],
  redeemedCount: 3,
  reservedCount: 1,
  source: 'admin',
  ownerUserId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('coupon form rules', () => {
  it('when the code, percentage or limits break the API rules, then each field says how to fix it', () => {
    expect(issuesOf({ code: 'x' })).toEqual({
      code: 'Use 3–40 letters, digits, dashes or underscores, like SPRING-10',
    });
    expect(issuesOf({ value: '101' })).toEqual({ value: 'Enter a whole percentage from 1 to 100' });
    expect(issuesOf({ value: '12.5' })).toEqual({ value: 'Enter a whole percentage from 1 to 100' });
    expect(issuesOf({ usageLimit: '0', perCustomerLimit: 'two' })).toEqual({
      usageLimit: 'Enter a whole number of at least 1, or leave empty for no limit',
      perCustomerLimit: 'Enter a whole number of at least 1, or leave empty for no limit',
    });
  });

  it('when a fixed amount has too many decimals or the end is before the start, then that is refused', () => {
    expect(issuesOf({ type: 'fixed', value: '5.001' })).toEqual({ value: 'Use at most 2 decimals' });
    expect(issuesOf({ startsAt: '2026-05-01T10:00', endsAt: '2026-05-01T09:00' })).toEqual({
      endsAt: 'Must be after the start',
    });
  });
});

describe('coupon form conversion', () => {
  it('when a fixed-amount coupon is submitted, then amounts become exact minor units and empty limits null', () => {
    const input = toCouponInput(
      {
        ...EMPTY_COUPON_FORM,
        code: ' spring-5 ',
        type: 'fixed',
        value: '5.05',
        minSubtotal: '20',
        perCustomerLimit: '',
      },
      2,
    );

    expect(input).toMatchObject({
      code: 'SPRING-5',
      type: 'fixed',
      value: 505,
      minSubtotal: 2000,
      usageLimit: null,
      perCustomerLimit: null,
      startsAt: null,
      endsAt: null,
    });
  });

  it('when a stored coupon is edited, then its values come back as the inputs show them', () => {
    const values = fromCoupon(STORED, 2);

    expect(values).toMatchObject({ value: '5.05', minSubtotal: '20.00', usageLimit: '100', perCustomerLimit: '' });
    expect(fromLocalDateTime(values.endsAt)).toBe(STORED.endsAt);
  });

  it('when a datetime-local value round-trips, then the instant is the same', () => {
    const local = toLocalDateTime('2026-03-12T09:30:00.000Z');

    expect(fromLocalDateTime(local)).toBe('2026-03-12T09:30:00.000Z');
    expect(fromLocalDateTime('')).toBeNull();
  });
});

describe('couponState', () => {
  const now = Date.parse('2026-03-12T12:00:00Z');

  it('when a coupon is inactive, expired, not started or used up, then the list says so', () => {
    expect(couponState({ ...STORED, active: false }, now)).toBe('inactive');
    expect(couponState({ ...STORED, endsAt: '2026-03-01T00:00:00Z' }, now)).toBe('expired');
    expect(couponState({ ...STORED, startsAt: '2026-04-01T00:00:00Z' }, now)).toBe('scheduled');
    expect(couponState({ ...STORED, usageLimit: 4 }, now)).toBe('used-up');
    expect(couponState(STORED, now)).toBe('active');
  });
});
