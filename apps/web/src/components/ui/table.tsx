import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import { cn } from '../../lib/cn.js';
import { SortIcon } from './icons.js';

export type TSortDirection = 'asc' | 'desc' | 'none';

export interface TableProps extends ComponentPropsWithoutRef<'table'> {
  /** What the table lists; read first by screen readers. Visible unless `hideCaption`. */
  caption: ReactNode;
  hideCaption?: boolean;
  /** Slot above the table for filters, search and bulk actions. */
  toolbar?: ReactNode;
}

/** Data table that scrolls sideways on narrow screens instead of squashing its columns. */
export function Table({ caption, hideCaption, toolbar, className, children, ...rest }: TableProps) {
  return (
    <div className="flex flex-col gap-3">
      {toolbar && <div className="flex flex-wrap items-end gap-3">{toolbar}</div>}
      {/* relative: visually hidden (absolute) text in cells scrolls with the table instead of widening the page */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200">
        <table {...rest} className={cn('w-full border-collapse text-left text-sm', className)}>
          <caption className={cn('px-4 py-3 text-left font-semibold text-slate-900', hideCaption && 'sr-only')}>
            {caption}
          </caption>
          {children}
        </table>
      </div>
    </div>
  );
}

export function TableHead(props: ComponentPropsWithoutRef<'thead'>) {
  return <thead {...props} className={cn('bg-slate-50 text-slate-700', props.className)} />;
}

export function TableBody(props: ComponentPropsWithoutRef<'tbody'>) {
  return <tbody {...props} className={cn('divide-y divide-slate-200', props.className)} />;
}

export function TableRow(props: ComponentPropsWithoutRef<'tr'>) {
  return <tr {...props} className={cn('hover:bg-slate-50', props.className)} />;
}

export function TableCell(props: ComponentPropsWithoutRef<'td'>) {
  return <td {...props} className={cn('px-4 py-3 align-middle text-slate-800', props.className)} />;
}

export interface TableHeaderCellProps extends ComponentPropsWithoutRef<'th'> {
  /** Makes the column sortable: the header becomes a button and `aria-sort` reflects the direction. */
  sort?: { direction: TSortDirection; onSort: () => void };
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending', none: 'none' } as const;

/** Column header (`scope="col"`), optionally with a sort affordance. */
export function TableHeaderCell({ sort, className, children, ...rest }: TableHeaderCellProps) {
  return (
    <th
      scope="col"
      aria-sort={sort ? ARIA_SORT[sort.direction] : undefined}
      {...rest}
      className={cn('px-4 py-3 font-medium whitespace-nowrap', className)}
    >
      {sort ? (
        <button
          type="button"
          onClick={sort.onSort}
          className="-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-slate-900"
        >
          {children}
          <SortIcon direction={sort.direction} className="size-4" />
        </button>
      ) : (
        children
      )}
    </th>
  );
}
