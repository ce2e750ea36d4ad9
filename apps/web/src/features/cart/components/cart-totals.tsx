import type { TCart } from '@mercato/shared';
import { formatMoney } from '../../../lib/format-money.js';

/** Subtotal, discount, shipping and total, as computed by the server. Changes are announced politely. */
export function CartTotals({ cart }: { cart: TCart }) {
  const money = (amount: number) => formatMoney(amount, cart.currency);
  return (
    <dl className="flex flex-col gap-2 text-sm" aria-live="polite">
      <div className="flex justify-between gap-4">
        <dt className="text-slate-700">Subtotal</dt>
        <dd className="text-slate-900">{money(cart.subtotal)}</dd>
      </div>
      {cart.discount > 0 && (
        <div className="flex justify-between gap-4">
          <dt className="text-slate-700">Discount{cart.coupon ? ` (${cart.coupon.code})` : ''}</dt>
          <dd className="text-green-800">−{money(cart.discount)}</dd>
        </div>
      )}
      <div className="flex justify-between gap-4">
        <dt className="text-slate-700">Shipping</dt>
        <dd className="text-slate-900">{cart.shipping === 0 ? 'Free' : money(cart.shipping)}</dd>
      </div>
      <div className="flex justify-between gap-4 border-t border-slate-200 pt-2 text-base font-semibold">
        <dt>Total</dt>
        <dd data-testid="cart-total">{money(cart.total)}</dd>
      </div>
    </dl>
  );
}
