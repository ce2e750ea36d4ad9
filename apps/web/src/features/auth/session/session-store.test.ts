import type { TAuthResponse, TUser } from '@mercato/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAccessToken } from '../../../lib/auth-token-store.js';
import {
  applyAuth,
  applySignedOut,
  applyUser,
  getSession,
  onSignedIn,
  onSignedOut,
  type SignedInEvent,
} from './session-store.js';

const ada: TUser = {
  id: 'a'.repeat(24),
  email: 'ada@example.com',
  name: 'Ada',
  role: 'customer',
  createdAt: '2026-01-01T00:00:00.000Z',
  marketingOptIn: false,
};
const grace: TUser = { ...ada, id: 'b'.repeat(24), email: 'grace@example.com', name: 'Grace', role: 'admin' };

function auth(user: TUser, accessToken: string): TAuthResponse {
  return { accessToken, tokenType: 'Bearer', expiresIn: 900, user };
}

const unsubscribers: (() => void)[] = [];
function subscribe() {
  const signedIn: SignedInEvent[] = [];
  let signedOut = 0;
  unsubscribers.push(onSignedIn((event) => signedIn.push(event)));
  unsubscribers.push(onSignedOut(() => (signedOut += 1)));
  return { signedIn, signedOutCount: () => signedOut };
}

afterEach(() => {
  unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  applySignedOut();
});

describe('session store', () => {
  it('when a user signs in, then subscribers hear it once, after the token is in place for API calls', () => {
    const tokenSeen: (string | null)[] = [];
    unsubscribers.push(onSignedIn(() => tokenSeen.push(getAccessToken())));
    const events = subscribe();

    applyAuth(auth(ada, 'at-1'), 'login');

    expect(events.signedIn).toEqual([{ user: ada, reason: 'login' }]);
    expect(tokenSeen).toEqual(['at-1']);
    expect(getSession()).toEqual({ status: 'signedIn', user: ada });
  });

  it('when the same user’s token is refreshed, then no new sign-in is announced', () => {
    applyAuth(auth(ada, 'at-1'), 'login');
    const events = subscribe();

    applyAuth(auth(ada, 'at-2'), 'restored');

    expect(events.signedIn).toEqual([]);
    expect(getAccessToken()).toBe('at-2');
  });

  it('when another user signs in over the current one (another tab), then a sign-in is announced for them', () => {
    applyAuth(auth(ada, 'at-1'), 'login');
    const events = subscribe();

    applyAuth(auth(grace, 'at-9'), 'other-tab');

    expect(events.signedIn).toEqual([{ user: grace, reason: 'other-tab' }]);
  });

  it('when a subscriber throws, then the others still run and the sign-in completes', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    unsubscribers.push(
      onSignedIn(() => {
        throw new Error('cart merge failed');
      }),
    );
    const events = subscribe();

    applyAuth(auth(ada, 'at-1'), 'email-verified');

    expect(events.signedIn).toHaveLength(1);
    expect(getSession().status).toBe('signedIn');
    expect(consoleError).toHaveBeenCalledOnce();
    consoleError.mockRestore();
  });

  it('when a signed-in user signs out, then subscribers hear it once and the token is gone; signing out again is silent', () => {
    applyAuth(auth(ada, 'at-1'), 'login');
    const events = subscribe();

    applySignedOut();
    applySignedOut();

    expect(events.signedOutCount()).toBe(1);
    expect(getAccessToken()).toBeNull();
    expect(getSession()).toEqual({ status: 'signedOut', user: null });
  });

  it('when an unsubscribed listener’s event happens, then it is not called', () => {
    const listener = vi.fn();
    const unsubscribe = onSignedIn(listener);
    unsubscribe();

    applyAuth(auth(ada, 'at-1'), 'login');

    expect(listener).not.toHaveBeenCalled();
  });

  it('when profile details change, then only the signed-in user’s record is replaced', () => {
    applyAuth(auth(ada, 'at-1'), 'login');

    applyUser({ ...ada, name: 'Ada L.' });
    applyUser({ ...grace, name: 'Not me' });

    expect(getSession().user?.name).toBe('Ada L.');
  });
});
