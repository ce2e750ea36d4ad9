import { describe, expect, it } from 'vitest';
import {
  createRefundFormSchema,
  newIdempotencyKey,
  refundableAmount,
  refundAmountMinor,
  toRefundRequest,
} from './refund-form.js';

const KEY = 'refund_0123456789abcdef';

function issuesOf(values: { amount: string; restock: boolean; reason?: string }, refundable = 3649) {
  const result = createRefundFormSchema('USD', 2, refundable).safeParse({ reason: '', ...values });
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('refund amounts', () => {
  it('when part was refunded already, then only the rest is refundable', () => {
    expect(refundableAmount({ payment: { amountPaid: 3649 }, amountRefunded: 1000 })).toBe(2649);
  });

  it('when an amount is typed in major units, then it becomes exact minor units (no float rounding)', () => {
    expect(refundAmountMinor('12.30', 2, 5000)).toBe(1230);
    expect(refundAmountMinor('0.29', 2, 5000)).toBe(29);
    expect(refundAmountMinor('', 2, 5000)).toBe(5000);
    expect(refundAmountMinor('1.234', 2, 5000)).toBeNull();
    expect(refundAmountMinor('1500', 0, 5000)).toBe(1500);
  });
});

describe('refund form rules', () => {
  it('when the amount is too precise, zero or above what is refundable, then the field says why', () => {
    expect(issuesOf({ amount: '1.234', restock: false })).toEqual({ amount: 'Use at most 2 decimals' });
    expect(issuesOf({ amount: '0', restock: false })).toEqual({ amount: 'Enter an amount above zero' });
    expect(issuesOf({ amount: '36.50', restock: false })).toEqual({ amount: 'At most $36.49 can be refunded' });
  });

  it('when restocking with a partial refund, then it is refused; with the full amount it is allowed', () => {
    expect(issuesOf({ amount: '10', restock: true })).toEqual({
      restock: 'Items can only go back to stock with a full refund',
    });
    expect(issuesOf({ amount: '36.49', restock: true })).toEqual({});
    expect(issuesOf({ amount: '', restock: true })).toEqual({});
  });
});

describe('refund request', () => {
  it('when the refund is partial, then the amount is sent in minor units and restock is off', () => {
    expect(toRefundRequest({ amount: '10.05', restock: false, reason: ' damaged ' }, 2, 3649, KEY)).toEqual({
      amount: 1005,
      restock: false,
      reason: 'damaged',
      idempotencyKey: KEY,
    });
  });

  it('when the refund is full, then the amount is left out so the API refunds exactly what is left', () => {
    expect(toRefundRequest({ amount: '36.49', restock: true, reason: '' }, 2, 3649, KEY)).toEqual({
      restock: true,
      reason: '',
      idempotencyKey: KEY,
    });
  });

  it('when keys are generated, then each is new and matches the API pattern', () => {
    const first = newIdempotencyKey();

    expect(first).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(newIdempotencyKey()).not.toBe(first);
  });
});
