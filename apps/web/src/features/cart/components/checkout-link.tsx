import type { TCart } from '@mercato/shared';
import { Link } from 'react-router';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import type { TCartOwner } from '../stores/cart-owner-store.js';

/** "Checkout", or why not yet. Guests go through sign-in (the checkout route sends them there and back). */
export function CheckoutLink({ cart, owner, onNavigate }: { cart: TCart; owner: TCartOwner; onNavigate?: () => void }) {
  const isBlocked = !cart.canCheckout;
  if (isBlocked) {
    return (
      <div className="flex flex-col gap-2">
        <button type="button" disabled className={buttonClasses({ size: 'lg', className: 'w-full' })}>
          Checkout
        </button>
        <p className="text-sm text-red-800">Fix the items marked in your cart to check out.</p>
      </div>
    );
  }
  return (
    <Link to="/checkout" onClick={onNavigate} className={buttonClasses({ size: 'lg', className: 'w-full' })}>
      {owner === 'user' ? 'Checkout' : 'Sign in to check out'}
    </Link>
  );
}
