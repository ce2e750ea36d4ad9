import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useCart } from '../hooks/use-cart.js';
import type { CartDrawerState } from '../stores/cart-drawer-store.js';
import { CartLines } from './cart-lines.js';
import { CartTotals } from './cart-totals.js';
import { CheckoutLink } from './checkout-link.js';
import { FreeShippingProgress } from './free-shipping-progress.js';

export interface CartDrawerBodyProps {
  lastAdded: CartDrawerState['lastAdded'];
  onNavigate: () => void;
}

/** The drawer's content: what was just added, the lines, totals, and the ways on (cart page, checkout). */
export function CartDrawerBody({ lastAdded, onNavigate }: CartDrawerBodyProps) {
  const { owner, cart, isPending, isEmpty, error, refetch } = useCart();
  return (
    <>
      <p role="status" className={lastAdded ? 'bg-green-50 px-4 py-2 text-sm text-green-900 sm:px-6' : 'sr-only'}>
        {lastAdded ? `Added ${lastAdded.quantity} × ${lastAdded.name} to your cart.` : ''}
      </p>
      <div className="flex-1 overflow-y-auto px-4 sm:px-6">
        {isPending && (
          <div aria-busy="true" aria-label="Loading your cart" className="flex flex-col gap-4 py-4">
            <Skeleton className="h-20 w-full" />
            <Skeleton className="h-20 w-full" />
          </div>
        )}
        {!isPending && error && (
          <div className="flex flex-col items-start gap-3 py-6 text-sm">
            <p className="text-red-800">Your cart could not be loaded: {error.message}</p>
            <Button size="sm" variant="secondary" onClick={refetch}>
              Try again
            </Button>
          </div>
        )}
        {!isPending && !error && (isEmpty || !cart || cart.lines.length === 0) && (
          <p className="py-10 text-center text-slate-700">Your cart is empty.</p>
        )}
        {cart && cart.lines.length > 0 && <CartLines cart={cart} onNavigate={onNavigate} />}
      </div>
      {cart && cart.lines.length > 0 && (
        <div className="flex flex-col gap-4 border-t border-slate-200 bg-slate-50 px-4 py-4 sm:px-6">
          <FreeShippingProgress cart={cart} />
          <CartTotals cart={cart} />
          <div className="flex flex-col gap-2">
            <CheckoutLink cart={cart} owner={owner} onNavigate={onNavigate} />
            <Link
              to="/cart"
              onClick={onNavigate}
              className={buttonClasses({ variant: 'secondary', className: 'w-full' })}
            >
              View cart and discount codes
            </Link>
          </div>
        </div>
      )}
    </>
  );
}
