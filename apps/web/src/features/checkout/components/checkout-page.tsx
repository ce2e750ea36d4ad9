import type { TCart, TShippingAddress } from '@mercato/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { checkoutCartQueryOptions, useCheckoutCart } from '../api/get-checkout-cart.js';
import { useStartCheckout } from '../api/start-checkout.js';
import { describeCartChanges } from '../lib/cart-changes.js';
import { classifyCheckoutError } from '../lib/checkout-errors.js';
import { CartChangedAlert } from './cart-changed-alert.js';
import { CheckoutForm } from './checkout-form.js';
import { CheckoutSummary } from './checkout-summary.js';

export interface CheckoutPageProps {
  /** The signed-in shopper's name, to prefill the address (passed by `src/app` from the session). */
  defaultName?: string | undefined;
}

/** `/checkout`: shipping address, the order summary from the cart, and the pay button that opens the payment page. */
export function CheckoutPage({ defaultName }: CheckoutPageProps) {
  useDocumentTitle('Checkout');
  const queryClient = useQueryClient();
  const cart = useCheckoutCart();
  const start = useStartCheckout();
  const [changes, setChanges] = useState<{ title: string; items: string[] } | null>(null);
  const [isRedirecting, setIsRedirecting] = useState(false);

  async function pay(shown: TCart, shippingAddress: TShippingAddress) {
    setChanges(null);
    try {
      const { checkoutUrl } = await start.mutateAsync({ shippingAddress, cartFingerprint: shown.fingerprint });
      setIsRedirecting(true);
      window.location.assign(checkoutUrl);
    } catch (error) {
      if (classifyCheckoutError(error) !== 'cart') throw error;
      // The cart is not what the shopper saw: show the current one and say what differs before they pay again.
      const current = await queryClient.fetchQuery({ ...checkoutCartQueryOptions(), staleTime: 0 });
      const title = error instanceof Error ? error.message : 'Your cart changed.';
      setChanges({ title, items: describeCartChanges(shown, current) });
    }
  }

  let content;
  if (cart.isPending) {
    content = (
      <div aria-busy="true" aria-label="Loading checkout" className="grid gap-8 lg:grid-cols-[1fr_24rem]">
        <Skeleton className="h-96 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  } else if (cart.isError) {
    content = (
      <EmptyState
        title="Your cart could not be loaded"
        description={cart.error.message}
        action={<Button onClick={() => void cart.refetch()}>Try again</Button>}
      />
    );
  } else if (cart.data.lines.length === 0) {
    content = (
      <EmptyState
        title="Your cart is empty"
        description="Add something to your cart to check out."
        action={
          <Link to="/search" className={buttonClasses()}>
            Browse products
          </Link>
        }
      />
    );
  } else {
    const current = cart.data;
    // The API would refuse these; say why before the shopper fills in the form.
    const blocker = !current.canCheckout
      ? 'Some items in your cart are unavailable or short of stock.'
      : current.coupon && current.couponProblem
        ? `The code ${current.coupon.code} cannot be used: ${current.couponProblem.message} Remove it or change your cart.`
        : null;
    content = (
      <div className="grid items-start gap-8 lg:grid-cols-[1fr_24rem]">
        <div className="flex flex-col gap-6">
          {changes && <CartChangedAlert title={changes.title} changes={changes.items} />}
          {blocker && (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
              {blocker}{' '}
              <Link to="/cart" className="font-medium underline">
                Review your cart
              </Link>{' '}
              to continue.
            </p>
          )}
          <CheckoutForm
            cart={current}
            isBlocked={blocker !== null}
            defaultName={defaultName}
            isRedirecting={isRedirecting}
            onPay={(address) => pay(current, address)}
          />
        </div>
        <CheckoutSummary cart={current} />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Checkout</h1>
      {content}
    </div>
  );
}
