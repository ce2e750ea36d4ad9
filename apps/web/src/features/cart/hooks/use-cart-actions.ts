import { useStore } from 'zustand';
import { ApiError } from '../../../lib/api-error.js';
import { useAddCartItem } from '../api/add-cart-item.js';
import { useRemoveCartItem } from '../api/remove-cart-item.js';
import { useUpdateCartItem } from '../api/update-cart-item.js';
import { addGuestItem, removeGuestItem, setGuestQuantity, type TGuestAddResult } from '../lib/guest-cart.js';
import { cartOwnerStore } from '../stores/cart-owner-store.js';
import { getGuestItems, setGuestItems } from '../stores/guest-cart-store.js';

export interface AddItemInput {
  productId: string;
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
    /** The line whose quantity or removal is being saved, to disable just its controls. */
    busyProductId: update.isPending ? update.variables.productId : remove.isPending ? remove.variables : null,
    async addItem({ productId, quantity, stock }: AddItemInput): Promise<void> {
      if (isServer) {
        await add.mutateAsync({ productId, quantity });
        return;
      }
      const result = addGuestItem(getGuestItems(), productId, quantity, stock);
      if (!result.ok) throw guestRefusal(result);
      setGuestItems(result.items);
    },
    async setQuantity(productId: string, quantity: number): Promise<void> {
      if (isServer) await update.mutateAsync({ productId, quantity });
      else setGuestItems(setGuestQuantity(getGuestItems(), productId, quantity));
    },
    async removeItem(productId: string): Promise<void> {
      if (isServer) await remove.mutateAsync(productId);
      else setGuestItems(removeGuestItem(getGuestItems(), productId));
    },
  };
}
