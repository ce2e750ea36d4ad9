import { useState } from 'react';
import { EmptyState } from '../../../../components/ui/empty-state.js';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { cn } from '../../../../lib/cn.js';
import { AdminQueryError } from '../../orders/components/admin-query-error.js';
import { useSalesSummary } from '../api/get-sales-summary.js';
import { useSalesRange } from '../hooks/use-sales-range.js';
import { resolveDays, utcDay } from '../lib/sales-range.js';
import { DailySalesChart } from './daily-sales-chart.js';
import { RangePicker } from './range-picker.js';
import { SummaryCards } from './summary-cards.js';
import { TopProductsTable } from './top-products-table.js';

/** `/admin`: sales for a date range (in the URL): cards, a daily revenue chart and the top products, kept fresh. */
export function DashboardPage() {
  useDocumentTitle('Admin dashboard');
  const [state, setState] = useSalesRange();
  const [today] = useState(() => utcDay(Date.now()));
  const days = resolveDays(state, today);
  const sales = useSalesSummary(days);
  const summary = sales.data;

  let content;
  if (sales.isError && !summary)
    content = <AdminQueryError error={sales.error} onRetry={() => void sales.refetch()} what="sales summary" />;
  else if (!summary)
    content = (
      <div aria-busy="true" aria-label="Loading sales" className="flex flex-col gap-4">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  else if (summary.orders === 0)
    content = (
      <EmptyState title="No sales in this range" description="Paid orders show up here within half a minute." />
    );
  else
    content = (
      <div className={cn('flex flex-col gap-6 transition-opacity', sales.isPlaceholderData && 'opacity-60')}>
        <SummaryCards summary={summary} />
        <DailySalesChart summary={summary} />
        <TopProductsTable summary={summary} />
      </div>
    );

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
      {/* keyed by range: the custom inputs start from the range shown */}
      <RangePicker key={`${days.from}|${days.to}`} state={state} days={days} onChange={setState} />
      <p role="status" className="text-sm text-slate-700">
        Sales from {days.from} to {days.to} (UTC days)
      </p>
      {content}
    </div>
  );
}
