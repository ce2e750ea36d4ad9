import type { TOrder } from '@mercato/shared';
import { formatMoney } from '../../../lib/format-money.js';

/** Subtotal, discount, shipping, total and any refund of an order. */
export function OrderTotals({ order }: { order: TOrder }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const rows: [string, string][] = [
    ['Subtotal', money(order.subtotal)],
    ...(order.discount > 0
      ? [
          [`Discount${order.couponCode ? ` (${order.couponCode})` : ''}`, `−${money(order.discount)}`] as [
            string,
            string,
          ],
        ]
      : []),
    ['Shipping', order.shipping === 0 ? 'Free' : money(order.shipping)],
  ];
  return (
    <dl className="flex flex-col gap-2 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-4">
          <dt className="text-slate-700">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      <div className="flex justify-between gap-4 border-t border-slate-200 pt-2 text-base font-semibold">
        <dt>Total</dt>
        <dd>{money(order.total)}</dd>
      </div>
      {order.amountRefunded > 0 && (
        <div className="flex justify-between gap-4 text-slate-700">
          <dt>Refunded</dt>
          <dd>{money(order.amountRefunded)}</dd>
        </div>
      )}
    </dl>
  );
}
