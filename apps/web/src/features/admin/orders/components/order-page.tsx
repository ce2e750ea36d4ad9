import { Link, useParams } from 'react-router';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { useAdminOrder } from '../api/get-admin-order.js';
import { AdminOrderStatusBadge } from './admin-order-status-badge.js';
import { AdminOrderTimeline } from './admin-order-timeline.js';
import { AdminQueryError } from './admin-query-error.js';
import { OrderActions } from './order-actions.js';
import { OrderInfo } from './order-info.js';
import { OrderLinesTable } from './order-lines-table.js';

/** `/admin/orders/:id`: status with the allowed actions, lines and totals, customer, payment, refunds and timeline. */
export function AdminOrderPage() {
  const { id = '' } = useParams();
  const query = useAdminOrder(id);
  useDocumentTitle(query.data ? `Order ${query.data.number} · Admin` : 'Order · Admin');

  let content;
  if (query.isPending) content = <Skeleton className="h-96 w-full" />;
  else if (query.isError)
    content = <AdminQueryError error={query.error} onRetry={() => void query.refetch()} what="order" />;
  else {
    const order = query.data;
    content = (
      <>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight">Order {order.number}</h1>
          <AdminOrderStatusBadge status={order.status} />
        </div>
        <OrderActions order={order} />
        <div className="grid items-start gap-6 xl:grid-cols-[1fr_20rem]">
          <div className="flex flex-col gap-6">
            <OrderLinesTable order={order} />
            <section aria-labelledby="order-timeline" className="flex flex-col gap-3">
              <h2 id="order-timeline" className="text-lg font-semibold">
                Timeline
              </h2>
              <AdminOrderTimeline timeline={order.timeline} />
            </section>
          </div>
          <OrderInfo order={order} />
        </div>
      </>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <Link to="/admin/orders" className="text-sm font-medium text-brand-700 underline">
        ← All orders
      </Link>
      {content}
    </div>
  );
}
