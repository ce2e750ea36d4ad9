import type { TOrderStatus } from '@mercato/shared';

export type TOrderStatusTone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';

/** How an order status reads to people (shoppers and staff alike) and the badge tone that goes with it. */
export function describeOrderStatus(status: TOrderStatus): { label: string; tone: TOrderStatusTone } {
  switch (status) {
    case 'pending_payment':
      return { label: 'Awaiting payment', tone: 'warning' };
    case 'paid':
      return { label: 'Paid', tone: 'brand' };
    case 'shipped':
      return { label: 'Shipped', tone: 'success' };
    case 'delivered':
      return { label: 'Delivered', tone: 'success' };
    case 'cancelled':
      return { label: 'Cancelled', tone: 'neutral' };
    case 'payment_failed':
      return { label: 'Payment failed', tone: 'danger' };
    case 'refunded':
      return { label: 'Refunded', tone: 'neutral' };
    case 'partially_refunded':
      return { label: 'Partially refunded', tone: 'warning' };
  }
}
