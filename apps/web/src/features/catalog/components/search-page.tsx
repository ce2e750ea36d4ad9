import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { SearchIcon } from '../../../components/ui/icons.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/search?q=…`. Placeholder: the catalog feature adds results, filters, sorting and pagination. */
export function SearchPage() {
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  useDocumentTitle(query ? `Search: ${query}` : 'All products');
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">{query ? `Results for “${query}”` : 'All products'}</h1>
      <EmptyState
        icon={<SearchIcon className="size-8" />}
        title="No products to show yet"
        description="Products appear here once the catalog is connected."
      />
    </div>
  );
}
