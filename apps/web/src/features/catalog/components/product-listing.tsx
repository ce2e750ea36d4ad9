import { useLocation } from 'react-router';
import { currencyMinorDigits } from '../../../lib/format-money.js';
import { useStoreInfo } from '../../../lib/store-info.js';
import { useProductList } from '../api/list-products.js';
import { useListingState } from '../hooks/use-listing-state.js';
import { hasListingFilters, NO_FILTERS, toListingSearchParams, toProductListParams } from '../lib/listing-params.js';
import { ListingFilters } from './listing-filters.js';
import { ListingResults } from './listing-results.js';
import { LISTING_SORT_LABELS, SortSelect } from './sort-select.js';

function resultCount(total: number | undefined): string {
  if (total === undefined) return 'Loading products…';
  return total === 1 ? '1 product' : `${total.toLocaleString()} products`;
}

/** Filters, sort, results and paging of a category or search page; all state comes from (and goes to) the URL. */
export function ProductListing({ category }: { category?: string }) {
  const { pathname } = useLocation();
  const [state, update] = useListingState();
  const store = useStoreInfo();
  // Typed prices become minor units with the shop currency's digits; if the settings cannot be loaded, 2 is the
  // common case, better than a listing that never loads.
  const digits = store.data ? currencyMinorDigits(store.data.currency) : undefined;
  const hasPriceBounds = state.minPrice !== '' || state.maxPrice !== '';
  const params = toProductListParams(state, { digits: digits ?? 2, category });
  const query = useProductList(params, { enabled: !hasPriceBounds || digits !== undefined || store.isError });
  const hasFilters = hasListingFilters(state);
  const clearFilters = () => update(NO_FILTERS);

  function getPageHref(page: number): string {
    const search = toListingSearchParams({ ...state, page }).toString();
    return search ? `${pathname}?${search}` : pathname;
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[15rem_minmax(0,1fr)]">
      <ListingFilters state={state} onChange={update} digits={digits} options={query.data?.facets.options} />
      <div className="flex flex-col gap-6" aria-busy={query.isFetching}>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <p role="status" className="text-sm text-slate-700">
            {resultCount(query.data?.pageInfo.total)}
          </p>
          <SortSelect value={state.sort} labels={LISTING_SORT_LABELS} onChange={(sort) => update({ sort })} />
        </div>
        <ListingResults
          data={query.data}
          error={query.error}
          isStale={query.isPlaceholderData}
          hasFilters={hasFilters}
          hasSearch={state.q !== ''}
          onClearFilters={clearFilters}
          onRetry={() => void query.refetch()}
          getPageHref={getPageHref}
        />
      </div>
    </div>
  );
}
