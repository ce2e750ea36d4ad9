import type { TCart } from '@mercato/shared';
import { Link } from 'react-router';
import { formatMoney } from '../../../lib/format-money.js';

/** The order about to be paid: lines, discount, shipping and total, exactly as the server priced them. */
export function CheckoutSummary({ cart }: { cart: TCart }) {
  const money = (amount: number) => formatMoney(amount, cart.currency);
  return (
    <section
      aria-labelledby="checkout-summary-heading"
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:p-6"
    >
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="checkout-summary-heading" className="text-lg font-semibold">
          Order summary
        </h2>
        <Link to="/cart" className="text-sm font-medium text-brand-700 underline">
          Edit cart
        </Link>
      </div>
      <ul className="flex flex-col gap-3 text-sm">
        {cart.lines.map((line) => (
          <li key={line.variantId} className="flex justify-between gap-4">
            <span>
              {line.name}
              {line.variantTitle !== 'Default' && <span className="text-slate-700"> ({line.variantTitle})</span>}{' '}
              <span className="text-slate-600">× {line.quantity}</span>
            </span>
            <span className="text-slate-900">{money(line.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className="flex flex-col gap-2 border-t border-slate-200 pt-3 text-sm">
        <div className="flex justify-between gap-4">
          <dt className="text-slate-700">Subtotal</dt>
          <dd>{money(cart.subtotal)}</dd>
        </div>
        {cart.discount > 0 && (
          <div className="flex justify-between gap-4">
            <dt className="text-slate-700">Discount{cart.coupon ? ` (${cart.coupon.code})` : ''}</dt>
            <dd className="text-green-800">−{money(cart.discount)}</dd>
          </div>
        )}
        <div className="flex justify-between gap-4">
          <dt className="text-slate-700">Shipping</dt>
          <dd>{cart.shipping === 0 ? 'Free' : money(cart.shipping)}</dd>
        </div>
        <div className="flex justify-between gap-4 border-t border-slate-200 pt-2 text-base font-semibold">
          <dt>Total</dt>
          <dd data-testid="checkout-total">{money(cart.total)}</dd>
        </div>
      </dl>
    </section>
  );
}
