import type { TOrderStatus } from '@mercato/shared';
import { Badge } from '../../../../components/ui/badge.js';
import { describeOrderStatus } from '../../../../lib/order-status.js';

/** An order's status as a labelled badge (same words as the shopper sees). */
export function AdminOrderStatusBadge({ status }: { status: TOrderStatus }) {
  const { label, tone } = describeOrderStatus(status);
  return <Badge tone={tone}>{label}</Badge>;
}
