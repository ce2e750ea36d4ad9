import { ZObjectIdSchema } from '@mercato/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { Spinner } from '../../../components/ui/spinner.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { COMMERCE_QUERY_KEYS } from '../../../lib/commerce-query-keys.js';
import { useCancelCheckout } from '../api/cancel-checkout.js';

const PANEL = 'mx-auto flex max-w-xl flex-col items-center gap-4 py-10 text-center';

/**
 * `/checkout/cancelled?order=<id>`: the shopper left the payment page. The unpaid order is cancelled (its stock and
 * coupon released) and the cart, which was never emptied, is waiting.
 */
export function CheckoutCancelledPage() {
  useDocumentTitle('Payment cancelled');
  const [searchParams] = useSearchParams();
  const orderId = searchParams.get('order') ?? '';
  const isValid = ZObjectIdSchema.safeParse(orderId).success;
  const cancel = useCancelCheckout(orderId, isValid);
  const queryClient = useQueryClient();
  const order = cancel.data;

  useEffect(() => {
    if (order) void queryClient.invalidateQueries({ queryKey: COMMERCE_QUERY_KEYS.cart });
  }, [order, queryClient]);

  if (isValid && cancel.isPending) {
    return (
      <div className={PANEL} role="status">
        <Spinner size="lg" isDecorative />
        <h1 className="text-2xl font-bold">Cancelling the payment…</h1>
      </div>
    );
  }
  if (order && order.status !== 'cancelled' && order.status !== 'payment_failed') {
    return (
      <div className={PANEL}>
        <h1 className="text-2xl font-bold">Your payment went through after all</h1>
        <p className="text-slate-700">Order {order.number} is paid; there is nothing else to do.</p>
        <Link to={`/orders/${order.id}`} className={buttonClasses()}>
          View your order
        </Link>
      </div>
    );
  }
  return (
    <div className={PANEL}>
      <h1 className="text-2xl font-bold">Payment cancelled</h1>
      <p className="text-slate-700">
        Nothing was charged. Your cart is kept, so you can change it or check out again whenever you like.
      </p>
      {cancel.isError && <p className="text-sm text-slate-600">({cancel.error.message})</p>}
      <div className="flex flex-wrap justify-center gap-3">
        <Link to="/checkout" className={buttonClasses()}>
          Check out again
        </Link>
        <Link to="/cart" className={buttonClasses({ variant: 'secondary' })}>
          Back to your cart
        </Link>
      </div>
    </div>
  );
}
