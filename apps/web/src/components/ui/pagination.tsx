import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { cn } from '../../lib/cn.js';
import { buttonClasses } from './button-styles.js';
import { ChevronLeftIcon, ChevronRightIcon } from './icons.js';
import { paginationRange } from './pagination-range.js';

export interface PaginationProps {
  /** 1-based current page. */
  page: number;
  pageCount: number;
  /**
   * Give `getHref` for crawlable links (storefront listings: `?page=3` in the URL), or `onPageChange` for
   * in-place paging (admin tables). With both, links are rendered and `onPageChange` also runs on click.
   */
  getHref?: (page: number) => string;
  onPageChange?: (page: number) => void;
  /** Name of the navigation landmark; make it unique when a page has two paginations. */
  label?: string;
  className?: string;
}

interface PageControlProps extends Pick<PaginationProps, 'getHref' | 'onPageChange'> {
  target: number;
  isDisabled?: boolean;
  isCurrent?: boolean;
  label?: string;
  children: ReactNode;
}

function PageControl({ target, isDisabled, isCurrent, label, getHref, onPageChange, children }: PageControlProps) {
  const className = buttonClasses({
    variant: isCurrent ? 'primary' : 'ghost',
    size: 'sm',
    className: cn('min-w-9', isDisabled && 'pointer-events-none opacity-50'),
  });
  const common = { 'aria-label': label, 'aria-current': isCurrent ? ('page' as const) : undefined, className };
  if (getHref && !isDisabled) {
    return (
      <Link {...common} to={getHref(target)} onClick={() => onPageChange?.(target)}>
        {children}
      </Link>
    );
  }
  return (
    <button {...common} type="button" disabled={isDisabled} onClick={() => onPageChange?.(target)}>
      {children}
    </button>
  );
}

/** Previous / numbered / next page controls in a labelled `<nav>`. Renders nothing for a single page. */
export function Pagination({
  page,
  pageCount,
  getHref,
  onPageChange,
  label = 'Pagination',
  className,
}: PaginationProps) {
  if (pageCount <= 1) return null;
  const handlers = { getHref, onPageChange };
  return (
    <nav aria-label={label} className={className}>
      <ul className="flex flex-wrap items-center gap-1">
        <li>
          <PageControl {...handlers} target={page - 1} isDisabled={page <= 1} label="Previous page">
            <ChevronLeftIcon className="size-4" />
          </PageControl>
        </li>
        {paginationRange(page, pageCount).map((item, index) =>
          item === 'gap' ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-2 text-slate-600">
              …
            </li>
          ) : (
            <li key={item}>
              <PageControl {...handlers} target={item} isCurrent={item === page} label={`Page ${item}`}>
                {item}
              </PageControl>
            </li>
          ),
        )}
        <li>
          <PageControl {...handlers} target={page + 1} isDisabled={page >= pageCount} label="Next page">
            <ChevronRightIcon className="size-4" />
          </PageControl>
        </li>
      </ul>
    </nav>
  );
}
