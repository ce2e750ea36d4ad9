import { ORDER_STATUSES } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { describeOrderStatus } from './order-status.js';

describe('describeOrderStatus', () => {
  it('when any status is described, then it has its own non-empty label', () => {
    const labels = ORDER_STATUSES.map((status) => describeOrderStatus(status).label);

    expect(new Set(labels).size).toBe(ORDER_STATUSES.length);
    expect(labels.every((label) => label.length > 0)).toBe(true);
  });

  it('when an order awaits payment or failed, then the badge says so in words and a warning tone', () => {
    expect(describeOrderStatus('pending_payment')).toEqual({ label: 'Awaiting payment', tone: 'warning' });
    expect(describeOrderStatus('payment_failed')).toEqual({ label: 'Payment failed', tone: 'danger' });
  });
});
