import type { TSalesSummary } from '@mercato/shared';
import { formatMoney } from '../../../../lib/format-money.js';

/** Revenue, orders, average order value and customers for the range, as cards. */
export function SummaryCards({ summary }: { summary: TSalesSummary }) {
  const cards = [
    { label: 'Revenue', value: formatMoney(summary.revenue, summary.currency), hint: 'Paid, net of refunds' },
    { label: 'Orders', value: summary.orders.toLocaleString(), hint: 'Paid orders' },
    {
      label: 'Average order',
      value: formatMoney(summary.averageOrderValue, summary.currency),
      hint: 'Revenue ÷ orders',
    },
    { label: 'Customers', value: summary.customers.toLocaleString(), hint: 'Who ordered at least once' },
  ];
  return (
    <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {cards.map((card) => (
        <div key={card.label} className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm font-medium text-slate-700">{card.label}</dt>
          <dd className="text-2xl font-semibold tracking-tight text-slate-900">{card.value}</dd>
          <dd className="text-xs text-slate-600">{card.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
