import type { TCoupon } from '@mercato/shared';
import { Button } from '../../../../components/ui/button.js';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../../components/ui/table.js';
import { formatMoney } from '../../../../lib/format-money.js';
import { couponState } from '../lib/coupon-form.js';
import { CouponStateBadge } from './coupon-state-badge.js';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function validity(coupon: TCoupon): string {
  const from = coupon.startsAt ? day.format(new Date(coupon.startsAt)) : null;
  const to = coupon.endsAt ? day.format(new Date(coupon.endsAt)) : null;
  if (from && to) return `${from} – ${to}`;
  if (from) return `From ${from}`;
  if (to) return `Until ${to}`;
  return 'Always';
}

export interface CouponsTableProps {
  coupons: readonly TCoupon[];
  currency: string;
  /** Epoch ms the statuses are computed for (passed in so rendering stays pure). */
  now: number;
  busyId: string | null;
  onEdit: (coupon: TCoupon) => void;
  onToggleActive: (coupon: TCoupon) => void;
}

/** Coupons with their discount, validity, minimum, usage (redeemed, reserved, limit) and status. */
export function CouponsTable({ coupons, currency, now, busyId, onEdit, onToggleActive }: CouponsTableProps) {
  const money = (amount: number) => formatMoney(amount, currency);
  return (
    <Table caption="Coupons" hideCaption>
      <TableHead>
        <tr>
          <TableHeaderCell>Code</TableHeaderCell>
          <TableHeaderCell>Discount</TableHeaderCell>
          <TableHeaderCell>Valid</TableHeaderCell>
          <TableHeaderCell className="text-right">Minimum</TableHeaderCell>
          <TableHeaderCell>Used</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {coupons.map((coupon) => (
          <TableRow key={coupon.id}>
            <TableCell>
              <div className="flex flex-col">
                <span className="font-mono font-semibold">{coupon.code}</span>
                {coupon.description && <span className="text-slate-600">{coupon.description}</span>}
              </div>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {coupon.type === 'percent' ? `${coupon.value}%` : money(coupon.value)}
            </TableCell>
            <TableCell className="whitespace-nowrap">{validity(coupon)}</TableCell>
            <TableCell className="text-right">{coupon.minSubtotal > 0 ? money(coupon.minSubtotal) : '—'}</TableCell>
            <TableCell className="whitespace-nowrap">
              {coupon.redeemedCount} redeemed
              {coupon.usageLimit !== null ? ` of ${coupon.usageLimit}` : ''}
              <span className="block text-slate-600">
                {coupon.reservedCount} in checkout
                {coupon.perCustomerLimit !== null ? ` · ${coupon.perCustomerLimit} per customer` : ''}
              </span>
            </TableCell>
            <TableCell>
              <CouponStateBadge state={couponState(coupon, now)} />
            </TableCell>
            <TableCell>
              <div className="flex justify-end gap-1">
                <Button size="sm" variant="ghost" onClick={() => onEdit(coupon)}>
                  Edit<span className="sr-only"> {coupon.code}</span>
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  isLoading={busyId === coupon.id}
                  onClick={() => onToggleActive(coupon)}
                >
                  {coupon.active ? 'Deactivate' : 'Activate'}
                  <span className="sr-only"> {coupon.code}</span>
                </Button>
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
