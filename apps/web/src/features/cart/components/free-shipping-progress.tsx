import type { TCart } from '@mercato/shared';
import { formatMoney } from '../../../lib/format-money.js';
import { useStoreInfo } from '../../../lib/store-info.js';

/** "Add $12.00 more for free shipping" with a bar, or a confirmation once the threshold is reached. */
export function FreeShippingProgress({ cart }: { cart: TCart }) {
  const store = useStoreInfo();
  if (cart.subtotal === 0) return null;
  if (cart.freeShippingRemaining === 0) {
    return <p className="text-sm font-medium text-green-800">Your order ships free.</p>;
  }
  const spent = cart.subtotal - cart.discount;
  // The shop's own threshold (`GET /api/store`); until it is known, the cart's remaining amount implies it.
  const threshold = store.data?.freeShippingThreshold ?? spent + cart.freeShippingRemaining;
  const percent = threshold > 0 ? Math.min(100, Math.max(0, Math.round((spent / threshold) * 100))) : 100;
  const label = `Add ${formatMoney(cart.freeShippingRemaining, cart.currency)} more for free shipping`;
  return (
    <div className="flex flex-col gap-1.5">
      <p className="text-sm text-slate-700">
        {label}
        {store.data && <span className="text-slate-600"> (free from {formatMoney(threshold, cart.currency)})</span>}
      </p>
      <div
        role="progressbar"
        aria-label="Progress towards free shipping"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        {/* CSSOM width (not an inline style attribute), allowed by the strict CSP. */}
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
