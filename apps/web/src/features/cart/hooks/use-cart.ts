import type { TCart } from '@mercato/shared';
import { useStore } from 'zustand';
import { useGuestCartPreview } from '../api/preview-guest-cart.js';
import { useServerCart } from '../api/get-cart.js';
import { cartOwnerStore, type TCartOwner } from '../stores/cart-owner-store.js';
import { guestCartStore } from '../stores/guest-cart-store.js';
import { mergeStore } from '../stores/merge-store.js';

export interface CartView {
  owner: TCartOwner;
  /** The priced cart; undefined while loading, and for an empty guest cart (nothing to price). */
  cart: TCart | undefined;
  /** Nothing to show yet: the session is being restored, the first load runs, or the guest cart is being merged. */
  isPending: boolean;
  /** Known to be empty. */
  isEmpty: boolean;
  /** New totals are on their way (the shown ones are the previous answer). */
  isUpdating: boolean;
  error: Error | null;
  refetch: () => void;
}

/** The cart the storefront shows, whoever owns it: the account's server cart, or the guest cart priced by the API. */
export function useCart(): CartView {
  const owner = useStore(cartOwnerStore, (state) => state.owner);
  const guestItems = useStore(guestCartStore, (state) => state.items);
  const isMerging = useStore(mergeStore, (state) => state.status === 'merging');
  const server = useServerCart(owner === 'user');
  const guest = useGuestCartPreview(guestItems, owner === 'guest' && guestItems.length > 0);

  if (owner === 'pending') {
    return { owner, cart: undefined, isPending: true, isEmpty: false, isUpdating: false, error: null, refetch: noop };
  }
  if (owner === 'user') {
    const cart = server.data;
    return {
      owner,
      cart,
      isPending: !cart && (server.isPending || isMerging),
      isEmpty: cart !== undefined && cart.lines.length === 0 && !isMerging,
      isUpdating: server.isFetching || isMerging,
      error: cart ? null : server.error,
      refetch: () => void server.refetch(),
    };
  }
  if (guestItems.length === 0) {
    return { owner, cart: undefined, isPending: false, isEmpty: true, isUpdating: false, error: null, refetch: noop };
  }
  return {
    owner,
    cart: guest.data,
    isPending: !guest.data && guest.isPending,
    isEmpty: false,
    isUpdating: guest.isFetching,
    error: guest.data ? null : guest.error,
    refetch: () => void guest.refetch(),
  };
}

function noop(): void {}
