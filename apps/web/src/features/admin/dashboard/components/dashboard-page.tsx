import { useState } from 'react';
import { EmptyState } from '../../../../components/ui/empty-state.js';
import { Skeleton } from '../../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../../hooks/use-document-title.js';
import { cn } from '../../../../lib/cn.js';
import { AdminQueryError } from '../../orders/components/admin-query-error.js';
import { useSalesSummary } from '../api/get-sales-summary.js';
import { useLiveSales } from '../hooks/use-live-sales.js';
import { useSalesRange } from '../hooks/use-sales-range.js';
import { resolveDays, todayIn } from '../lib/sales-range.js';
import { browserTimeZone } from '../lib/time-zone.js';
import { DailySalesChart } from './daily-sales-chart.js';
import { LiveIndicator } from './live-indicator.js';
import { RangePicker } from './range-picker.js';
import { SummaryCards } from './summary-cards.js';
import { TopProductsTable } from './top-products-table.js';

/** How the days are named under the range: "UTC days", or the admin's zone. */
function daysLabel(timeZone: string): string {
  return timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'UTC days' : `days in ${timeZone}`;
}

/**
 * `/admin`: sales for a date range (in the URL) in the admin's own days: cards, a daily revenue chart and the top
 * products, refreshed as orders are paid (live stream) or every minute while the stream is down.
 */
export function DashboardPage() {
  useDocumentTitle('Admin dashboard');
  const [state, setState] = useSalesRange();
  const [timeZone] = useState(browserTimeZone);
  const [today] = useState(() => todayIn(timeZone));
  const days = resolveDays(state, today);
  const live = useLiveSales();
  const sales = useSalesSummary(days, timeZone, live.status === 'connected');
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
    content = <EmptyState title="No sales in this range" description="Paid orders show up here as they happen." />;
  else
    content = (
      <div className={cn('flex flex-col gap-6 transition-opacity', sales.isPlaceholderData && 'opacity-60')}>
        <SummaryCards summary={summary} />
        <DailySalesChart summary={summary} timeZone={timeZone} />
        <TopProductsTable summary={summary} />
      </div>
    );

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
        <LiveIndicator status={live.status} saleCount={live.saleCount} />
      </div>
      {/* keyed by range: the custom inputs start from the range shown */}
      <RangePicker key={`${days.from}|${days.to}`} state={state} days={days} onChange={setState} />
      <p role="status" className="text-sm text-slate-700">
        Sales from {days.from} to {days.to} ({daysLabel(timeZone)})
      </p>
      {content}
    </div>
  );
}
