import { Badge, type TBadgeTone } from '../../../../components/ui/badge.js';
import type { TCouponState } from '../lib/coupon-form.js';

const STATES: Record<TCouponState, { label: string; tone: TBadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  inactive: { label: 'Inactive', tone: 'neutral' },
  scheduled: { label: 'Scheduled', tone: 'warning' },
  expired: { label: 'Expired', tone: 'neutral' },
  'used-up': { label: 'Used up', tone: 'warning' },
};

/** Where a coupon stands right now, in words. */
export function CouponStateBadge({ state }: { state: TCouponState }) {
  return <Badge tone={STATES[state].tone}>{STATES[state].label}</Badge>;
}
