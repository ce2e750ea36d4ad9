import type { TProduct, TProductVariant } from '@mercato/shared';
import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/button.js';

/** What the add-to-cart slot receives from the product page. */
export interface AddToCartSlotProps {
  product: TProduct;
  /** The chosen variant (the only one of a product without options). */
  variant: TProductVariant | undefined;
  /** The quantity chosen with the selector (1 … stock). */
  quantity: number;
  /** False when out of stock. */
  isAvailable: boolean;
}

/** Renders the add-to-cart control; `src/app` passes the cart feature's version (features never import each other). */
export type TRenderAddToCart = (props: AddToCartSlotProps) => ReactNode;

export interface AddToCartButtonProps extends AddToCartSlotProps {
  /** What a click does; the cart feature passes its mutation here. */
  onAdd?: (product: TProduct, quantity: number) => void;
  isPending?: boolean;
}

/** The product page's buy button: disabled (and saying why) when out of stock. */
export function AddToCartButton({ product, quantity, isAvailable, onAdd, isPending = false }: AddToCartButtonProps) {
  return (
    <Button
      size="lg"
      className="w-full sm:w-auto"
      disabled={!isAvailable}
      isLoading={isPending}
      onClick={() => onAdd?.(product, quantity)}
    >
      {isAvailable ? 'Add to cart' : 'Out of stock'}
    </Button>
  );
}

/** Used until the app passes a slot: the same button, with no action behind it yet. */
export const renderDefaultAddToCart: TRenderAddToCart = (props) => <AddToCartButton {...props} />;
