import { useParams } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { useCategories } from '../api/list-categories.js';
import { CatalogNotFound } from './catalog-not-found.js';
import { ProductListing } from './product-listing.js';

/** `/c/:slug`: the category's name and description, then its products with filters, sort and paging. */
export function CategoryPage() {
  const { slug = '' } = useParams();
  const categories = useCategories();
  const category = categories.data?.items.find((item) => item.slug === slug);
  useDocumentTitle(category?.name ?? (categories.isPending ? undefined : 'Category not found'));

  if (categories.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-3">
        <span className="sr-only">Loading category…</span>
        <Skeleton className="h-9 w-64" />
        <Skeleton className="h-5 w-full max-w-xl" />
      </div>
    );
  }
  if (categories.isError) {
    return (
      <EmptyState
        as="h1"
        title="This category could not be loaded"
        description={categories.error.message}
        action={<Button onClick={() => void categories.refetch()}>Try again</Button>}
      />
    );
  }
  if (!category) return <CatalogNotFound what="category" />;
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{category.name}</h1>
        {category.description && <p className="max-w-prose text-slate-700">{category.description}</p>}
      </header>
      {/* keyed by slug: moving to another category starts with fresh listing state */}
      <ProductListing key={category.slug} category={category.slug} />
    </div>
  );
}
