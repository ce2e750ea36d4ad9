import { useStore } from 'zustand';
import { useServerCart } from '../api/get-cart.js';
import { countGuestItems } from '../lib/guest-cart.js';
import { cartOwnerStore } from '../stores/cart-owner-store.js';
import { guestCartStore } from '../stores/guest-cart-store.js';

export interface CartSummary {
  /** Total quantity across lines, shown on the header badge. */
  itemCount: number;
}

/**
 * What the header needs to know about the cart: for guests it is counted from this browser's cart (no request),
 * for signed-in shoppers it is the server cart's count (the same cached query the cart page uses).
 */
export function useCartSummary(): CartSummary {
  const owner = useStore(cartOwnerStore, (state) => state.owner);
  const guestCount = useStore(guestCartStore, (state) => countGuestItems(state.items));
  const server = useServerCart(owner === 'user');
  if (owner === 'user') return { itemCount: server.data?.itemCount ?? 0 };
  if (owner === 'pending') return { itemCount: 0 };
  return { itemCount: guestCount };
}
