import { Link } from 'react-router';
import { buttonClasses } from '../../../../components/ui/button-styles.js';
import { EmptyState } from '../../../../components/ui/empty-state.js';
import { Pagination } from '../../../../components/ui/pagination.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { cn } from '../../../../lib/cn.js';
import { useAdminProducts } from '../api/list-admin-products.js';
import { useAdminProductsParams } from '../hooks/use-admin-products-params.js';
import { AdminLoadError } from './admin-load-error.js';
import { ProductsTable } from './products-table.js';
import { ProductsToolbar } from './products-toolbar.js';

function summary(total: number | undefined): string {
  if (total === undefined) return 'Loading products…';
  return total === 1 ? '1 product' : `${total.toLocaleString()} products`;
}

/** `/admin/products`: searchable, filterable, paged table with quick stock edit and active/featured switches. */
export function ProductsPage() {
  useDocumentTitle('Products · Admin');
  const [state, update] = useAdminProductsParams();
  const products = useAdminProducts(state);
  const data = products.data;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Products</h1>
        <Link to="/admin/products/new" className={buttonClasses()}>
          New product
        </Link>
      </div>
      <ProductsToolbar state={state} onChange={update} />
      <p role="status" className="text-sm text-slate-700">
        {products.isError ? '' : summary(data?.pageInfo.total)}
      </p>
      {products.isError && !data ? (
        <AdminLoadError error={products.error} onRetry={() => void products.refetch()} what="products" />
      ) : data?.items.length === 0 ? (
        <EmptyState
          title={state.q || state.status !== 'all' ? 'No products match' : 'No products yet'}
          action={
            <Link to="/admin/products/new" className={buttonClasses({ variant: 'secondary' })}>
              Create a product
            </Link>
          }
        />
      ) : (
        <div className={cn('transition-opacity', products.isPlaceholderData && 'opacity-60')}>
          <ProductsTable products={data?.items} caption="Products" />
        </div>
      )}
      {data && (
        <Pagination
          page={data.pageInfo.page}
          pageCount={data.pageInfo.totalPages}
          onPageChange={(page) => update({ page })}
          label="Product pages"
        />
      )}
    </div>
  );
}
