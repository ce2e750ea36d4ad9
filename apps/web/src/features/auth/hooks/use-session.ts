import { setAccessToken, useAccessToken } from '../../../lib/auth-token-store.js';

export interface Session {
  isSignedIn: boolean;
  /** Only for showing the admin link; every admin endpoint is checked by the API. */
  isAdmin: boolean;
}

/** Who is using the app. Placeholder: the auth feature adds the user (`/api/auth/me`), roles and refresh. */
export function useSession(): Session {
  const accessToken = useAccessToken();
  return { isSignedIn: accessToken !== null, isAdmin: false };
}

/** Signs out locally. Placeholder: the auth feature also calls the logout endpoint and clears cached queries. */
export function useSignOut(): () => void {
  return () => setAccessToken(null);
}
