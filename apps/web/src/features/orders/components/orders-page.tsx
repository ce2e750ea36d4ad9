import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/orders/*`. Placeholder: the orders feature adds order history and the order detail page. */
export function OrdersPage() {
  useDocumentTitle('Your orders');
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Your orders</h1>
      <EmptyState title="No orders yet" description="Orders you place will be listed here." />
    </div>
  );
}
