import { shopperStateCacheOf } from '../plugins/shopper-cache.js';
import { randomBytes } from 'node:crypto';
import { createPersonalData } from '../lib/personal-data.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { createUsersRepo } from '../modules/users/repo.js';
import { latestMail } from './mail.test-support.js';
import { request, type TestApp } from './harness.test-support.js';

export interface SignedIn {
  accessToken: string;
  refreshCookie: string;
  userId: string;
  email: string;
  password: string;
}

/** The value of the refresh cookie set by a response, if any. */
export function refreshCookieFrom(headers: Headers): string | undefined {
  const line = headers.getSetCookie().find((cookie) => cookie.startsWith('mercato_rt='));
  return line ? line.split(';')[0]?.slice('mercato_rt='.length) : undefined;
}

/** The latest email to `to` with `tag`, and the token in its link. */
export async function latestMailToken(ctx: TestApp, to: string, tag: string): Promise<string> {
  const message = await latestMail(ctx, to, tag);
  const token = /token=([A-Za-z0-9_%-]+)/.exec(String(message?.text ?? ''))?.[1];
  if (!token) throw new Error(`no ${tag} email with a token for ${to}`);
  return decodeURIComponent(token);
}

/** Most arranged users share one password, so its bcrypt hash (deliberately slow) is computed once per run. */
export const DEFAULT_PASSWORD = 'arranged-user-password';
const hashes = new Map<string, Promise<string>>();
function hashFor(password: string, cost: number): Promise<string> {
  const key = `${cost}:${password}`;
  let hash = hashes.get(key);
  if (!hash) {
    hash = hashPassword(password, cost);
    hashes.set(key, hash);
  }
  return hash;
}

/**
 * Creates an active user directly in the database (arrange step for tests that are not about signup), with a
 * real bcrypt hash at the configured cost.
 */
export async function createUser(
  ctx: TestApp,
  options: { role?: 'customer' | 'admin'; email?: string; password?: string; name?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  const email = options.email ?? `user-${randomBytes(4).toString('hex')}@example.com`;
  const password = options.password ?? DEFAULT_PASSWORD;
  const now = new Date();
  // Through the app's repository, so the name is sealed as the app stores it.
  const user = await createUsersRepo(ctx.db, createPersonalData(ctx.config), shopperStateCacheOf(ctx.app)).insert({
    email,
    name: options.name ?? 'Test User',
    passwordHash: await hashFor(password, ctx.config.BCRYPT_COST),
    role: options.role ?? 'customer',
    status: 'active',
    createdAt: now,
    updatedAt: now,
    verifiedAt: now,
  });
  if (!user) throw new Error(`user ${email} exists already`);
  return { id: user._id.toHexString(), email, password };
}

export async function login(ctx: TestApp, email: string, password: string, userAgent = 'vitest'): Promise<SignedIn> {
  const response = await request(ctx.url, 'POST', '/api/auth/login', {
    body: { email, password },
    headers: { 'user-agent': userAgent },
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    accessToken: response.body.accessToken,
    refreshCookie: refreshCookieFrom(response.headers) ?? '',
    userId: response.body.user.id,
    email,
    password,
  };
}

/** Creates a user and signs in: the usual arrange step for endpoints that need a signed-in shopper or admin. */
export async function signedInUser(
  ctx: TestApp,
  options: { role?: 'customer' | 'admin'; email?: string } = {},
): Promise<SignedIn> {
  const user = await createUser(ctx, options);
  return login(ctx, user.email, user.password);
}

export function refreshWith(ctx: TestApp, cookie: string, origin: string | undefined = ctx.config.PUBLIC_URL) {
  return request(ctx.url, 'POST', '/api/auth/refresh', {
    headers: { cookie: `mercato_rt=${cookie}`, ...(origin ? { origin } : {}) },
  });
}
