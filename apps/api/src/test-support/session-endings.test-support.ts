import { expect } from 'vitest';
import {
  createUser,
  latestMailToken,
  login,
  refreshCookieFrom,
  refreshWith,
  type SignedIn,
} from './auth.test-support.js';
import { request, type TestApp } from './harness.test-support.js';
import { countMail } from './mail.test-support.js';

/** One way a session ends, as the shop offers it over HTTP: arrange the sessions, then `end` them on `shop`. */
export interface SessionEnding {
  name: string;
  arrange(shop: TestApp, admin: SignedIn): Promise<EndingCase>;
}

export interface EndingCase {
  /** Sessions that must be refused once `end` has answered. */
  ended: SignedIn[];
  /** Sessions of the same person that must keep working. */
  kept: SignedIn[];
  end(): Promise<void>;
}

const secondDevice = (shop: TestApp, session: SignedIn) =>
  login(shop, session.email, session.password, 'second-device');

async function person(shop: TestApp) {
  const user = await createUser(shop);
  const first = await login(shop, user.email, user.password);
  return { first, second: await secondDevice(shop, first) };
}

async function expectStatus(response: Promise<{ status: number; body: unknown }>, status: number) {
  const answered = await response;
  expect(answered.status, JSON.stringify(answered.body)).toBe(status);
}

/** Every way a session ends (issue 19): each must be refused at once by the instance that did it and soon by others. */
export const SESSION_ENDINGS: SessionEnding[] = [
  {
    name: 'the shopper logs out',
    async arrange(shop) {
      const { first, second } = await person(shop);
      const end = () =>
        expectStatus(
          request(shop.url, 'POST', '/api/auth/logout', {
            token: first.accessToken,
            headers: { cookie: `mercato_rt=${first.refreshCookie}`, origin: shop.config.PUBLIC_URL },
          }),
          204,
        );
      return { ended: [first], kept: [second], end };
    },
  },
  {
    name: 'the shopper signs out every other device',
    async arrange(shop) {
      const { first, second } = await person(shop);
      const end = () =>
        expectStatus(request(shop.url, 'DELETE', '/api/auth/sessions', { token: first.accessToken }), 200);
      return { ended: [second], kept: [first], end };
    },
  },
  {
    name: 'the shopper revokes one session',
    async arrange(shop) {
      const { first, second } = await person(shop);
      const list = await request(shop.url, 'GET', '/api/auth/sessions', { token: second.accessToken });
      const id = list.body.items.find((item: { isCurrent: boolean }) => item.isCurrent).id as string;
      const end = () =>
        expectStatus(request(shop.url, 'DELETE', `/api/auth/sessions/${id}`, { token: first.accessToken }), 204);
      return { ended: [second], kept: [first], end };
    },
  },
  {
    name: 'a rotated-away refresh token is replayed (the family is revoked)',
    async arrange(shop) {
      const { first, second } = await person(shop);
      const rotated = await refreshWith(shop, first.refreshCookie);
      expect(rotated.status).toBe(200);
      const current = {
        ...first,
        accessToken: rotated.body.accessToken,
        refreshCookie: refreshCookieFrom(rotated.headers) ?? '',
      };
      const end = () => expectStatus(refreshWith(shop, first.refreshCookie), 401);
      return { ended: [first, current], kept: [second], end };
    },
  },
  {
    name: 'the password is changed (other sessions end)',
    async arrange(shop) {
      const { first, second } = await person(shop);
      const end = () =>
        expectStatus(
          request(shop.url, 'POST', '/api/auth/password/change', {
            token: first.accessToken,
            body: { currentPassword: first.password, newPassword: 'a-changed-password-1' },
          }),
          204,
        );
      return { ended: [second], kept: [first], end };
    },
  },
  {
    name: 'the password is reset by email link',
    async arrange(shop) {
      const { first, second } = await person(shop);
      await request(shop.url, 'POST', '/api/auth/password/forgot', { body: { email: first.email } });
      await expect.poll(() => countMail(shop, first.email, 'auth.reset-password')).toBe(1);
      const token = await latestMailToken(shop, first.email, 'auth.reset-password');
      const end = () =>
        expectStatus(
          request(shop.url, 'POST', '/api/auth/password/reset', { body: { token, password: 'a-reset-password-1' } }),
          204,
        );
      return { ended: [first, second], kept: [], end };
    },
  },
  staffChange('an admin disables the user', { status: 'disabled' }),
  staffChange('an admin changes the role', { role: 'admin' }),
  {
    name: 'the account is erased',
    async arrange(shop) {
      const { first, second } = await person(shop);
      const end = () =>
        expectStatus(
          request(shop.url, 'POST', '/api/account/erase', {
            token: first.accessToken,
            body: { password: first.password },
          }),
          200,
        );
      return { ended: [first, second], kept: [], end };
    },
  },
];

/** The signed-in account, as any authenticated request would check its session. */
export const readAccount = (shop: TestApp, session: SignedIn) =>
  request(shop.url, 'GET', '/api/auth/me', { token: session.accessToken });

/**
 * Reads the account until its session check and profile come from `shop`'s memory: the state in which a session
 * end must still be seen, since no Redis or MongoDB read would catch it.
 */
export async function warmSessions(shop: TestApp, ...sessions: SignedIn[]) {
  for (const session of sessions) {
    await readAccount(shop, session);
    await readAccount(shop, session);
    const before = shop.app.shopperCache.stats();
    expect((await readAccount(shop, session)).status).toBe(200);
    const after = shop.app.shopperCache.stats();
    // Liveness and profile, both from memory: nothing asked of Redis or MongoDB.
    expect(after.memoryHits - before.memoryHits).toBe(2);
    expect([after.redisHits, after.loads]).toEqual([before.redisHits, before.loads]);
  }
}

export async function expectRefused(shop: TestApp, ...sessions: SignedIn[]) {
  for (const session of sessions) {
    const response = await readAccount(shop, session);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('SESSION_REVOKED');
  }
}

export async function expectAccepted(shop: TestApp, ...sessions: SignedIn[]) {
  for (const session of sessions) expect((await readAccount(shop, session)).status).toBe(200);
}

/** A member of staff changes the person's account (PATCH /api/admin/users/:id): every session of theirs ends. */
function staffChange(name: string, body: Record<string, string>): SessionEnding {
  return {
    name,
    async arrange(shop, admin) {
      const { first, second } = await person(shop);
      const end = () =>
        expectStatus(
          request(shop.url, 'PATCH', `/api/admin/users/${first.userId}`, { token: admin.accessToken, body }),
          200,
        );
      return { ended: [first, second], kept: [], end };
    },
  };
}
