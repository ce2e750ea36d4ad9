import type { TAdminOrder } from '@mercato/shared';
import { Link } from 'react-router';
import { formatMoney } from '../../../../lib/format-money.js';

const CARD = 'flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4';
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Customer, shipping address, payment and refunds of an order. */
export function OrderInfo({ order }: { order: TAdminOrder }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const address = order.shippingAddress;
  const region = new Intl.DisplayNames(['en'], { type: 'region' });
  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="order-customer" className={CARD}>
        <h2 id="order-customer" className="font-semibold">
          Customer
        </h2>
        <p className="text-sm">
          {order.customerName}
          <br />
          <a href={`mailto:${order.email}`} className="text-brand-700 underline">
            {order.email}
          </a>
        </p>
        <Link to={`/admin/orders?q=${encodeURIComponent(order.email)}`} className="text-sm text-brand-700 underline">
          Their other orders
        </Link>
      </section>
      <section aria-labelledby="order-ship-to" className={CARD}>
        <h2 id="order-ship-to" className="font-semibold">
          Ship to
        </h2>
        <address className="text-sm leading-relaxed not-italic">
          {address.name}
          <br />
          {address.line1}
          {address.line2 ? `, ${address.line2}` : ''}
          <br />
          {address.postalCode} {address.city}, {region.of(address.country) ?? address.country}
          <br />
          {address.phone}
        </address>
      </section>
      <section aria-labelledby="order-payment" className={CARD}>
        <h2 id="order-payment" className="font-semibold">
          Payment
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">Paid</dt>
          <dd>{money(order.payment.amountPaid)}</dd>
          <dt className="text-slate-600">Refunded</dt>
          <dd>{money(order.amountRefunded)}</dd>
          <dt className="text-slate-600">Payment</dt>
          <dd className="font-mono text-xs break-all">{order.payment.paymentIntentId ?? '—'}</dd>
        </dl>
        {order.refunds.length > 0 && (
          <ul aria-label="Refunds" className="flex flex-col gap-1 border-t border-slate-200 pt-2 text-sm">
            {order.refunds.map((refund) => (
              <li key={refund.id}>
                {money(refund.amount)} on {dateTime.format(new Date(refund.createdAt))}
                {refund.restocked ? ', restocked' : ''}
                {refund.reason ? ` (${refund.reason})` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
