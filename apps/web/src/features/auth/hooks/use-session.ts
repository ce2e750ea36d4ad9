import type { TUser } from '@mercato/shared';
import { useStore } from 'zustand';
import { sessionStore, type TSessionStatus } from '../session/session-store.js';

export interface Session {
  status: TSessionStatus;
  user: TUser | null;
  isSignedIn: boolean;
  /** A reload is restoring the session: show skeletons, neither "Sign in" nor the account. */
  isPending: boolean;
  /** Only for showing admin links; every admin endpoint is checked by the API. */
  isAdmin: boolean;
}

/** Who is using the app; re-renders on sign-in, sign-out and profile changes (in this tab or another). */
export function useSession(): Session {
  const { status, user } = useStore(sessionStore);
  return {
    status,
    user,
    isSignedIn: status === 'signedIn',
    isPending: status === 'pending',
    isAdmin: status === 'signedIn' && user?.role === 'admin',
  };
}
