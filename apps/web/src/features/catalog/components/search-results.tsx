import { Link } from 'react-router';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useStoreCurrency } from '../../../lib/store-info.js';
import { useSearchResults } from '../api/search-products.js';
import {
  changeSearch,
  parseSearchParams,
  toSearchParams,
  SORT_LABELS,
  toSearchQuery,
  type SearchState,
} from '../lib/search-params.js';
import { ListingResults } from './listing-results.js';
import { SearchFacets } from './search-facets.js';
import { SortSelect } from './sort-select.js';

const toParams = (state: SearchState, change: Partial<SearchState>) => toSearchParams(changeSearch(state, change));

function resultCount(total: number | undefined, isCapped: boolean): string {
  if (total === undefined) return 'Searching…';
  if (isCapped) return `More than ${total.toLocaleString()} products: add a word to narrow them down`;
  return total === 1 ? '1 product' : `${total.toLocaleString()} products`;
}

/** `/search?q=…`: ranked results with facets and counts, sort, paging and, when nothing matched, "did you mean". */
export function SearchResults() {
  const [state, update] = useUrlState(parseSearchParams, toParams);
  const store = useStoreCurrency();
  const query = useSearchResults(toSearchQuery(state));
  const data = query.data;
  const suggestion = data?.didYouMean;

  return (
    <div className="grid gap-8 lg:grid-cols-[15rem_minmax(0,1fr)]">
      <SearchFacets state={state} facets={data?.facets} currency={store?.currency} onChange={update} />
      <div className="flex flex-col gap-6" aria-busy={query.isFetching}>
        {suggestion && (
          <p className="rounded-md bg-amber-50 px-4 py-3 text-slate-900">
            Did you mean{' '}
            <Link
              to={`/search?${toSearchParams({ ...state, q: suggestion, page: 1 }).toString()}`}
              className="font-semibold text-brand-700 underline"
            >
              {suggestion}
            </Link>
            ?
          </p>
        )}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <p role="status" className="text-sm text-slate-700">
            {resultCount(data?.pageInfo.total, data?.isCapped ?? false)}
          </p>
          <SortSelect value={state.sort} labels={SORT_LABELS} onChange={(sort) => update({ sort })} />
        </div>
        <ListingResults
          data={data}
          error={query.error}
          isStale={query.isPlaceholderData}
          hasFilters={state.category.length > 0 || state.price.length > 0 || state.inStock}
          hasSearch
          onClearFilters={() => update({ category: [], price: [], inStock: false })}
          onRetry={() => void query.refetch()}
          getPageHref={(page) => `/search?${toSearchParams({ ...state, page }).toString()}`}
        />
      </div>
    </div>
  );
}
