import { useNavigate, useParams } from 'react-router';
import { Link } from 'react-router';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { useStoreInfo } from '../../../../lib/store-info.js';
import { useCreateProduct } from '../api/create-product.js';
import { useAdminProduct } from '../api/get-admin-product.js';
import { useAdminCategories } from '../api/list-admin-categories.js';
import { useUpdateProduct } from '../api/update-product.js';
import { useAdminCurrency } from '../hooks/use-admin-currency.js';
import { EMPTY_PRODUCT_FORM, toProductFormValues, toProductInput, toProductPatch } from '../lib/product-form.js';
import { AdminLoadError } from './admin-load-error.js';
import { DeleteProductButton } from './delete-product-button.js';
import { ProductForm } from './product-form.js';
import { VariantTable } from './variant-table.js';

function FormSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-4">
      <span className="sr-only">Loading the form…</span>
      <Skeleton className="h-64 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/admin/products" className="text-sm font-medium text-brand-700 hover:underline">
      ← All products
    </Link>
  );
}

/** `/admin/products/new`: an empty form; on save, the admin lands on the new product's edit page. */
export function ProductCreatePage() {
  useDocumentTitle('New product · Admin');
  const store = useStoreInfo();
  const currency = useAdminCurrency();
  const categories = useAdminCategories();
  const create = useCreateProduct();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <div className="flex flex-col gap-6">
      <BackLink />
      <h1 className="text-2xl font-bold tracking-tight">New product</h1>
      {store.isError ? (
        <AdminLoadError error={store.error} onRetry={() => void store.refetch()} what="shop currency" />
      ) : !currency || categories.isPending ? (
        <FormSkeleton />
      ) : (
        <ProductForm
          defaultValues={EMPTY_PRODUCT_FORM}
          currency={currency.currency}
          digits={currency.digits}
          categories={categories.data?.items ?? []}
          submitLabel="Create product"
          onSave={async (values) => {
            const product = await create.mutateAsync(toProductInput(values, currency.digits));
            toast.show({ tone: 'success', title: `${product.name} was created` });
            void navigate(`/admin/products/${product.id}`, { replace: true });
            return product;
          }}
        />
      )}
    </div>
  );
}

/** `/admin/products/:id`: the product's form, saved with PATCH, and its delete button. */
export function ProductEditPage() {
  const { id = '' } = useParams();
  const product = useAdminProduct(id);
  const categories = useAdminCategories();
  const currency = useAdminCurrency(product.data?.currency);
  const update = useUpdateProduct();
  const toast = useToast();
  useDocumentTitle(`${product.data?.name ?? 'Edit product'} · Admin`);
  const data = product.data;
  const pricedPerVariant = (data?.options.length ?? 0) > 0;
  return (
    <div className="flex flex-col gap-6">
      <BackLink />
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">{data ? `Edit ${data.name}` : 'Edit product'}</h1>
        {data?.active && !data.archived && (
          <Link to={`/p/${data.slug}`} className="text-sm font-medium text-brand-700 hover:underline">
            View in the store
          </Link>
        )}
      </div>
      {product.isError ? (
        <AdminLoadError error={product.error} onRetry={() => void product.refetch()} what="product" />
      ) : !data || !currency || categories.isPending ? (
        <FormSkeleton />
      ) : (
        <ProductForm
          // A fresh form per product version: saved values become the new baseline.
          key={`${data.id}-${data.updatedAt}`}
          defaultValues={toProductFormValues(data, currency.digits)}
          currency={currency.currency}
          digits={currency.digits}
          categories={categories.data?.items ?? []}
          submitLabel="Save changes"
          onSave={async (values, loaded) => {
            const patch = toProductPatch(values, loaded, currency.digits, pricedPerVariant);
            const saved = await update.mutateAsync({ id: data.id, patch });
            toast.show({ tone: 'success', title: 'Changes saved' });
            return saved;
          }}
          actions={<DeleteProductButton id={data.id} name={data.name} />}
          pricedPerVariant={pricedPerVariant}
        />
      )}
      {data && currency && (
        <VariantTable key={`variants-${data.id}-${data.updatedAt}`} product={data} digits={currency.digits} />
      )}
    </div>
  );
}
