import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { ProductListing } from './product-listing.js';
import { SearchResults } from './search-results.js';

/** `/search?q=…`: ranked search results with facets; without a query, every product with the listing's filters. */
export function SearchPage() {
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  useDocumentTitle(query ? `Search: ${query}` : 'All products');
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">
        {query ? `Results for “${query}”` : 'All products'}
      </h1>
      {query ? <SearchResults /> : <ProductListing />}
    </div>
  );
}
