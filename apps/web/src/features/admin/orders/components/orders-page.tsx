import { EmptyState } from '../../../../components/ui/empty-state.js';
import { Pagination } from '../../../../components/ui/pagination.js';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { cn } from '../../../../lib/cn.js';
import { AdminQueryError } from './admin-query-error.js';
import { useAdminOrders } from '../api/list-admin-orders.js';
import { useAdminOrdersParams } from '../hooks/use-admin-orders-params.js';
import { OrdersFilters } from './orders-filters.js';
import { OrdersTable } from './orders-table.js';

function summary(total: number | undefined): string {
  if (total === undefined) return 'Loading orders…';
  return total === 1 ? '1 order' : `${total.toLocaleString()} orders`;
}

/** `/admin/orders`: orders filtered by status, dates and search (all in the URL), newest first, paged. */
export function AdminOrdersPage() {
  useDocumentTitle('Orders · Admin');
  const [state, update] = useAdminOrdersParams();
  const orders = useAdminOrders(state);
  const data = orders.data;
  const isFiltered = state.q !== '' || state.status !== 'all' || state.from !== '' || state.to !== '';
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Orders</h1>
      <OrdersFilters state={state} onChange={update} />
      <p role="status" className="text-sm text-slate-700">
        {orders.isError ? '' : summary(data?.pageInfo.total)}
      </p>
      {orders.isError && !data ? (
        <AdminQueryError error={orders.error} onRetry={() => void orders.refetch()} what="orders" />
      ) : !data ? (
        <Skeleton className="h-64 w-full" />
      ) : data.items.length === 0 ? (
        <EmptyState title={isFiltered ? 'No orders match these filters' : 'No orders yet'} />
      ) : (
        <div className={cn('transition-opacity', orders.isPlaceholderData && 'opacity-60')}>
          <OrdersTable orders={data.items} />
        </div>
      )}
      {data && (
        <Pagination
          page={data.pageInfo.page}
          pageCount={data.pageInfo.totalPages}
          onPageChange={(page) => update({ page })}
          label="Order pages"
        />
      )}
    </div>
  );
}
