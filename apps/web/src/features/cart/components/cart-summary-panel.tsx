import type { TCart } from '@mercato/shared';
import type { TCartOwner } from '../stores/cart-owner-store.js';
import { CartTotals } from './cart-totals.js';
import { CheckoutLink } from './checkout-link.js';
import { CouponSection } from './coupon-section.js';
import { FreeShippingProgress } from './free-shipping-progress.js';

/** The cart page's side panel: free-shipping progress, discount code, totals and the way to checkout. */
export function CartSummaryPanel({ cart, owner, isUpdating }: { cart: TCart; owner: TCartOwner; isUpdating: boolean }) {
  return (
    <section
      aria-labelledby="cart-summary-heading"
      aria-busy={isUpdating || undefined}
      className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:p-6 lg:sticky lg:top-4"
    >
      <h2 id="cart-summary-heading" className="text-lg font-semibold">
        Order summary
      </h2>
      <FreeShippingProgress cart={cart} />
      <CouponSection cart={cart} owner={owner} />
      <CartTotals cart={cart} />
      <CheckoutLink cart={cart} owner={owner} />
    </section>
  );
}
