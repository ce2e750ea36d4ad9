import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { CartIcon } from '../../../components/ui/icons.js';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { useCart } from '../hooks/use-cart.js';
import { CartLines } from './cart-lines.js';
import { CartSummaryPanel } from './cart-summary-panel.js';
import { MergeReportBanner } from './merge-report-banner.js';
import { PriceChangeBanner } from './price-change-banner.js';

function CartSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading your cart" className="grid gap-8 lg:grid-cols-[1fr_24rem]">
      <div className="flex flex-col gap-4">
        {[0, 1].map((key) => (
          <div key={key} className="flex gap-4">
            <Skeleton className="size-20" />
            <div className="flex flex-1 flex-col gap-2">
              <Skeleton className="h-5 w-1/2" />
              <Skeleton className="h-4 w-24" />
            </div>
          </div>
        ))}
      </div>
      <Skeleton className="h-64 w-full" />
    </div>
  );
}

/** `/cart`: lines with quantities and notices, free-shipping progress, discount code, totals and checkout. */
export function CartPage() {
  useDocumentTitle('Cart');
  const { owner, cart, isPending, isEmpty, isUpdating, error, refetch } = useCart();

  let content;
  if (isPending) content = <CartSkeleton />;
  else if (error)
    content = (
      <EmptyState
        title="Your cart could not be loaded"
        description={error.message}
        action={<Button onClick={refetch}>Try again</Button>}
      />
    );
  else if (isEmpty || !cart || cart.lines.length === 0)
    content = (
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
    );
  else
    content = (
      <div className="grid items-start gap-8 lg:grid-cols-[1fr_24rem]">
        <section aria-labelledby="cart-lines-heading" className="flex flex-col gap-3">
          <h2 id="cart-lines-heading" className="sr-only">
            Items
          </h2>
          <PriceChangeBanner cart={cart} />
          <CartLines cart={cart} />
        </section>
        <CartSummaryPanel cart={cart} owner={owner} isUpdating={isUpdating} />
      </div>
    );

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Your cart</h1>
      <MergeReportBanner />
      {content}
    </div>
  );
}
