import { createStore } from 'zustand/vanilla';
import { GUEST_CART_STORAGE_KEY, parseGuestCart, serializeGuestCart, type TGuestCartItem } from '../lib/guest-cart.js';

interface GuestCartState {
  items: TGuestCartItem[];
}

function readStorage(): TGuestCartItem[] {
  try {
    return parseGuestCart(localStorage.getItem(GUEST_CART_STORAGE_KEY));
  } catch {
    return []; // storage disabled (privacy mode, blocked cookies): the cart lives for this page only
  }
}

function writeStorage(items: readonly TGuestCartItem[]): void {
  try {
    if (items.length === 0) localStorage.removeItem(GUEST_CART_STORAGE_KEY);
    else localStorage.setItem(GUEST_CART_STORAGE_KEY, serializeGuestCart(items));
  } catch {
    // Quota or disabled storage: the in-memory cart still works until the tab closes.
  }
}

/**
 * The cart of a visitor who is not signed in: product ids and quantities in localStorage (never prices; the API
 * prices it), shared by every tab of this browser and merged into the account's cart at sign-in.
 */
export const guestCartStore = createStore<GuestCartState>(() => ({
  items: typeof localStorage === 'undefined' ? [] : readStorage(),
}));

/** Replaces the guest cart here, in storage and (through the storage event) in the other tabs. */
export function setGuestItems(items: TGuestCartItem[]): void {
  guestCartStore.setState({ items });
  writeStorage(items);
}

/** The guest cart right now (outside React). */
export function getGuestItems(): TGuestCartItem[] {
  return guestCartStore.getState().items;
}

if (typeof window !== 'undefined') {
  // Another tab changed the guest cart (or merged and cleared it after signing in): follow it.
  window.addEventListener('storage', (event) => {
    if (event.key === GUEST_CART_STORAGE_KEY || event.key === null) guestCartStore.setState({ items: readStorage() });
  });
}
