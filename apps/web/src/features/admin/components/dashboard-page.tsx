import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/admin`. Placeholder: the admin feature adds live sales analytics (revenue, orders, top products, chart). */
export function DashboardPage() {
  useDocumentTitle('Admin dashboard');
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
      <EmptyState title="Sales analytics are coming soon" />
    </div>
  );
}
