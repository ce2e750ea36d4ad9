import { Link, useParams } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { ApiError } from '../../../lib/api-error.js';
import { useOrder } from '../api/get-order.js';
import { formatDateTime } from '../lib/format-date.js';
import { OrderAddress } from './order-address.js';
import { OrderLines } from './order-lines.js';
import { OrderStatusBadge } from './order-status-badge.js';
import { OrderTimeline } from './order-timeline.js';
import { OrderTotals } from './order-totals.js';

const CARD = 'flex flex-col gap-3 rounded-lg border border-slate-200 p-4 sm:p-6';

/** `/orders/:id`: status, resume payment while unpaid, lines, totals, address and the timeline. */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const query = useOrder(id);
  useDocumentTitle(query.data ? `Order ${query.data.number}` : 'Order');

  if (query.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading the order" className="flex flex-col gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  if (query.isError) {
    const isMissing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <EmptyState
        as="h1"
        title={isMissing ? 'Order not found' : 'This order could not be loaded'}
        description={isMissing ? 'It is not one of your orders.' : query.error.message}
        action={
          isMissing ? (
            <Link to="/orders" className={buttonClasses()}>
              Your orders
            </Link>
          ) : (
            <Button onClick={() => void query.refetch()}>Try again</Button>
          )
        }
      />
    );
  }
  const order = query.data;
  return (
    <div className="flex flex-col gap-6">
      <Link to="/orders" className="text-sm font-medium text-brand-700 underline">
        ← Your orders
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Order {order.number}</h1>
        <OrderStatusBadge status={order.status} />
      </div>
      <p className="-mt-4 text-sm text-slate-600">Placed {formatDateTime(order.createdAt)}</p>
      {order.status === 'pending_payment' && order.checkoutUrl && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-amber-50 p-4 text-sm text-amber-950">
          <p>This order is waiting for payment. Its items are held for you for a short while.</p>
          <a href={order.checkoutUrl} className={buttonClasses()}>
            Resume payment
          </a>
        </div>
      )}
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-6">
          <section aria-labelledby="order-items" className={CARD}>
            <h2 id="order-items" className="text-lg font-semibold">
              Items
            </h2>
            <OrderLines order={order} />
            <OrderTotals order={order} />
          </section>
          <section aria-labelledby="order-history" className={CARD}>
            <h2 id="order-history" className="text-lg font-semibold">
              History
            </h2>
            <OrderTimeline timeline={order.timeline} />
          </section>
        </div>
        <section aria-labelledby="order-address" className={CARD}>
          <h2 id="order-address" className="text-lg font-semibold">
            Shipping to
          </h2>
          <OrderAddress address={order.shippingAddress} />
        </section>
      </div>
    </div>
  );
}
