import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getSession, onSignedIn, sessionStore, type TSessionStatus } from '../features/auth/session/session-store.js';
import { runGuestCartMerge } from '../features/cart/session/guest-cart-merge.js';
import { setCartOwner, type TCartOwner } from '../features/cart/stores/cart-owner-store.js';

function ownerFor(status: TSessionStatus): TCartOwner {
  if (status === 'signedIn') return 'user';
  return status === 'pending' ? 'pending' : 'guest';
}

/**
 * Tells the cart feature whose cart to show (guest cart or the account's) from the auth session. Call once, after
 * the session starts and before the first render, so a reload never shows the guest cart of a signed-in shopper.
 */
export function connectCartToSession(): void {
  setCartOwner(ownerFor(getSession().status));
  sessionStore.subscribe((state) => setCartOwner(ownerFor(state.status)));
}

/**
 * Merges the guest cart into the account right after sign-in (the form, the email-confirmation link, or a restored
 * session). Another tab's sign-in is skipped: that tab merges, and the guest cart is shared storage.
 */
export function CartSession() {
  const queryClient = useQueryClient();
  useEffect(() => {
    // A session restored before this mounted has already announced itself: check once now.
    if (getSession().status === 'signedIn') void runGuestCartMerge(queryClient);
    return onSignedIn(({ reason }) => {
      if (reason !== 'other-tab') void runGuestCartMerge(queryClient);
    });
  }, [queryClient]);
  return null;
}
