import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/checkout`. Placeholder: the checkout feature adds the address form, summary and the Stripe redirect. */
export function CheckoutPage() {
  useDocumentTitle('Checkout');
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Checkout</h1>
      <EmptyState title="Checkout is not available yet" />
    </div>
  );
}
