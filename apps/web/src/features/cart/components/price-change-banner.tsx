import type { TCart } from '@mercato/shared';
import { Button } from '../../../components/ui/button.js';
import { useAcknowledgeCart } from '../api/acknowledge-cart.js';
import { hasPriceChanges } from '../lib/cart-notices.js';

/** "Some prices changed" with a button that dismisses the price notices (the shopper has seen the new prices). */
export function PriceChangeBanner({ cart }: { cart: TCart }) {
  const acknowledge = useAcknowledgeCart();
  if (!hasPriceChanges(cart.lines)) return null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
      <p>Some prices changed since you added the items. The cart shows the current prices.</p>
      <Button size="sm" variant="secondary" isLoading={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
        Got it
      </Button>
    </div>
  );
}
