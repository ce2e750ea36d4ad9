import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

interface AuthTokenState {
  /** Short-lived JWT access token. Kept in memory only; the refresh token lives in an httpOnly cookie. */
  accessToken: string | null;
}

/**
 * The in-memory access token the API client attaches as `Authorization: Bearer …`. Vanilla store so code outside React
 * (the API client) can read it; the auth feature sets it after login/refresh and clears it on logout.
 */
export const authTokenStore = createStore<AuthTokenState>(() => ({ accessToken: null }));

/** Current access token, or null when signed out. */
export function getAccessToken(): string | null {
  return authTokenStore.getState().accessToken;
}

/** Replaces the access token (null signs the client out). */
export function setAccessToken(accessToken: string | null): void {
  authTokenStore.setState({ accessToken });
}

/** React hook: re-renders when the access token changes. */
export function useAccessToken(): string | null {
  return useStore(authTokenStore, (state) => state.accessToken);
}
