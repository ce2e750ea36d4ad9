import type { TCart } from '@mercato/shared';
import { useState } from 'react';
import { useCartActions } from '../hooks/use-cart-actions.js';
import { describeCartError } from '../lib/cart-errors.js';
import { CartLineItem } from './cart-line-item.js';

/** The list of cart lines with their controls; a refused change is explained above the list. */
export function CartLines({ cart, onNavigate }: { cart: TCart; onNavigate?: () => void }) {
  const actions = useCartActions();
  const [error, setError] = useState<string | null>(null);

  function run(action: Promise<void>) {
    setError(null);
    action.catch((cause: unknown) => setError(describeCartError(cause)));
  }

  return (
    <div className="flex flex-col gap-2">
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <ul aria-label="Items in your cart" className="divide-y divide-slate-200">
        {cart.lines.map((line) => (
          <CartLineItem
            key={line.variantId}
            line={line}
            currency={cart.currency}
            isBusy={actions.busyVariantId === line.variantId}
            onQuantityChange={(quantity) => run(actions.setQuantity(line, quantity))}
            onRemove={() => run(actions.removeItem(line))}
            {...(onNavigate ? { onNavigate } : {})}
          />
        ))}
      </ul>
    </div>
  );
}
