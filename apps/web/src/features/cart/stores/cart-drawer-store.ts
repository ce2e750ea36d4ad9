import { createStore } from 'zustand/vanilla';

export interface CartDrawerState {
  isOpen: boolean;
  /** What was just added, for the drawer's confirmation line (null when opened another way). */
  lastAdded: { name: string; quantity: number } | null;
}

/** Open/closed state of the cart drawer: UI-only, shared by the add-to-cart buttons and the drawer itself. */
export const cartDrawerStore = createStore<CartDrawerState>(() => ({ isOpen: false, lastAdded: null }));

/** Opens the drawer, optionally confirming what was just added. */
export function openCartDrawer(lastAdded: CartDrawerState['lastAdded'] = null): void {
  cartDrawerStore.setState({ isOpen: true, lastAdded });
}

export function closeCartDrawer(): void {
  cartDrawerStore.setState({ isOpen: false });
}
