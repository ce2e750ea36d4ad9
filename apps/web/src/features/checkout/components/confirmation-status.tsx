import type { TOrder } from '@mercato/shared';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { Spinner } from '../../../components/ui/spinner.js';
import { formatMoney } from '../../../lib/format-money.js';

export interface ConfirmationStatusProps {
  order: TOrder | undefined;
  error: Error | null;
  /** The payment has been pending for a while: say that it can take longer. */
  isSlow: boolean;
  /** Polling stopped with the payment still pending. */
  hasGivenUp: boolean;
  onRetry: () => void;
}

const PANEL = 'mx-auto flex max-w-xl flex-col items-center gap-4 py-10 text-center';

/** The success page's states: confirming (live region), confirmed, failed, or could not be checked. */
export function ConfirmationStatus({ order, error, isSlow, hasGivenUp, onRetry }: ConfirmationStatusProps) {
  if (!order && error) {
    return (
      <div className={PANEL}>
        <h1 className="text-2xl font-bold">We could not check your payment</h1>
        <p className="text-slate-700">{error.message}</p>
        <Button onClick={onRetry}>Try again</Button>
      </div>
    );
  }
  if (!order || order.status === 'pending_payment') {
    return (
      <div className={PANEL} role="status" aria-live="polite">
        <Spinner size="lg" isDecorative />
        <h1 className="text-2xl font-bold">Confirming your payment…</h1>
        <p className="text-slate-700">
          {hasGivenUp
            ? 'The payment provider has not confirmed it yet. We will email you as soon as it does; your order is under Your orders.'
            : isSlow
              ? 'This is taking longer than usual. You can keep this page open.'
              : 'This takes a few seconds. Please keep this page open.'}
        </p>
        {hasGivenUp && <Button onClick={onRetry}>Check again</Button>}
      </div>
    );
  }
  if (order.status === 'payment_failed' || order.status === 'cancelled') {
    return (
      <div className={PANEL} role="alert">
        <h1 className="text-2xl font-bold">The payment did not go through</h1>
        <p className="text-slate-700">Nothing was charged and your cart is kept. You can try again.</p>
        <Link to="/cart" className={buttonClasses()}>
          Back to your cart
        </Link>
      </div>
    );
  }
  return (
    <div className={PANEL} role="status">
      <h1 className="text-2xl font-bold">Thank you! Your order is confirmed.</h1>
      <p className="text-slate-700">
        Order <span className="font-semibold">{order.number}</span> · {formatMoney(order.total, order.currency)}. A
        confirmation email is on its way.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link to={`/orders/${order.id}`} className={buttonClasses()}>
          View your order
        </Link>
        <Link to="/" className={buttonClasses({ variant: 'secondary' })}>
          Continue shopping
        </Link>
      </div>
    </div>
  );
}
