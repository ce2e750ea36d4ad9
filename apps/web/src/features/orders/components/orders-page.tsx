import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { Pagination } from '../../../components/ui/pagination.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { formatMoney } from '../../../lib/format-money.js';
import { useOrders } from '../api/list-orders.js';
import { formatDate } from '../lib/format-date.js';
import { OrderStatusBadge } from './order-status-badge.js';

function pageFrom(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 10_000) : 1;
}

/** `/orders?page=n`: the shopper's order history, newest first. */
export function OrdersPage() {
  useDocumentTitle('Your orders');
  const [params] = useSearchParams();
  const page = pageFrom(params);
  const orders = useOrders(page);

  let content;
  if (orders.isPending) {
    content = (
      <div aria-busy="true" aria-label="Loading your orders" className="flex flex-col gap-3">
        {[0, 1, 2].map((key) => (
          <Skeleton key={key} className="h-20 w-full" />
        ))}
      </div>
    );
  } else if (orders.isError) {
    content = (
      <EmptyState
        title="Your orders could not be loaded"
        description={orders.error.message}
        action={<Button onClick={() => void orders.refetch()}>Try again</Button>}
      />
    );
  } else if (orders.data.items.length === 0) {
    content = (
      <EmptyState
        title="No orders yet"
        description="Orders you place will be listed here."
        action={
          <Link to="/search" className={buttonClasses()}>
            Start shopping
          </Link>
        }
      />
    );
  } else {
    content = (
      <>
        <ul aria-label="Orders" className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200">
          {orders.data.items.map((order) => (
            <li
              key={order.id}
              className="relative flex flex-wrap items-center justify-between gap-3 p-4 hover:bg-slate-50"
            >
              <div className="flex flex-col gap-1">
                <Link to={`/orders/${order.id}`} className="font-semibold after:absolute after:inset-0 hover:underline">
                  Order {order.number}
                </Link>
                <p className="text-sm text-slate-600">
                  {formatDate(order.createdAt)} · {order.itemCount} {order.itemCount === 1 ? 'item' : 'items'}
                </p>
              </div>
              <div className="flex items-center gap-4">
                <OrderStatusBadge status={order.status} />
                <span className="font-semibold">{formatMoney(order.total, order.currency)}</span>
              </div>
            </li>
          ))}
        </ul>
        <Pagination
          page={page}
          pageCount={orders.data.pageInfo.totalPages}
          getHref={(target) => (target > 1 ? `/orders?page=${target}` : '/orders')}
          label="Order pages"
        />
      </>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Your orders</h1>
      {content}
    </div>
  );
}
