import { useStore } from 'zustand';
import { ApiError } from '../../../lib/api-error.js';
import { useAddCartItem } from '../api/add-cart-item.js';
import { useRemoveCartItem } from '../api/remove-cart-item.js';
import type { CartLineRef } from '../api/cart-line-path.js';
import { useUpdateCartItem } from '../api/update-cart-item.js';
import { addGuestItem, removeGuestItem, setGuestQuantity, type TGuestAddResult } from '../lib/guest-cart.js';
import { cartOwnerStore } from '../stores/cart-owner-store.js';
import { getGuestItems, setGuestItems } from '../stores/guest-cart-store.js';

export interface AddItemInput {
  productId: string;
  /** The size or colour; left out for a product sold one way (the API takes its only variant). */
  variantId?: string | undefined;
  quantity: number;
  /** Stock shown on the product page: a guest cart (no server check until checkout) is bounded by it. */
  stock: number;
}

/** The same refusal the API would give a signed-in shopper, so both carts explain it with the same words. */
function guestRefusal(result: Extract<TGuestAddResult, { ok: false }>): ApiError {
  if (result.reason === 'stock') {
    return new ApiError({
      status: 409,
      code: 'INSUFFICIENT_STOCK',
      message: `Only ${result.available} in stock.`,
      meta: { available: result.available, inCart: result.inCart },
    });
  }
  if (result.reason === 'line-maximum') {
    return new ApiError({ status: 400, code: 'VALIDATION_FAILED', message: 'At most 99 of one product.' });
  }
  return new ApiError({ status: 400, code: 'BAD_REQUEST', message: 'Your cart is full: remove something first.' });
}

/** Add, change and remove cart lines, for the guest cart (this browser) and the account's cart (the API) alike. */
export function useCartActions() {
  const owner = useStore(cartOwnerStore, (state) => state.owner);
  const add = useAddCartItem();
  const update = useUpdateCartItem();
  const remove = useRemoveCartItem();
  const isServer = owner === 'user';

  return {
    /** False while a reload restores the session: we do not know yet which cart to add to. */
    isReady: owner !== 'pending',
    isAdding: add.isPending,
    /** The variant whose line is being saved (quantity or removal), to disable just its controls. */
    busyVariantId: (update.isPending ? update.variables : remove.isPending ? remove.variables : null)?.variantId,
    async addItem({ productId, variantId, quantity, stock }: AddItemInput): Promise<void> {
      if (isServer) {
        await add.mutateAsync(variantId ? { productId, variantId, quantity } : { productId, quantity });
        return;
      }
      const result = addGuestItem(getGuestItems(), productId, variantId, quantity, stock);
      if (!result.ok) throw guestRefusal(result);
      setGuestItems(result.items);
    },
    async setQuantity(line: CartLineRef, quantity: number): Promise<void> {
      if (isServer) await update.mutateAsync({ ...line, quantity });
      else setGuestItems(setGuestQuantity(getGuestItems(), line.productId, line.variantId, quantity));
    },
    async removeItem(line: CartLineRef): Promise<void> {
      if (isServer) await remove.mutateAsync(line);
      else setGuestItems(removeGuestItem(getGuestItems(), line.productId, line.variantId));
    },
  };
}
