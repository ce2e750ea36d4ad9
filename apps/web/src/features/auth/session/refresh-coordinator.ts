import type { TAuthResponse } from '@mercato/shared';
import { ApiError } from '../../../lib/api-error.js';

/** Name of the Web Lock every tab of the shop takes before it refreshes. */
export const REFRESH_LOCK_NAME = 'mercato-auth-refresh';

/** The part of the Web Locks API (`navigator.locks`) used here, so tests can pass a fake. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * `refreshed`: this tab got a new token. `adopted`: another tab refreshed meanwhile and its token is in place.
 * `ended`: the server says the session is over. `failed`: no answer (offline, 5xx, 429); the session may be fine.
 */
export type TRefreshOutcome = 'refreshed' | 'adopted' | 'ended' | 'failed';

export interface RefreshCoordinatorDeps {
  /** Cross-tab mutex; null where the Web Locks API is missing (old browsers, plain-HTTP origins): in-tab only then. */
  locks: LockManagerLike | null;
  getAccessToken: () => string | null;
  /** `POST /api/auth/refresh`: the browser sends the current refresh cookie, which the answer rotates. */
  requestRefresh: () => Promise<TAuthResponse>;
  /** A new token arrived: put it in place and tell the other tabs (which makes them skip their own refresh). */
  onRefreshed: (auth: TAuthResponse) => void;
  /** The server ended the session (401, disabled account): sign out. */
  onEnded: () => void;
}

export interface RefreshCoordinator {
  /** Gets a fresh access token: one refresh at a time per tab, and one at a time across the tabs of the browser. */
  refresh: () => Promise<TRefreshOutcome>;
}

/** True when a refresh answer means the session is gone, rather than the request having failed. */
export function isSessionOver(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.code === 'ACCOUNT_DISABLED');
}

/**
 * Refresh tokens rotate on every use and presenting a used one revokes the session. Two tabs refreshing at once
 * would send the same cookie twice, so refreshes are serialised with a Web Lock; inside it, a tab first checks
 * whether another tab already refreshed (its token arrives over a BroadcastChannel) and then skips the request.
 * Even when that message is late, the lock alone is enough: the cookie jar is shared, so the later tab sends the
 * already rotated cookie.
 */
export function createRefreshCoordinator(deps: RefreshCoordinatorDeps): RefreshCoordinator {
  let inflight: Promise<TRefreshOutcome> | null = null;

  async function refreshHoldingLock(staleToken: string | null): Promise<TRefreshOutcome> {
    const current = deps.getAccessToken();
    if (current !== null && current !== staleToken) return 'adopted';
    let auth: TAuthResponse;
    try {
      auth = await deps.requestRefresh();
    } catch (error) {
      if (!isSessionOver(error)) return 'failed';
      deps.onEnded();
      return 'ended';
    }
    deps.onRefreshed(auth);
    return 'refreshed';
  }

  return {
    refresh() {
      if (inflight) return inflight;
      const staleToken = deps.getAccessToken();
      const run = () => refreshHoldingLock(staleToken);
      inflight = (deps.locks ? deps.locks.request(REFRESH_LOCK_NAME, run) : run())
        .catch((): TRefreshOutcome => 'failed')
        .finally(() => {
          inflight = null;
        });
      return inflight;
    },
  };
}
