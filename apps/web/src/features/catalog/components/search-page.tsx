import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { ProductListing } from './product-listing.js';

/** `/search?q=…`: search results (or every product without a query) with filters, sort and paging. */
export function SearchPage() {
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  useDocumentTitle(query ? `Search: ${query}` : 'All products');
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">
        {query ? `Results for “${query}”` : 'All products'}
      </h1>
      <ProductListing />
    </div>
  );
}
