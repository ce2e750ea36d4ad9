import type { TAuthResponse } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-error.js';
import {
  createRefreshCoordinator,
  REFRESH_LOCK_NAME,
  type LockManagerLike,
  type RefreshCoordinator,
} from './refresh-coordinator.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** One lock manager per browser: callbacks for a name run one after another, like navigator.locks. */
function createFakeLocks(): LockManagerLike & { names: string[] } {
  const tails = new Map<string, Promise<unknown>>();
  const names: string[] = [];
  return {
    names,
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      names.push(name);
      const run = (tails.get(name) ?? Promise.resolve()).then(callback);
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}

/**
 * The API as the browser sees it: one cookie jar shared by every tab; each refresh reads the cookie when it is sent,
 * answers after some latency, rotates the token and revokes the session when a used token comes back.
 */
function createFakeServer() {
  let generation = 0;
  let cookie: string | null = 'rt-0';
  const used = new Set<string>();
  let isRevoked = false;
  const server = {
    calls: 0,
    reuses: 0,
    failNext: null as ApiError | null,
    async refresh(): Promise<TAuthResponse> {
      server.calls += 1;
      const presented = cookie;
      const failure = server.failNext;
      server.failNext = null;
      await tick();
      if (failure) throw failure;
      if (presented && used.has(presented)) {
        server.reuses += 1;
        isRevoked = true;
      }
      if (!presented || isRevoked) {
        cookie = null;
        throw new ApiError({ status: 401, code: 'SESSION_REVOKED', message: 'This session has ended.' });
      }
      used.add(presented);
      generation += 1;
      cookie = `rt-${generation}`;
      return {
        accessToken: `at-${generation}`,
        tokenType: 'Bearer',
        expiresIn: 900,
        user: {
          id: 'a'.repeat(24),
          email: 'ada@example.com',
          name: 'Ada',
          role: 'customer',
          createdAt: '',
          marketingOptIn: false,
        },
      };
    },
  };
  return server;
}

interface Tab {
  token: string | null;
  ended: boolean;
  coordinator: RefreshCoordinator;
}

/** Tabs of one browser: shared locks and server, a broadcast bus delivering immediately or after a delay. */
function openTabs(count: number, options: { locks: LockManagerLike | null; deliveryDelayMs?: number }) {
  const server = createFakeServer();
  const tabs: Tab[] = [];
  const broadcast = (from: Tab, auth: TAuthResponse) => {
    for (const tab of tabs) {
      if (tab === from) continue;
      const deliver = () => {
        tab.token = auth.accessToken;
      };
      if (options.deliveryDelayMs === undefined) deliver();
      else setTimeout(deliver, options.deliveryDelayMs);
    }
  };
  for (let index = 0; index < count; index += 1) {
    const tab: Tab = { token: null, ended: false, coordinator: undefined as unknown as RefreshCoordinator };
    tab.coordinator = createRefreshCoordinator({
      locks: options.locks,
      getAccessToken: () => tab.token,
      requestRefresh: () => server.refresh(),
      onRefreshed: (auth) => {
        tab.token = auth.accessToken;
        broadcast(tab, auth);
      },
      onEnded: () => {
        tab.token = null;
        tab.ended = true;
      },
    });
    tabs.push(tab);
  }
  return { server, tabs };
}

describe('createRefreshCoordinator', () => {
  it('when one tab asks three times at once, then one refresh request is sent and all three share its outcome', async () => {
    const { server, tabs } = openTabs(1, { locks: createFakeLocks() });
    const [tab] = tabs as [Tab];

    const outcomes = await Promise.all([
      tab.coordinator.refresh(),
      tab.coordinator.refresh(),
      tab.coordinator.refresh(),
    ]);

    expect(outcomes).toEqual(['refreshed', 'refreshed', 'refreshed']);
    expect(server.calls).toBe(1);
    expect(tab.token).toBe('at-1');
  });

  it('when two tabs reload at once and the broadcast arrives first, then the second tab adopts the token without a request', async () => {
    const locks = createFakeLocks();
    const { server, tabs } = openTabs(2, { locks });
    const [first, second] = tabs as [Tab, Tab];

    const outcomes = await Promise.all([first.coordinator.refresh(), second.coordinator.refresh()]);

    expect(outcomes).toEqual(['refreshed', 'adopted']);
    expect(server.calls).toBe(1);
    expect(second.token).toBe(first.token);
    expect(locks.names).toEqual([REFRESH_LOCK_NAME, REFRESH_LOCK_NAME]);
  });

  it('when two tabs reload at once and the broadcast is late, then the second refresh sends the rotated cookie and both stay signed in', async () => {
    const { server, tabs } = openTabs(2, { locks: createFakeLocks(), deliveryDelayMs: 50 });
    const [first, second] = tabs as [Tab, Tab];

    const outcomes = await Promise.all([first.coordinator.refresh(), second.coordinator.refresh()]);

    expect(outcomes).toEqual(['refreshed', 'refreshed']);
    expect(server.reuses).toBe(0);
    expect([first.ended, second.ended]).toEqual([false, false]);
  });

  it('when tabs refresh at once without the cross-tab lock, then the server sees a reused token (what the lock prevents)', async () => {
    const { server, tabs } = openTabs(2, { locks: null });

    const outcomes = await Promise.all(tabs.map((tab) => tab.coordinator.refresh()));

    expect(server.reuses).toBe(1);
    expect(outcomes).toContain('ended');
  });

  it('when a tab refreshes again after the previous refresh finished, then a new request is sent', async () => {
    const { server, tabs } = openTabs(1, { locks: createFakeLocks() });
    const [tab] = tabs as [Tab];

    await tab.coordinator.refresh();
    await tab.coordinator.refresh();

    expect(server.calls).toBe(2);
    expect(tab.token).toBe('at-2');
  });

  it('when the server answers 401, then the session ends', async () => {
    const { server, tabs } = openTabs(1, { locks: createFakeLocks() });
    const [tab] = tabs as [Tab];
    server.failNext = new ApiError({ status: 401, code: 'TOKEN_INVALID', message: 'No valid refresh token.' });

    const outcome = await tab.coordinator.refresh();

    expect(outcome).toBe('ended');
    expect(tab.ended).toBe(true);
  });

  it('when the API cannot be reached, then the outcome is failed and the session is not ended', async () => {
    const { server, tabs } = openTabs(1, { locks: createFakeLocks() });
    const [tab] = tabs as [Tab];
    server.failNext = new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Offline.' });

    const outcome = await tab.coordinator.refresh();

    expect(outcome).toBe('failed');
    expect(tab.ended).toBe(false);
  });

  it('when the lock manager itself rejects, then the outcome is failed instead of an unhandled error', async () => {
    const coordinator = createRefreshCoordinator({
      locks: { request: () => Promise.reject(new Error('lock aborted')) },
      getAccessToken: () => null,
      requestRefresh: () => Promise.reject(new Error('not called')),
      onRefreshed: () => undefined,
      onEnded: () => undefined,
    });

    expect(await coordinator.refresh()).toBe('failed');
  });
});
