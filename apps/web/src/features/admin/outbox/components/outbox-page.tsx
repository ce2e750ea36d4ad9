import { EmptyState } from '../../../../components/ui/empty-state.js';
import { Pagination } from '../../../../components/ui/pagination.js';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { useUrlState } from '../../../../lib/use-url-state.js';
import { useOutboxMessages } from '../api/list-outbox-messages.js';
import { readOutboxFilters, writeOutboxFilters, type OutboxFilters as TFilters } from '../utils/outbox-search.js';
import { OutboxFilters } from './outbox-filters.js';
import { OutboxTable } from './outbox-table.js';

const toParams = (_shown: TFilters, next: TFilters) => writeOutboxFilters(next);

/** `/admin/outbox`: every email the shop sent (in development, the only place to read them). State in the URL. */
export function OutboxPage() {
  useDocumentTitle('Outbox · Admin');
  const [filters, update] = useUrlState(readOutboxFilters, toParams);
  const list = useOutboxMessages(filters);
  const isFiltered = Boolean(filters.to || filters.tag);

  let body;
  if (list.isPending) {
    body = (
      <div aria-busy="true" className="flex flex-col gap-2">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-11 w-full" />
        ))}
      </div>
    );
  } else if (list.isError) {
    body = (
      <p role="alert" className="text-red-800">
        The outbox could not be loaded: {list.error.message}
      </p>
    );
  } else if (list.data.items.length === 0) {
    body = (
      <EmptyState
        title={isFiltered ? 'No emails match these filters' : 'No emails yet'}
        description={isFiltered ? 'Try another recipient or tag.' : 'Emails appear here as soon as the shop sends one.'}
      />
    );
  } else {
    const { pageInfo, items } = list.data;
    body = (
      <>
        <p aria-live="polite" className="text-sm text-slate-600">
          {pageInfo.total} {pageInfo.total === 1 ? 'email' : 'emails'}
          {pageInfo.totalPages > 1 && `, page ${pageInfo.page} of ${pageInfo.totalPages}`}
        </p>
        <OutboxTable
          items={items}
          caption="Emails, newest first"
          listSearch={writeOutboxFilters(filters).toString()}
          isRefreshing={list.isPlaceholderData}
        />
        <Pagination
          page={pageInfo.page}
          pageCount={pageInfo.totalPages}
          label="Outbox pages"
          onPageChange={(page) => update({ ...filters, page })}
        />
      </>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight">Outbox</h1>
        <p className="text-slate-700">Emails the shop has sent. In development they are kept here instead.</p>
      </div>
      <OutboxFilters filters={filters} onChange={(next) => update({ ...next, page: 1 })} />
      {body}
    </div>
  );
}
