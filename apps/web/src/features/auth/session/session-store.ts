import type { TAuthResponse, TUser } from '@mercato/shared';
import { createStore } from 'zustand/vanilla';
import { setAccessToken } from '../../../lib/auth-token-store.js';

/** `pending` only while a reload restores the session (silent refresh); the UI shows skeletons, not "Sign in". */
export type TSessionStatus = 'pending' | 'signedIn' | 'signedOut';

/**
 * Why this tab became signed in: `login` (the form), `email-verified` (the signup confirmation link), `restored`
 * (a reload or new tab picked up the existing session) or `other-tab` (the user signed in in another tab).
 */
export type TSignInReason = 'login' | 'email-verified' | 'restored' | 'other-tab';

export interface SessionState {
  status: TSessionStatus;
  user: TUser | null;
}

export interface SignedInEvent {
  user: TUser;
  reason: TSignInReason;
}

/** Who is signed in, for the UI. The access token itself lives in `lib/auth-token-store` for the API client. */
export const sessionStore = createStore<SessionState>(() => ({ status: 'signedOut', user: null }));

const signedInListeners = new Set<(event: SignedInEvent) => void>();
const signedOutListeners = new Set<() => void>();

function notify<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      // One failing subscriber (say, a cart merge) must not stop the sign-in or the other subscribers.
      console.error('A session listener failed', error);
    }
  }
}

/**
 * Runs `listener` each time this tab goes from signed out (or another user) to signed in as a user, after the
 * access token is in place, so it can call the API right away. Returns the unsubscribe function. See README.md.
 */
export function onSignedIn(listener: (event: SignedInEvent) => void): () => void {
  signedInListeners.add(listener);
  return () => signedInListeners.delete(listener);
}

/** Runs `listener` each time this tab goes from signed in to signed out (sign-out here or elsewhere, expiry). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** The session right now (outside React; components use `useSession`). */
export function getSession(): SessionState {
  return sessionStore.getState();
}

export function markSessionPending(): void {
  sessionStore.setState({ status: 'pending', user: null });
}

/** Puts a new access token and user in place; announces a sign-in when the user was not signed in before. */
export function applyAuth(auth: TAuthResponse, reason: TSignInReason): void {
  const previous = sessionStore.getState();
  setAccessToken(auth.accessToken);
  sessionStore.setState({ status: 'signedIn', user: auth.user });
  if (previous.status !== 'signedIn' || previous.user?.id !== auth.user.id) {
    notify(signedInListeners, { user: auth.user, reason });
  }
}

export function applySignedOut(): void {
  const wasSignedIn = sessionStore.getState().status === 'signedIn';
  setAccessToken(null);
  sessionStore.setState({ status: 'signedOut', user: null });
  if (wasSignedIn) notify(signedOutListeners, undefined);
}

/** Replaces the signed-in user's details (after a profile edit) without touching the token. */
export function applyUser(user: TUser): void {
  const current = sessionStore.getState();
  if (current.status === 'signedIn' && current.user?.id === user.id) sessionStore.setState({ user });
}
