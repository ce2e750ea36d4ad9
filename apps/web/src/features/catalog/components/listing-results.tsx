import type { TPageInfo, TProductSummary } from '@mercato/shared';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { SearchIcon } from '../../../components/ui/icons.js';
import { Pagination } from '../../../components/ui/pagination.js';
import { cn } from '../../../lib/cn.js';
import { ProductGrid, ProductGridSkeleton } from './product-grid.js';

export interface ListingResultsProps {
  data: { items: TProductSummary[]; pageInfo: TPageInfo } | undefined;
  error: Error | null;
  /** Previous results still on screen while new ones load. */
  isStale: boolean;
  hasFilters: boolean;
  hasSearch: boolean;
  onClearFilters: () => void;
  onRetry: () => void;
  getPageHref: (page: number) => string;
}

/** Results of a listing in every state: loading, failed, empty, a page beyond the end, and the grid with paging. */
export function ListingResults(props: ListingResultsProps) {
  const { data, error, isStale, hasFilters, hasSearch, onClearFilters, onRetry, getPageHref } = props;
  if (!data && error) {
    return (
      <EmptyState
        title="The products could not be loaded"
        description={error.message}
        action={<Button onClick={onRetry}>Try again</Button>}
      />
    );
  }
  if (!data) return <ProductGridSkeleton />;
  const { items, pageInfo } = data;
  if (items.length === 0 && pageInfo.total > 0) {
    return (
      <EmptyState
        title="This page is empty"
        description={`There are ${pageInfo.totalPages} pages of results.`}
        action={
          <Link to={getPageHref(1)} className={buttonClasses()}>
            Go to the first page
          </Link>
        }
      />
    );
  }
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<SearchIcon className="size-8" />}
        title="No products match"
        description={
          hasFilters
            ? 'Try a wider price range or include items that are out of stock.'
            : hasSearch
              ? 'Check the spelling or try a more general word.'
              : undefined
        }
        action={
          hasFilters ? (
            <Button onClick={onClearFilters}>Clear filters</Button>
          ) : (
            <Link to="/search" className={buttonClasses({ variant: 'secondary' })}>
              Browse all products
            </Link>
          )
        }
      />
    );
  }
  return (
    <div className="flex flex-col gap-8">
      <ProductGrid
        products={items}
        label="Products"
        hasPriorityImages={pageInfo.page === 1}
        className={cn('transition-opacity', isStale && 'opacity-60')}
      />
      <Pagination page={pageInfo.page} pageCount={pageInfo.totalPages} getHref={getPageHref} label="Result pages" />
    </div>
  );
}
