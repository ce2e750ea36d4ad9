import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import {
  login,
  refreshCookieFrom,
  refreshWith,
  signedInUser,
  createUser,
} from '../../test-support/auth.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const me = (token: string) => request(ctx.url, 'GET', '/api/auth/me', { token });

describe('refresh tokens', () => {
  it('when signing in, then the refresh cookie is httpOnly, SameSite=Strict, scoped to /api/auth and not Secure over http', async () => {
    const user = await createUser(ctx);
    const response = await request(ctx.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('mercato_rt='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).not.toMatch(/Secure/i);
    expect(response.body.expiresIn).toBe(900);
    expect(JSON.stringify(response.body)).not.toContain(refreshCookieFrom(response.headers));
  });

  it('when refreshing, then the token rotates and the new access token works', async () => {
    const session = await signedInUser(ctx);
    const first = await refreshWith(ctx, session.refreshCookie);
    expect(first.status).toBe(200);
    const rotated = refreshCookieFrom(first.headers);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(session.refreshCookie);
    expect((await me(first.body.accessToken)).status).toBe(200);
    const second = await refreshWith(ctx, rotated ?? '');
    expect(second.status).toBe(200);
  });

  it('when an already-used refresh token is presented, then the whole session family is revoked', async () => {
    const session = await signedInUser(ctx);
    const first = await refreshWith(ctx, session.refreshCookie);
    const current = refreshCookieFrom(first.headers) ?? '';

    const replay = await refreshWith(ctx, session.refreshCookie);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('SESSION_REVOKED');
    expect(replay.headers.getSetCookie().join()).toMatch(/mercato_rt=;/);

    expect((await refreshWith(ctx, current)).status).toBe(401);
    expect((await me(first.body.accessToken)).status).toBe(401);
    expect((await me(session.accessToken)).body.code).toBe('SESSION_REVOKED');
  });

  it('when the same token is refreshed many times at once, then exactly one succeeds and the family is revoked', async () => {
    const session = await signedInUser(ctx);
    const responses = await Promise.all(Array.from({ length: 8 }, () => refreshWith(ctx, session.refreshCookie)));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.every((response) => response.status === 200 || response.status === 401)).toBe(true);
  });

  it('when the cookie is missing or garbage, then refresh is a 401, never a 500', async () => {
    expect(
      (await request(ctx.url, 'POST', '/api/auth/refresh', { headers: { origin: ctx.config.PUBLIC_URL } })).status,
    ).toBe(401);
    for (const garbage of ['x', 'a'.repeat(24) + '.short', '0123456789abcdef01234567.' + 'A'.repeat(43), '%00%ff']) {
      const response = await refreshWith(ctx, garbage);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('TOKEN_INVALID');
    }
  });

  it('when refresh comes from another origin, then it is refused', async () => {
    const session = await signedInUser(ctx);
    const response = await refreshWith(ctx, session.refreshCookie, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ORIGIN_REJECTED');
    expect((await refreshWith(ctx, session.refreshCookie)).status).toBe(200);
  });
});

describe('devices and logout', () => {
  it('when the same user signs in on two devices, then both stay signed in and logout ends only one', async () => {
    const user = await createUser(ctx);
    const phone = await login(ctx, user.email, user.password, 'phone');
    const laptop = await login(ctx, user.email, user.password, 'laptop');
    expect((await me(phone.accessToken)).status).toBe(200);
    expect((await me(laptop.accessToken)).status).toBe(200);
    expect((await refreshWith(ctx, phone.refreshCookie)).status).toBe(200);

    const sessions = await request(ctx.url, 'GET', '/api/auth/sessions', { token: laptop.accessToken });
    expect(sessions.body.items.map((item: { userAgent: string }) => item.userAgent).sort()).toEqual([
      'laptop',
      'phone',
    ]);
    expect(sessions.body.items.find((item: { isCurrent: boolean }) => item.isCurrent).userAgent).toBe('laptop');

    const logout = await request(ctx.url, 'POST', '/api/auth/logout', {
      headers: { cookie: `mercato_rt=${laptop.refreshCookie}`, origin: ctx.config.PUBLIC_URL },
    });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie().join()).toMatch(/mercato_rt=;/);
    expect((await me(laptop.accessToken)).status).toBe(401);
    expect((await refreshWith(ctx, laptop.refreshCookie)).status).toBe(401);
    expect((await me(phone.accessToken)).status).toBe(200);
  });

  it('when a user revokes one of their sessions, then it ends; another user cannot revoke it', async () => {
    const user = await createUser(ctx);
    const first = await login(ctx, user.email, user.password, 'first');
    const second = await login(ctx, user.email, user.password, 'second');
    const stranger = await signedInUser(ctx);
    const list = await request(ctx.url, 'GET', '/api/auth/sessions', { token: first.accessToken });
    const secondId = list.body.items.find((item: { userAgent: string }) => item.userAgent === 'second').id;

    const foreign = await request(ctx.url, 'DELETE', `/api/auth/sessions/${secondId}`, { token: stranger.accessToken });
    expect(foreign.status).toBe(404);
    expect((await me(second.accessToken)).status).toBe(200);

    expect(
      (await request(ctx.url, 'DELETE', `/api/auth/sessions/${secondId}`, { token: first.accessToken })).status,
    ).toBe(204);
    expect((await me(second.accessToken)).status).toBe(401);
    expect(
      (await request(ctx.url, 'DELETE', '/api/auth/sessions/not-an-id', { token: first.accessToken })).status,
    ).toBe(400);
  });
});

