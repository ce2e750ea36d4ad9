import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getSession, onSignedIn, sessionStore, type TSessionStatus } from '../features/auth/session/session-store.js';
import { setCartOwner, type TCartOwner } from '../features/cart/stores/cart-owner-store.js';
import { getGuestItems } from '../features/cart/stores/guest-cart-store.js';
import { setMergeState } from '../features/cart/stores/merge-store.js';

/**
 * The merge's code loads at sign-in only (most visits never sign in), off the first-load budget; the cart says
 * "merging" from the start, so it never shows the account's cart without the guest's items meanwhile.
 */
function runGuestCartMerge(queryClient: QueryClient): void {
  if (getGuestItems().length > 0) setMergeState({ status: 'merging' });
  import('../features/cart/session/guest-cart-merge.js')
    .then((merge) => merge.runGuestCartMerge(queryClient))
    .catch(() => setMergeState({ status: 'failed' }));
}

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
    if (getSession().status === 'signedIn') runGuestCartMerge(queryClient);
    return onSignedIn(({ reason }) => {
      if (reason !== 'other-tab') runGuestCartMerge(queryClient);
    });
  }, [queryClient]);
  return null;
}
