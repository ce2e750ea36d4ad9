import type { TOrderStatus } from '@mercato/shared';

/**
 * The one table that governs every order status change. A transition not listed here cannot happen: services call
 * `assertTransition` and write with a conditional update on the current status, so two concurrent changes cannot
 * both apply.
 */
export const ORDER_TRANSITIONS: Record<TOrderStatus, readonly TOrderStatus[]> = {
  pending_payment: ['paid', 'cancelled', 'payment_failed'],
  paid: ['shipped', 'cancelled', 'refunded', 'partially_refunded'],
  shipped: ['delivered', 'refunded', 'partially_refunded'],
  delivered: ['refunded', 'partially_refunded'],
  partially_refunded: ['partially_refunded', 'refunded', 'shipped', 'delivered'],
  cancelled: [],
  payment_failed: [],
  refunded: [],
};

export function canTransition(from: TOrderStatus, to: TOrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Statuses in which money has been taken and not fully returned (refunds are possible). */
export function isRefundable(status: TOrderStatus): boolean {
  return canTransition(status, 'refunded');
}

/** A human label per status, for timelines and emails; exhaustive so a new status cannot be forgotten. */
export function statusLabel(status: TOrderStatus): string {
  switch (status) {
    case 'pending_payment':
      return 'Awaiting payment';
    case 'paid':
      return 'Paid';
    case 'shipped':
      return 'Shipped';
    case 'delivered':
      return 'Delivered';
    case 'cancelled':
      return 'Cancelled';
    case 'payment_failed':
      return 'Payment failed';
    case 'refunded':
      return 'Refunded';
    case 'partially_refunded':
      return 'Partially refunded';
  }
}