describe('signing out other devices', () => {
  it('when a user signs out every other device, then only the current session survives', async () => {
    const user = await createUser(ctx);
    const here = await login(ctx, user.email, user.password, 'here');
    const others = [await login(ctx, user.email, user.password, 'a'), await login(ctx, user.email, user.password, 'b')];
    const response = await request(ctx.url, 'DELETE', '/api/auth/sessions', { token: here.accessToken });
    expect(response.body).toEqual({ revoked: 2 });
    expect((await me(here.accessToken)).status).toBe(200);
    for (const other of others) expect((await me(other.accessToken)).status).toBe(401);
  });
});

describe('access tokens', () => {
  const forge = async (secret: string, claims: Record<string, unknown>, expiresIn = '5m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('mercato')
      .setAudience('mercato-api')
      .setSubject(String(claims.sub ?? '0'.repeat(24)))
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(new TextEncoder().encode(secret));

  it('when a token is tampered, unsigned (alg none), wrongly signed or expired, then the answer is 401, never 500', async () => {
    const session = await signedInUser(ctx);
    const [header, payload, signature] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const elevated = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const cases = [
      `${header}.${elevated}.${signature}`,
      `${none}.${elevated}.`,
      await forge('some-other-secret-that-is-32-chars-long!!', { ...claims }),
      await forge(ctx.config.JWT_SECRET, { ...claims }, '-1m'),
      'not.a.jwt',
      'garbage',
    ];
    for (const token of cases) {
      const response = await me(token);
      expect(response.status, token).toBe(401);
      expect(response.body.code).toBe('TOKEN_INVALID');
      expect(response.headers.get('www-authenticate')).toMatch(/Bearer/);
    }
  });

  it('when no token is sent to a protected route, then 401 UNAUTHENTICATED', async () => {
    const response = await request(ctx.url, 'GET', '/api/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('when the profile is updated, then only the name changes', async () => {
    const session = await signedInUser(ctx);
    // Read twice first, so the account answer is cached (and serialised) before the change.
    for (let read = 0; read < 2; read++) expect((await me(session.accessToken)).body.name).toBe('Test User');
    const updated = await request(ctx.url, 'PATCH', '/api/auth/me', {
      token: session.accessToken,
      body: { name: '  Renamed ' },
    });
    expect(updated.body.name).toBe('Renamed');
    expect((await me(session.accessToken)).body.name).toBe('Renamed');
    const escalate = await request(ctx.url, 'PATCH', '/api/auth/me', {
      token: session.accessToken,
      body: { name: 'x', role: 'admin' },
    });
    expect(escalate.status).toBe(400);
    expect((await me(session.accessToken)).body.role).toBe('customer');
  });
});

describe('over HTTPS', () => {
  it('when the public URL is https, then the refresh cookie is Secure', async () => {
    const secure = await startTestApp({ PUBLIC_URL: 'https://shop.example.com' });
    try {
      const user = await createUser(secure);
      const response = await request(secure.url, 'POST', '/api/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(response.headers.getSetCookie().find((line) => line.startsWith('mercato_rt='))).toMatch(/Secure/);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});
