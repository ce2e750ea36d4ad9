import { ORDER_STATUSES } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { canTransition, isRefundable, ORDER_TRANSITIONS, statusLabel } from './status.js';

describe('order transitions', () => {
  it('when following the happy path, then each step is allowed', () => {
    expect(canTransition('pending_payment', 'paid')).toBe(true);
    expect(canTransition('paid', 'shipped')).toBe(true);
    expect(canTransition('shipped', 'delivered')).toBe(true);
  });

  it('when trying to skip or reverse steps, then the table refuses', () => {
    expect(canTransition('pending_payment', 'shipped')).toBe(false);
    expect(canTransition('delivered', 'paid')).toBe(false);
    expect(canTransition('shipped', 'pending_payment')).toBe(false);
    expect(canTransition('pending_payment', 'refunded')).toBe(false);
  });

  it('when an order is in a final state, then nothing leaves it', () => {
    for (const status of ['cancelled', 'payment_failed', 'refunded'] as const)
      expect(ORDER_TRANSITIONS[status]).toEqual([]);
  });

  it('when refunds are considered, then only orders that were paid can be refunded', () => {
    expect(ORDER_STATUSES.filter(isRefundable).sort()).toEqual(['delivered', 'paid', 'partially_refunded', 'shipped']);
  });

  it('when every status is listed, then the table and the labels cover it', () => {
    for (const status of ORDER_STATUSES) {
      expect(ORDER_TRANSITIONS[status]).toBeDefined();
      expect(statusLabel(status).length).toBeGreaterThan(0);
      for (const target of ORDER_TRANSITIONS[status]) expect(ORDER_STATUSES).toContain(target);
    }
  });
});
