import { useState } from 'react';
import { Button } from '../../../components/ui/button.js';
import { useCartActions } from '../hooks/use-cart-actions.js';
import { describeCartError } from '../lib/cart-errors.js';
import { openCartDrawer } from '../stores/cart-drawer-store.js';

export interface AddToCartControlProps {
  productId: string;
  /** The chosen size or colour; left out for a product sold one way. */
  variantId?: string | undefined;
  productName: string;
  stock: number;
  quantity: number;
  isAvailable: boolean;
}

/** The product page's buy button: adds to whichever cart is in use and opens the drawer; refusals are explained. */
export function AddToCartControl({
  productId,
  variantId,
  productName,
  stock,
  quantity,
  isAvailable,
}: AddToCartControlProps) {
  const actions = useCartActions();
  const [error, setError] = useState<string | null>(null);

  async function add() {
    setError(null);
    try {
      await actions.addItem({ productId, variantId, quantity, stock });
      openCartDrawer({ name: productName, quantity });
    } catch (cause) {
      setError(describeCartError(cause));
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <Button
        size="lg"
        className="w-full sm:w-auto"
        disabled={!isAvailable || !actions.isReady}
        isLoading={actions.isAdding}
        onClick={() => void add()}
      >
        {isAvailable ? 'Add to cart' : 'Out of stock'}
      </Button>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
