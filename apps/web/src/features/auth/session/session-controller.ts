import type { TAuthResponse, TUser } from '@mercato/shared';
import { setRefreshAccessToken } from '../../../lib/api-client.js';
import { getAccessToken } from '../../../lib/auth-token-store.js';
import { logOut } from '../api/log-out.js';
import { refreshSession } from '../api/refresh-session.js';
import { createRefreshCoordinator, type LockManagerLike, type RefreshCoordinator } from './refresh-coordinator.js';
import { openSessionChannel, type SessionChannel, type TSessionMessage } from './session-channel.js';
import { hasSessionHint, setSessionHint } from './session-hint.js';
import {
  applyAuth,
  applySignedOut,
  applyUser,
  getSession,
  markSessionPending,
  type TSignInReason,
} from './session-store.js';

/** Refresh this long before the access token expires, so active users never hit a 401 first. */
const REFRESH_AHEAD_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 10_000;

let channel: SessionChannel | null = null;
let coordinator: RefreshCoordinator | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function browserLocks(): LockManagerLike | null {
  // Missing on plain-HTTP origins other than localhost, and in old browsers: refreshes are then only in-tab.
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
}

function scheduleRefresh(expiresInSeconds: number): void {
  clearTimeout(refreshTimer);
  const delay = Math.max(MIN_REFRESH_DELAY_MS, expiresInSeconds * 1_000 - REFRESH_AHEAD_MS);
  refreshTimer = setTimeout(() => void coordinator?.refresh(), delay);
}

function establish(auth: TAuthResponse, reason: TSignInReason): void {
  applyAuth(auth, reason);
  setSessionHint(true);
  scheduleRefresh(auth.expiresIn);
}

function forget(): void {
  clearTimeout(refreshTimer);
  setSessionHint(false);
  applySignedOut();
}

function handleMessage(message: TSessionMessage): void {
  switch (message.type) {
    case 'signed-in':
      establish(message.auth, 'other-tab');
      return;
    case 'signed-out':
      forget();
      return;
    case 'user-updated':
      applyUser(message.user);
      return;
  }
}

/**
 * Starts session handling once, before the first render: installs the refresher the API client calls on a 401
 * `TOKEN_INVALID`, listens to the other tabs, and restores the session silently when this browser had one.
 */
export function startAuthSession(): void {
  if (coordinator) return;
  const tabs = openSessionChannel();
  channel = tabs;
  const refresher = createRefreshCoordinator({
    locks: browserLocks(),
    getAccessToken,
    requestRefresh: refreshSession,
    onRefreshed: (auth) => {
      establish(auth, 'restored');
      tabs.post({ type: 'signed-in', auth });
    },
    onEnded: () => {
      forget();
      tabs.post({ type: 'signed-out' });
    },
  });
  coordinator = refresher;
  setRefreshAccessToken(async () => {
    const outcome = await refresher.refresh();
    return outcome === 'refreshed' || outcome === 'adopted';
  });
  tabs.subscribe(handleMessage);
  if (!hasSessionHint()) return;
  markSessionPending();
  void refresher.refresh().then((outcome) => {
    // API unreachable: show the shop signed out but keep the hint, so the next reload tries again.
    if (outcome === 'failed' && getSession().status === 'pending') applySignedOut();
  });
}

/** After login or email confirmation: the session goes in place here and in every other tab. */
export function completeSignIn(auth: TAuthResponse, reason: 'login' | 'email-verified'): void {
  establish(auth, reason);
  channel?.post({ type: 'signed-in', auth });
}

/** Forgets the session in every tab without calling the API, because the server has already ended it. */
export function dropSession(): void {
  forget();
  channel?.post({ type: 'signed-out' });
}

/**
 * Signs out: here and in every tab first, so no request made from now on carries the token the server is about to
 * revoke; then `settle` (the caller stops requests still in flight, which would otherwise meet a 401 from the session
 * being ended); then the server (the refresh cookie names the session and is cleared).
 */
export async function signOut(settle: () => Promise<void> = async () => {}): Promise<void> {
  dropSession();
  await settle();
  try {
    await logOut();
  } catch {
    // Offline or already gone: the server session expires on its own.
  }
}

/** New profile details for the header, here and in the other tabs. */
export function publishUser(user: TUser): void {
  applyUser(user);
  channel?.post({ type: 'user-updated', user });
}
