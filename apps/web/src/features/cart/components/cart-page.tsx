import { Link } from 'react-router';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { CartIcon } from '../../../components/ui/icons.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';

/** `/cart`. Placeholder: the cart feature lists lines, quantities, totals and the coupon field. */
export function CartPage() {
  useDocumentTitle('Cart');
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Your cart</h1>
      <EmptyState
        icon={<CartIcon className="size-8" />}
        title="Your cart is empty"
        description="Products you add will show up here."
        action={
          <Link to="/search" className={buttonClasses()}>
            Browse products
          </Link>
        }
      />
    </div>
  );
}
