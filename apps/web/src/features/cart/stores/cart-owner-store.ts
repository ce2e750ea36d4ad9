import { createStore } from 'zustand/vanilla';

/**
 * Whose cart the storefront shows: `guest` (kept in this browser), `user` (the account's server cart) or `pending`
 * while a reload restores the session (show skeletons rather than the wrong cart). `src/app` keeps it in step with
 * the auth session, since this feature cannot import the auth feature.
 */
export type TCartOwner = 'pending' | 'guest' | 'user';

export const cartOwnerStore = createStore<{ owner: TCartOwner }>(() => ({ owner: 'guest' }));

/** Called by `src/app` on every session change. */
export function setCartOwner(owner: TCartOwner): void {
  if (cartOwnerStore.getState().owner !== owner) cartOwnerStore.setState({ owner });
}
